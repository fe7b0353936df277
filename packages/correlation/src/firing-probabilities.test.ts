import { InvalidArgumentError, Rng, createBackend, denseMatrix, identityMatrix } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCopulaSampler } from './copula-sampler';
import { resolveFiringProbabilities } from './firing-probabilities';

describe('resolveFiringProbabilities', () => {
  it('broadcasts a number and copies an array', () => {
    expect(Array.from(resolveFiringProbabilities(0.25, 3))).toEqual([0.25, 0.25, 0.25]);
    expect(Array.from(resolveFiringProbabilities([0, 0.5, 1], 3))).toEqual([0, 0.5, 1]);
  });

  it('rejects a wrong length with SAELens wording', () => {
    expect(() => resolveFiringProbabilities([0.1, 0.2], 3)).toThrow('Value must be a tensor of shape (3,) or a float');
  });

  it('rejects exactly the probabilities outside [0, 1] or NaN (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 6 }), (values) => {
        const bad = values.findIndex((p) => !(p >= 0 && p <= 1));
        if (bad < 0) expect(Array.from(resolveFiringProbabilities(values, values.length))).toEqual(values);
        else expect(() => resolveFiringProbabilities(values, values.length)).toThrow(`Invalid firingProbabilities[${bad}]`);
      }),
    );
    expect(() => resolveFiringProbabilities(1.2, 3)).toThrow('Invalid firingProbabilities: expected a number in [0, 1], got 1.2.');
  });
});

describe('createCopulaSampler validation', () => {
  it('rejects bad correlations, probabilities, backends and sampling ranges', async () => {
    const backend = await createBackend('cpu');
    expect(() => createCopulaSampler(identityMatrix(2), [0.1, 0.2, 0.3], { backend })).toThrow('Value must be a tensor of shape (2,) or a float');
    expect(() => createCopulaSampler(denseMatrix(2, 2, [1, 2, 2, 1]), 0.1, { backend })).toThrow('Correlation matrix must be positive definite');
    expect(() => createCopulaSampler(new Float64Array(3), 0.1, { backend })).toThrow('Correlation matrix must have shape (n, n)');
    expect(() => createCopulaSampler(identityMatrix(2), 0.1, {} as never)).toThrow(InvalidArgumentError);
    const lowRank = { numFeatures: 2, rank: 1, correlationFactor: new Float32Array([0.5, 0.5]), correlationDiag: new Float32Array([0.5, 0.5]) };
    expect(() => createCopulaSampler(lowRank, 0.1, { backend })).toThrow('not 1');
    const sampler = createCopulaSampler(identityMatrix(2), 0.1, { backend });
    await expect(sampler.sampleFiring({} as never, 0, 1)).rejects.toThrow('Invalid rng');
    await expect(sampler.sampleFiring(Rng.fromSeed(1), -1, 1)).rejects.toThrow('Invalid startRow');
    sampler.dispose();
  });

  it('handles zero rows and zero features', async () => {
    const backend = await createBackend('cpu');
    const empty = createCopulaSampler(identityMatrix(0), [], { backend });
    expect(await empty.sampleFiring(Rng.fromSeed(1), 0, 3)).toEqual({ rows: 3, columns: 0, rowOffsets: new Int32Array(4), columnIndices: new Int32Array(0) });
    const sampler = createCopulaSampler(identityMatrix(2), 0.5, { backend });
    expect(await sampler.sampleFiring(Rng.fromSeed(1), 0, 0)).toEqual({ rows: 0, columns: 2, rowOffsets: new Int32Array(1), columnIndices: new Int32Array(0) });
    sampler.dispose();
  });
});
