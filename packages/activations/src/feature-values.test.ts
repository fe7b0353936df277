import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FINITE_RULE, NON_NEGATIVE_RULE, PROBABILITY_RULE, toFeatureValues } from './feature-values';

const backends = await loadTestBackends();

describe('toFeatureValues', () => {
  it('repeats a number and copies arrays and typed arrays as float32', () => {
    expect(toFeatureValues('p', 0.25, 3, PROBABILITY_RULE)).toEqual(new Float32Array([0.25, 0.25, 0.25]));
    expect(toFeatureValues('p', [0.1, 0.2], 2, PROBABILITY_RULE)).toEqual(Float32Array.from([0.1, 0.2]));
    expect(toFeatureValues('m', new Float64Array([-1, 2]), 2, FINITE_RULE)).toEqual(new Float32Array([-1, 2]));
    expect(toFeatureValues('p', 0.5, 0, PROBABILITY_RULE)).toEqual(new Float32Array(0));
  });

  it.each([
    ['a short array', [0.1], 2],
    ['a long typed array', new Float32Array(3), 2],
    ['a string', 'abc', 3],
    ['an object', { length: 2 }, 2],
    ['null', null, 2],
  ])('rejects %s with the SAELens shape message', (_label, value, n) => {
    expect(() => toFeatureValues('firingProbabilities', value as never, n, PROBABILITY_RULE)).toThrow(
      new RegExp(`Value must be a tensor of shape \\(${n},\\) or a float`),
    );
  });

  it.each([
    [PROBABILITY_RULE, 1.2, /Invalid firingProbabilities: expected a number in \[0, 1\], got 1.2/],
    [PROBABILITY_RULE, Number.NaN, /got NaN/],
    [PROBABILITY_RULE, -0.1, /got -0.1/],
    [NON_NEGATIVE_RULE, -1, /expected a finite float32 number >= 0/],
    [NON_NEGATIVE_RULE, Infinity, /got Infinity/],
    [FINITE_RULE, 1e39, /expected a finite float32 number, got 1e\+39/],
  ])('rejects a bad number (%#)', (rule, value, message) => {
    expect(() => toFeatureValues('firingProbabilities', value, 3, rule)).toThrow(message);
  });

  it('names the first bad index of an array (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.oneof(fc.constant(Number.NaN), fc.double({ min: 1.0001, max: 1e6 }), fc.double({ min: -1e6, max: -1e-9 })),
        (values, at, bad) => {
          const index = at % values.length;
          values[index] = bad;
          const error = (() => {
            try {
              toFeatureValues('firingProbabilities', values, values.length, PROBABILITY_RULE);
            } catch (e) {
              return e;
            }
            return undefined;
          })();
          expect(error).toBeInstanceOf(InvalidArgumentError);
          expect((error as InvalidArgumentError).parameter).toBe(`firingProbabilities[${index}]`);
        },
      ),
    );
  });

  describe.each(backends.map((b) => [b.name, b] as const))('with tensors on %s', (_name, backend) => {
    it('reads a Tensor1D of the right shape and rejects others, without leaking', async () => {
      const { tf } = backend;
      await expectNoTensorLeak(backend, () => {
        const ok = tf.tensor1d([0.5, 1, 0]);
        const wrong = tf.tensor2d([[0.5, 1]]);
        expect(toFeatureValues('p', ok, 3, PROBABILITY_RULE)).toEqual(new Float32Array([0.5, 1, 0]));
        expect(() => toFeatureValues('p', ok, 4, PROBABILITY_RULE)).toThrow('Value must be a tensor of shape (4,) or a float. Got (3,)');
        expect(() => toFeatureValues('p', wrong as never, 2, PROBABILITY_RULE)).toThrow('Got (1, 2)');
        ok.dispose();
        wrong.dispose();
      });
    });
  });
});
