// SAELens parity fixture: src/__fixtures__/superposition-stats.json, written by
// `python3 scripts/fixtures/make_sae_lens_fixtures.py --only superposition-stats`
// (sae-lens 6.35.0, torch 2.15.0 on CPU, float32; see scripts/fixtures/stats_fixtures.py).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Rng, quantile } from '@synth/core';
import type { Tensor2D } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FeatureDictionary } from '@synth/dictionary';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSuperpositionStats } from './superposition-stats';
import type { SuperpositionStats } from './superposition-stats';

interface FixtureResult {
  readonly batchSize: number;
  readonly maxAbsCosSims: number[];
  readonly percentileAbsCosSims: { percentile: number; values: number[] }[];
  readonly meanMaxAbsCosSim: number;
  readonly meanPercentileAbsCosSim: { percentile: number; value: number }[];
  readonly meanAbsCosSim: number;
  readonly numFeatures: number;
  readonly hiddenDim: number;
}
interface FixtureCase {
  readonly name: string;
  readonly featureVectors: number[][];
  readonly percentiles: number[] | null;
  readonly results: FixtureResult[];
}

const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/superposition-stats.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };
const backends = await loadTestBackends();

/** The SPEC's parity bar; float32 |cos| of unit vectors in d <= 8 differ by ~1e-7 between matmul orders. */
const PARITY = 1e-5;

/** A plain reference: float64 cosines on the host, a full sort and core's `quantile` per row. */
function referenceStats(data: Float32Array, n: number, d: number, percentiles: readonly number[]) {
  const unit = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += data[i * d + c]! ** 2;
    for (let c = 0; c < d; c++) unit[i * d + c] = data[i * d + c]! / Math.max(Math.sqrt(norm), 1e-8);
  }
  const absCos = (i: number, j: number) => {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += unit[i * d + c]! * unit[j * d + c]!;
    return Math.abs(dot);
  };
  const max: number[] = [];
  const perPercentile = percentiles.map(() => [] as number[]);
  let pairSum = 0;
  for (let i = 0; i < n; i++) {
    const others: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i) others.push(absCos(i, j));
    for (let j = i + 1; j < n; j++) pairSum += absCos(i, j);
    max.push(Math.max(...others));
    percentiles.forEach((p, k) => perPercentile[k]!.push(quantile(others, p / 100)));
  }
  return { max, perPercentile, meanAbsCosSim: pairSum / ((n * (n - 1)) / 2) };
}

function expectCloseArray(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) expect(Math.abs(actual[k]! - expected[k]!), `entry ${k}`).toBeLessThanOrEqual(tolerance);
}

function expectSameStats(actual: SuperpositionStats, expected: SuperpositionStats, tolerance: number): void {
  expect([actual.numFeatures, actual.hiddenDim]).toEqual([expected.numFeatures, expected.hiddenDim]);
  expectCloseArray(actual.maxAbsCosSims, expected.maxAbsCosSims, tolerance);
  expect([...actual.percentileAbsCosSims.keys()]).toEqual([...expected.percentileAbsCosSims.keys()]);
  for (const [p, values] of expected.percentileAbsCosSims) expectCloseArray(actual.percentileAbsCosSims.get(p)!, values, tolerance);
  for (const [p, value] of expected.meanPercentileAbsCosSim) expect(Math.abs(actual.meanPercentileAbsCosSim.get(p)! - value)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.meanMaxAbsCosSim - expected.meanMaxAbsCosSim)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.meanAbsCosSim - expected.meanAbsCosSim)).toBeLessThanOrEqual(tolerance);
}

describe.each(backends.map((b) => [b.name, b] as const))('computeSuperpositionStats on %s', (_name, backend) => {
  const { tf } = backend;

  /** Runs the stats on a fresh tensor, checking that nothing leaks. */
  async function statsOf(data: Float32Array, n: number, d: number, options: Parameters<typeof computeSuperpositionStats>[2] = {}): Promise<SuperpositionStats> {
    return expectNoTensorLeak(backend, async () => {
      const vectors = tf.tensor2d(data, [n, d]);
      try {
        return await computeSuperpositionStats(backend, vectors, options);
      } finally {
        vectors.dispose();
      }
    });
  }

  it.each(fixture.cases.flatMap((c) => c.results.map((r) => [`${c.name}, batchSize ${r.batchSize}`, c, r] as const)))(
    'matches SAELens on %s',
    async (_label, c, expected) => {
      const n = c.featureVectors.length;
      const d = c.featureVectors[0]!.length;
      const options = c.percentiles === null ? { batchSize: expected.batchSize } : { batchSize: expected.batchSize, percentiles: c.percentiles };
      const stats = await statsOf(Float32Array.from(c.featureVectors.flat()), n, d, options);
      expect([stats.numFeatures, stats.hiddenDim]).toEqual([expected.numFeatures, expected.hiddenDim]);
      expectCloseArray(stats.maxAbsCosSims, expected.maxAbsCosSims, PARITY);
      expect([...stats.percentileAbsCosSims.keys()]).toEqual(expected.percentileAbsCosSims.map((e) => e.percentile));
      for (const { percentile, values } of expected.percentileAbsCosSims) expectCloseArray(stats.percentileAbsCosSims.get(percentile)!, values, PARITY);
      for (const { percentile, value } of expected.meanPercentileAbsCosSim) expect(Math.abs(stats.meanPercentileAbsCosSim.get(percentile)! - value)).toBeLessThanOrEqual(PARITY);
      expect(Math.abs(stats.meanMaxAbsCosSim - expected.meanMaxAbsCosSim)).toBeLessThanOrEqual(PARITY);
      expect(Math.abs(stats.meanAbsCosSim - expected.meanAbsCosSim)).toBeLessThanOrEqual(PARITY);
    },
  );

  it('accepts a FeatureDictionary-like value and gives exact answers on orthogonal and parallel rows', async () => {
    // Rows: e0, e1, 2·e0, 0. |cos| rows: [·,0,1,0], [0,·,0,0], [1,0,·,0], [0,0,0,·].
    const data = Float32Array.of(1, 0, 0, 1, 2, 0, 0, 0);
    const vectors = tf.tensor2d(data, [4, 2]);
    const stats = await computeSuperpositionStats(backend, { featureVectors: vectors }, { percentiles: [50, 100, 0] });
    vectors.dispose();
    expect(Array.from(stats.maxAbsCosSims)).toEqual([1, 0, 1, 0]);
    expect(Array.from(stats.percentileAbsCosSims.get(100)!)).toEqual([1, 0, 1, 0]);
    expect(Array.from(stats.percentileAbsCosSims.get(50)!)).toEqual([0, 0, 0, 0]);
    expect([...stats.meanPercentileAbsCosSim.keys()]).toEqual([50, 100, 0]);
    expect(stats.meanAbsCosSim).toBeCloseTo(1 / 6, 6);
    expect(stats.meanMaxAbsCosSim).toBeCloseTo(0.5, 6);
  });

  it('uses the defaults [95, 99] and takes the median of two values as their mean', async () => {
    const stats = await statsOf(Float32Array.of(1, 0, 0.6, 0.8, 0, 1), 3, 2, {});
    expect([...stats.percentileAbsCosSims.keys()]).toEqual([95, 99]);
    const median = await statsOf(Float32Array.of(1, 0, 0.6, 0.8, 0, 1), 3, 2, { percentiles: [50] });
    // Feature 0: |cos| with the others are 0.6 and 0, so the median is 0.3.
    expect(median.percentileAbsCosSims.get(50)![0]).toBeCloseTo(0.3, 6);
    expect(median.percentileAbsCosSims.get(50)![1]).toBeCloseTo(0.7, 6);
  });

  it('matches a sort-based float64 reference and does not depend on batchSize (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 24 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
        async (n, d, seed, batchSize, percentiles) => {
          const data = Rng.fromSeed(seed).fillNormal(new Float32Array(n * d));
          if (seed % 3 === 0) data.fill(0, 0, d); // sometimes a zero row
          const stats = await statsOf(data, n, d, { batchSize, percentiles });
          const reference = referenceStats(data, n, d, percentiles);
          expectCloseArray(stats.maxAbsCosSims, reference.max, PARITY);
          percentiles.forEach((p, k) => expectCloseArray(stats.percentileAbsCosSims.get(p)!, reference.perPercentile[k]!, PARITY));
          expect(Math.abs(stats.meanAbsCosSim - reference.meanAbsCosSim)).toBeLessThanOrEqual(PARITY);
          expectSameStats(await statsOf(data, n, d, { batchSize: 1024, percentiles }), stats, PARITY);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is unchanged by rescaling rows, gives 0 (not NaN) for zero rows, and orders max >= percentiles (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 16 }), fc.integer({ min: 1, max: 5 }), fc.nat(), async (n, d, seed) => {
        const rng = Rng.fromSeed(seed);
        const data = rng.fillNormal(new Float32Array(n * d));
        const zeroRow = seed % n;
        data.fill(0, zeroRow * d, (zeroRow + 1) * d);
        const scales = rng.fillUniform(new Float32Array(n), -5, 5);
        const scaled = data.map((v, k) => v * (Math.abs(scales[Math.floor(k / d)]!) < 0.1 ? 1 : scales[Math.floor(k / d)]!));
        const percentiles = [0, 50, 95, 100];
        const stats = await statsOf(data, n, d, { percentiles });
        expectSameStats(await statsOf(scaled, n, d, { percentiles }), stats, PARITY);
        expect(stats.maxAbsCosSims[zeroRow]).toBe(0);
        for (const values of stats.percentileAbsCosSims.values()) expect(values[zeroRow]).toBe(0);
        const low = stats.percentileAbsCosSims.get(0)!;
        const mid = stats.percentileAbsCosSims.get(50)!;
        const high = stats.percentileAbsCosSims.get(95)!;
        for (let i = 0; i < n; i++) {
          expect(low[i]).toBeGreaterThanOrEqual(0);
          expect(low[i]).toBeLessThanOrEqual(mid[i]!);
          expect(mid[i]).toBeLessThanOrEqual(high[i]!);
          expect(high[i]).toBeLessThanOrEqual(stats.maxAbsCosSims[i]!);
          expect(stats.percentileAbsCosSims.get(100)![i]).toBe(stats.maxAbsCosSims[i]);
          expect(stats.maxAbsCosSims[i]).toBeLessThanOrEqual(1 + 4 * backend.epsilon * d);
        }
      }),
      { numRuns: 30 },
    );
  });

  it.each([
    [Float32Array.of(1, 2), 1, 2, {}, 'Need at least 2 features to compute superposition stats'],
    [new Float32Array(0), 0, 3, {}, 'Need at least 2 features to compute superposition stats'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { batchSize: 0 }, 'Invalid batchSize'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { batchSize: 1.5 }, 'Invalid batchSize'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { percentiles: [95, 101] }, 'Invalid percentiles[1]: expected a number in [0, 100], got 101'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { percentiles: [-1] }, 'Invalid percentiles[0]'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { percentiles: [Number.NaN] }, 'Invalid percentiles[0]'],
    [Float32Array.of(1, 2, 3, 4), 2, 2, { percentiles: 95 }, 'Invalid percentiles'],
    [Float32Array.of(1, Number.NaN, 3, 4), 2, 2, {}, 'Invalid featureVectors: expected finite entries'],
    [Float32Array.of(1, 2, Number.POSITIVE_INFINITY, 4), 2, 2, {}, 'Invalid featureVectors: expected finite entries'],
  ])('rejects bad input (%#) without leaking tensors', async (data, n, d, options, message) => {
    const vectors = tf.tensor2d(data, [n, d]);
    await expectNoTensorLeak(backend, async () => {
      await expect(computeSuperpositionStats(backend, vectors, options as never)).rejects.toThrow(InvalidArgumentError);
      await expect(computeSuperpositionStats(backend, vectors, options as never)).rejects.toThrow(message);
    });
    vectors.dispose();
  });

  it('gives zeros for hiddenDim 0 (every row is a zero row), like SAELens', async () => {
    const stats = await statsOf(new Float32Array(0), 3, 0, { percentiles: [50] });
    expect(stats.hiddenDim).toBe(0);
    expect(Array.from(stats.maxAbsCosSims)).toEqual([0, 0, 0]);
    expect(Array.from(stats.percentileAbsCosSims.get(50)!)).toEqual([0, 0, 0]);
    expect(stats.meanAbsCosSim).toBe(0);
  });

  it('rejects a tensor that is not 2-D, and non-tensors', async () => {
    const vector = tf.tensor1d([1, 2, 3]);
    await expect(computeSuperpositionStats(backend, vector as unknown as Tensor2D)).rejects.toThrow('Invalid featureVectors: expected a 2-D tensor');
    vector.dispose();
    await expect(computeSuperpositionStats(backend, null as unknown as Tensor2D)).rejects.toThrow('Invalid featureVectors: expected a 2-D tensor');
    await expect(computeSuperpositionStats(backend, { featureVectors: [[1, 2]] } as unknown as Tensor2D)).rejects.toThrow(InvalidArgumentError);
  });

  it('reads a FeatureDictionary', async () => {
    const dictionary = await FeatureDictionary.create({ numFeatures: 12, hiddenDim: 6, backend, initializer: null, seed: 3 });
    const fromDictionary = await computeSuperpositionStats(backend, dictionary, { batchSize: 5 });
    const fromTensor = await computeSuperpositionStats(backend, dictionary.featureVectors);
    dictionary.dispose();
    expectSameStats(fromDictionary, fromTensor, PARITY);
    expect([fromDictionary.numFeatures, fromDictionary.hiddenDim]).toEqual([12, 6]);
  });
});
