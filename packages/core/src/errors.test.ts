import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, FormatError, InvalidArgumentError, SynthError, ValidationError, describeValue, isSynthError } from './errors';

describe('error family', () => {
  it('names the parameter, the rule and the value', () => {
    const error = new InvalidArgumentError('firingProbabilities[3]', 'a number in [0, 1]', 1.2);
    expect(error.message).toBe('Invalid firingProbabilities[3]: expected a number in [0, 1], got 1.2.');
    expect(error).toMatchObject({ parameter: 'firingProbabilities[3]', rule: 'a number in [0, 1]', value: 1.2, code: 'SYNTH_INVALID_ARGUMENT', name: 'InvalidArgumentError' });
  });

  it('keeps the class hierarchy for instanceof', () => {
    const error = new InvalidArgumentError('x', 'a number', 'y');
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(SynthError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(FormatError);
    expect(new FormatError('bad')).not.toBeInstanceOf(ValidationError);
    expect(new BackendUnavailableError('gpu', 'install it')).toBeInstanceOf(SynthError);
  });

  it('recognises errors thrown by another copy of the package (same Symbol.for brand)', () => {
    // A structurally separate object carrying the brand, as a duplicate package copy would create.
    const foreign = Object.assign(new Error('from another copy'), {});
    Object.defineProperty(foreign, Symbol.for('@synth/core/error-kinds'), { value: ['InvalidArgumentError', 'ValidationError', 'SynthError'] });
    expect(foreign).toBeInstanceOf(ValidationError);
    expect(foreign).toBeInstanceOf(SynthError);
    expect(foreign).not.toBeInstanceOf(FormatError);
    expect(isSynthError(foreign)).toBe(true);
    expect(isSynthError(new Error('plain'))).toBe(false);
    expect(isSynthError(null)).toBe(false);
  });

  it('prefixes the source of a format error and keeps the cause', () => {
    const cause = new Error('eof');
    const error = new FormatError('truncated header', { source: 'model.safetensors', cause });
    expect(error.message).toBe('model.safetensors: truncated header');
    expect(error.cause).toBe(cause);
  });

  it('describes any value in bounded length', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const text = describeValue(value);
        expect(typeof text).toBe('string');
        expect(text.length).toBeLessThan(200);
      }),
    );
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(new Float32Array(3))).toBe('a Float32Array of length 3');
    expect(describeValue({ shape: [2, 3] })).toBe('a tensor of shape [2, 3]');
  });
});
