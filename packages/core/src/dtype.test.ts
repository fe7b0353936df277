import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDtype, tensorDtype } from './dtype';
import { InvalidArgumentError } from './errors';

describe('parseDtype', () => {
  it.each([
    ['float32', 'float32'],
    ['torch.float32', 'float32'],
    ['float64', 'float64'],
    ['torch.bfloat16', 'bfloat16'],
    ['float16', 'float16'],
  ])('parses %s', (name, canonical) => {
    expect(parseDtype(name)).toBe(canonical);
  });

  it('rejects every other value with "Invalid dtype"', () => {
    fc.assert(
      fc.property(fc.anything().filter((v) => !['float32', 'float64', 'float16', 'bfloat16'].some((n) => v === n || v === `torch.${n}`)), (value) => {
        expect(() => parseDtype(value)).toThrow(InvalidArgumentError);
        expect(() => parseDtype(value)).toThrow(/Invalid dtype/);
      }),
    );
  });

  it('tensorDtype accepts float32 only', () => {
    expect(tensorDtype('torch.float32')).toBe('float32');
    expect(() => tensorDtype('float64')).toThrow(/TensorFlow.js computes floats in float32/);
  });
});
