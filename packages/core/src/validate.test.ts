import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { assertAllInRange, assertFinite, assertInRange, assertInteger, assertOneOf } from './validate';

const expectInvalid = (fn: () => void, parameter: string): void => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).parameter).toBe(parameter);
    return;
  }
  throw new Error('expected an InvalidArgumentError');
};

describe('guards', () => {
  it.each([Number.NaN, -1, 1.5, Infinity, '3', null, 2 ** 53])('assertInteger rejects %s', (value) => {
    expectInvalid(() => assertInteger('numFeatures', value), 'numFeatures');
  });

  it.each([Number.NaN, Infinity, -Infinity, '1', undefined])('assertFinite rejects %s', (value) => {
    expectInvalid(() => assertFinite('lr', value), 'lr');
  });

  it('assertInRange accepts exactly the closed interval (NaN fails)', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const inside = value >= 0 && value <= 1;
        if (inside) assertInRange('p', value, 0, 1);
        else expectInvalid(() => assertInRange('p', value, 0, 1), 'p');
      }),
    );
  });

  it('assertAllInRange names the first bad index', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true })), fc.nat(), fc.constantFrom(Number.NaN, 1.5, -0.1), (good, at, bad) => {
        const values = [...good];
        const index = good.length === 0 ? 0 : at % good.length;
        values.splice(index, 0, bad);
        expectInvalid(() => assertAllInRange('firingProbabilities', values, 0, 1), `firingProbabilities[${index}]`);
      }),
    );
  });

  it('assertOneOf lists the choices', () => {
    expect(() => assertOneOf('backend', 'tpu', ['cpu', 'wasm'])).toThrow("Invalid backend: expected one of 'cpu', 'wasm', got \"tpu\".");
    assertOneOf('backend', 'cpu', ['cpu', 'wasm']);
  });
});
