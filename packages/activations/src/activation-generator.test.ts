import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng, ValidationError, sparseRowsToDense } from '@synth/core';
import type { SparseRows } from '@synth/core';
import { ActivationGenerator } from './activation-generator';
import type { ActivationGeneratorOptions } from './activation-generator-options';

const base: ActivationGeneratorOptions = { numFeatures: 6, firingProbabilities: [0.9, 0.5, 0.2, 0.05, 0, 1], seed: 3 };

function concatRows(batches: readonly SparseRows[]): Float32Array {
  return Float32Array.from(batches.flatMap((b) => Array.from(sparseRowsToDense(b))));
}

describe('ActivationGenerator options', () => {
  it.each<[string, Partial<Record<keyof ActivationGeneratorOptions, unknown>>, RegExp]>([
    ['numFeatures not an integer', { numFeatures: 2.5 }, /Invalid numFeatures/],
    ['numFeatures negative', { numFeatures: -1 }, /Invalid numFeatures/],
    ['probabilities of the wrong length', { firingProbabilities: [0.1, 0.2] }, /Value must be a tensor of shape \(6,\) or a float/],
    ['a probability above 1', { firingProbabilities: [0.1, 0.2, 1.5, 0, 0, 0] }, /Invalid firingProbabilities\[2\]: expected a number in \[0, 1\], got 1.5/],
    ['a NaN probability', { firingProbabilities: Number.NaN }, /Invalid firingProbabilities: expected a number in \[0, 1\], got NaN/],
    ['a negative std', { stdFiringMagnitudes: -0.1 }, /Invalid stdFiringMagnitudes/],
    ['an infinite std entry', { stdFiringMagnitudes: [0, 0, 0, Infinity, 0, 0] }, /Invalid stdFiringMagnitudes\[3\]/],
    ['std of the wrong length', { stdFiringMagnitudes: [1] }, /Value must be a tensor of shape \(6,\) or a float/],
    ['a NaN mean', { meanFiringMagnitudes: Number.NaN }, /Invalid meanFiringMagnitudes/],
    ['an unknown dtype', { dtype: 'int8' }, /Invalid dtype/],
    ['float64', { dtype: 'float64' }, /Invalid dtype: expected "float32"/],
    ['a modifier that is not a function', { modifyActivations: [() => undefined, 3] }, /Invalid modifyActivations\[1\]: expected a function/],
    ['seed and rng together', { rng: Rng.fromSeed(1) }, /Invalid rng/],
    ['a bad seed', { seed: -1 }, /Invalid seed/],
    ['useSparseTensors not a boolean', { useSparseTensors: 'yes' }, /Invalid useSparseTensors/],
    ['a backend that is not one', { backend: {} }, /Invalid backend/],
  ])('rejects %s', (_label, change, message) => {
    const make = () => new ActivationGenerator({ ...base, ...change } as ActivationGeneratorOptions);
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it('applies SAELens defaults: std 0, mean 1, no modifier, no correlation, dense output', () => {
    const generator = new ActivationGenerator({ numFeatures: 3, firingProbabilities: 0.5 });
    expect(generator.stdFiringMagnitudes).toEqual(new Float32Array(3));
    expect(generator.meanFiringMagnitudes).toEqual(new Float32Array([1, 1, 1]));
    expect(generator.firingProbabilities).toEqual(new Float32Array([0.5, 0.5, 0.5]));
    expect(generator.modifyActivations).toBeNull();
    expect([generator.correlationMatrix, generator.lowRankCorrelation, generator.correlationThresholds]).toEqual([null, null, null]);
    expect(generator.useSparseTensors).toBe(false);
    expect(generator.dtype).toBe('float32');
    // Seed 0 is the default: the same stream as an explicit seed 0.
    expect(generator.sampleSparse(70)).toEqual(new ActivationGenerator({ numFeatures: 3, firingProbabilities: 0.5, seed: 0 }).sampleSparse(70));
  });

  it('rejects bad batch sizes without moving the stream, and needs a backend for dense output', () => {
    const generator = new ActivationGenerator(base);
    for (const bad of [-1, 1.5, Number.NaN, '4']) expect(() => generator.sampleSparse(bad as number)).toThrow(/Invalid batchSize/);
    expect(generator.rowsSampled).toBe(0);
    expect(() => generator.sampleDense(4)).toThrow(/needs a backend/);
    expect(() => generator.sample(4)).toThrow(ValidationError);
    expect(generator.sampleSparse(0).rowOffsets).toEqual(new Int32Array([0]));
  });
});

describe('ActivationGenerator sampling', () => {
  it('gives exactly μ at firing positions when σ = 0, and stores the zeros a negative μ makes', () => {
    const generator = new ActivationGenerator({ numFeatures: 3, firingProbabilities: [1, 0.5, 1], meanFiringMagnitudes: [2.5, 0.75, -1], seed: 9 });
    const batch = generator.sampleSparse(100);
    for (let r = 0; r < 100; r++) {
      const columns = Array.from(batch.columnIndices.subarray(batch.rowOffsets[r], batch.rowOffsets[r + 1]));
      const values = Array.from(batch.values.subarray(batch.rowOffsets[r], batch.rowOffsets[r + 1]));
      expect(columns[0]).toBe(0);
      expect(columns.at(-1)).toBe(2);
      values.forEach((v, k) => expect(v).toBe([2.5, 0.75, 0][columns[k]!]));
    }
  });

  it('is chunk-invariant: any split of 300 rows into batches gives the same rows bit for bit', () => {
    const options: ActivationGeneratorOptions = { ...base, stdFiringMagnitudes: 0.5, meanFiringMagnitudes: 1 };
    const whole = concatRows([new ActivationGenerator(options).sampleSparse(300)]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 130 }), { maxLength: 12 }), (sizes) => {
        const generator = new ActivationGenerator(options);
        const batches = sizes.map((size) => generator.sampleSparse(Math.min(size, 300 - generator.rowsSampled)));
        batches.push(generator.sampleSparse(300 - generator.rowsSampled));
        expect(concatRows(batches)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('resumes exactly from a JSON round trip of its state', () => {
    const first = new ActivationGenerator({ ...base, stdFiringMagnitudes: 1 });
    first.sampleSparse(77);
    const saved = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
    expect(saved.rowsSampled).toBe(77);
    const resumed = new ActivationGenerator({ ...base, stdFiringMagnitudes: 1, seed: 12345 }).restoreState(saved);
    expect(resumed.sampleSparse(50)).toEqual(first.sampleSparse(50));
    expect(() => resumed.restoreState({ ...saved, rowsSampled: -1 })).toThrow(/Invalid state.rowsSampled/);
    expect(() => resumed.restoreState({ ...saved, version: 2 as 1 })).toThrow(/Invalid state.version/);
  });

  it('depends on the seed, and an rng option equals the same seed', () => {
    const a = new ActivationGenerator(base).sampleSparse(64);
    const b = new ActivationGenerator({ ...base, seed: 4 }).sampleSparse(64);
    const { seed: _seed, ...noSeed } = base;
    const c = new ActivationGenerator({ ...noSeed, rng: Rng.fromSeed(3) }).sampleSparse(64);
    expect(a).not.toEqual(b);
    expect(c).toEqual(a);
  });
});
