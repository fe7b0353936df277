// SAELens parity fixtures: src/__fixtures__/stats-correlation-matrix.json and stats-low-rank.json, written by
// `python3 scripts/fixtures/make_sae_lens_fixtures.py --only stats-correlation-matrix --only stats-low-rank`
// (sae-lens 6.35.0, torch 2.15.0 on CPU, float32; see scripts/fixtures/stats_fixtures.py).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Rng, denseMatrix, denseMatrixFromRows, identityMatrix } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateLowRankCorrelation } from '../low-rank-correlation-matrix';
import type { LowRankCorrelationMatrix } from '../low-rank-correlation-matrix';
import { computeCorrelationMatrixStats } from './correlation-matrix-stats';
import { computeLowRankCorrelationMatrixStats } from './low-rank-correlation-matrix-stats';

interface StatsRecord {
  readonly rmsCorrelation: number;
  readonly meanCorrelation: number;
  readonly numFeatures: number;
}

function readFixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${file}`, import.meta.url), 'utf8')) as T;
}

const denseCases = readFixture<{ cases: { name: string; matrix: number[][]; expected: StatsRecord }[] }>('stats-correlation-matrix.json').cases;
const lowRankCases = readFixture<{
  cases: { name: string; numFeatures: number; rank: number; correlationFactor: number[][]; correlationDiag: number[]; expected: StatsRecord; expectedDense: StatsRecord }[];
}>('stats-low-rank.json').cases;

/** SAELens computes in float32: its results sit within a few float32 ulps (~1e-7) of ours; 1e-5 is the SPEC's bar. */
const PARITY = 1e-5;

function expectStats(actual: StatsRecord, expected: StatsRecord, tolerance = PARITY): void {
  expect(actual.numFeatures).toBe(expected.numFeatures);
  expect(Math.abs(actual.rmsCorrelation - expected.rmsCorrelation)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(actual.meanCorrelation - expected.meanCorrelation)).toBeLessThanOrEqual(tolerance);
}

/** F·Fᵀ + diag(D) as a dense matrix. */
function denseFromLowRank({ numFeatures: n, rank, correlationFactor: f, correlationDiag: d }: LowRankCorrelationMatrix): DenseMatrix {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < rank; k++) dot += f[i * rank + k]! * f[j * rank + k]!;
      data[i * n + j] = dot + (i === j ? d[i]! : 0);
    }
  }
  return { rows: n, columns: n, data };
}

/** A seeded factor with rows of norm <= 0.95 and the matching D = 1 − ‖F_i‖². */
function randomLowRank(seed: number, n: number, rank: number, scale: number): LowRankCorrelationMatrix {
  const factor = Rng.fromSeed(seed).fillNormal(new Float64Array(n * rank));
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = 0; k < rank; k++) norm += (factor[i * rank + k]! * scale) ** 2;
    const shrink = (scale * 0.95) / Math.max(1, Math.sqrt(norm));
    let kept = 0;
    for (let k = 0; k < rank; k++) {
      factor[i * rank + k] = factor[i * rank + k]! * shrink;
      kept += factor[i * rank + k]! ** 2;
    }
    diag[i] = 1 - kept;
  }
  return { numFeatures: n, rank, correlationFactor: factor, correlationDiag: diag };
}

describe('computeCorrelationMatrixStats', () => {
  it.each(denseCases.map((c) => [c.name, c] as const))('matches SAELens on %s', (_name, c) => {
    expectStats(computeCorrelationMatrixStats(denseMatrixFromRows(c.matrix)), c.expected);
  });

  it('gives the documented example and exact values on small matrices', () => {
    const stats = computeCorrelationMatrixStats(denseMatrixFromRows([[1, 0.5, 0], [0.5, 1, -0.5], [0, -0.5, 1]]));
    expect(stats).toEqual({ rmsCorrelation: Math.sqrt(1 / 6), meanCorrelation: 0, numFeatures: 3 });
    expect(computeCorrelationMatrixStats(identityMatrix(5))).toEqual({ rmsCorrelation: 0, meanCorrelation: 0, numFeatures: 5 });
    // Both triangles count, and the diagonal never does.
    expect(computeCorrelationMatrixStats(denseMatrixFromRows([[9, 0.3], [-0.1, -7]]))).toEqual({
      rmsCorrelation: Math.sqrt((0.09 + 0.01) / 2),
      meanCorrelation: (0.3 - 0.1) / 2,
      numFeatures: 2,
    });
  });

  it('returns NaN statistics for fewer than 2 features, as SAELens does', () => {
    for (const n of [0, 1]) {
      const stats = computeCorrelationMatrixStats(identityMatrix(n));
      expect(stats.numFeatures).toBe(n);
      expect(stats.rmsCorrelation).toBeNaN();
      expect(stats.meanCorrelation).toBeNaN();
    }
  });

  it.each([
    [null, 'Invalid matrix: expected a DenseMatrix'],
    [{ rows: 2, columns: 2, data: [1, 0, 0, 1] }, 'Invalid matrix: expected a DenseMatrix'],
    [denseMatrix(2, 3), 'correlation_matrix must have shape (n, n)'],
    [{ rows: 2, columns: 2, data: new Float64Array(3) }, 'correlation_matrix must have shape (n, n)'],
    [{ rows: 2, columns: 2, data: Float64Array.of(1, Number.NaN, 0, 1) }, 'Invalid matrix.data[1]: expected a finite number, got NaN'],
    [{ rows: 2, columns: 2, data: Float64Array.of(1, 0, Number.POSITIVE_INFINITY, 1) }, 'Invalid matrix.data[2]'],
    [{ rows: 2, columns: 2, data: Float64Array.of(1, 1e200, 0, 1) }, 'squares sum to a finite number'],
  ])('rejects bad input (%#)', (matrix, message) => {
    expect(() => computeCorrelationMatrixStats(matrix as DenseMatrix)).toThrow(InvalidArgumentError);
    expect(() => computeCorrelationMatrixStats(matrix as DenseMatrix)).toThrow(message);
  });

  it('ignores a non-finite diagonal, like SAELens (property: only off-diagonal entries matter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.nat(), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), (n, seed, value) => {
        const data = Rng.fromSeed(seed).fillUniform(new Float64Array(n * n), -1, 1);
        const changed = Float64Array.from(data);
        for (let i = 0; i < n; i++) changed[i * n + i] = value;
        expect(computeCorrelationMatrixStats({ rows: n, columns: n, data: changed })).toEqual(computeCorrelationMatrixStats({ rows: n, columns: n, data }));
      }),
    );
  });

  it('rms >= |mean|, transposing changes nothing, and scaling by s scales both by s (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.nat(), fc.double({ min: -4, max: 4, noNaN: true }), (n, seed, scale) => {
        const data = Rng.fromSeed(seed).fillUniform(new Float64Array(n * n), -1, 1);
        const stats = computeCorrelationMatrixStats({ rows: n, columns: n, data });
        expect(stats.rmsCorrelation).toBeGreaterThanOrEqual(Math.abs(stats.meanCorrelation) * (1 - 1e-12));
        const transposed = Float64Array.from({ length: n * n }, (_, k) => data[(k % n) * n + Math.floor(k / n)]!);
        expectStats(computeCorrelationMatrixStats({ rows: n, columns: n, data: transposed }), stats, 1e-12);
        const scaled = computeCorrelationMatrixStats({ rows: n, columns: n, data: data.map((v) => v * scale) });
        expect(scaled.rmsCorrelation).toBeCloseTo(Math.abs(scale) * stats.rmsCorrelation, 12);
        expect(scaled.meanCorrelation).toBeCloseTo(scale * stats.meanCorrelation, 12);
      }),
    );
  });
});

describe('computeLowRankCorrelationMatrixStats', () => {
  it.each(lowRankCases.map((c) => [c.name, c] as const))('matches SAELens (low-rank and dense) on %s', (_name, c) => {
    const lowRank = validateLowRankCorrelation(Float32Array.from(c.correlationFactor.flat()), Float32Array.from(c.correlationDiag), c.numFeatures, c.rank);
    const stats = computeLowRankCorrelationMatrixStats(lowRank);
    expectStats(stats, c.expected);
    expectStats(stats, c.expectedDense);
    expectStats(stats, computeCorrelationMatrixStats(denseFromLowRank(lowRank)), 1e-12);
  });

  it('gives the documented example', () => {
    const lowRank = validateLowRankCorrelation(new Float32Array([0.6, 0.6, 0]), new Float32Array([0.64, 0.64, 1]), 3);
    const stats = computeLowRankCorrelationMatrixStats(lowRank);
    expect(stats.meanCorrelation).toBeCloseTo(0.12, 7);
    expect(stats.rmsCorrelation).toBeCloseTo(Math.sqrt((2 * 0.36 ** 2) / 6), 7);
  });

  it('gives exactly 0 for a zero factor and for a single non-zero row, never NaN', () => {
    const zero = { numFeatures: 6, rank: 3, correlationFactor: new Float32Array(18), correlationDiag: new Float32Array(6).fill(1) };
    expect(computeLowRankCorrelationMatrixStats(zero)).toEqual({ rmsCorrelation: 0, meanCorrelation: 0, numFeatures: 6 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 4 }), (row, at) => {
        const rank = row.length;
        const factor = new Float64Array(5 * rank);
        factor.set(row, at * rank);
        const stats = computeLowRankCorrelationMatrixStats({ numFeatures: 5, rank, correlationFactor: factor, correlationDiag: new Float64Array(5) });
        // All off-diagonal entries are 0; only rounding of ‖f‖⁴ computed two ways can remain.
        expect(stats.rmsCorrelation).toBeLessThanOrEqual(1e-8);
        expect(stats.meanCorrelation).toBe(0);
      }),
    );
  });

  it('ignores D and matches the dense statistics of F·Fᵀ + diag(D) to 1e-12 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 6 }), fc.nat(), fc.double({ min: 0.05, max: 3, noNaN: true }), (n, rank, seed, scale) => {
        const lowRank = randomLowRank(seed, n, rank, scale);
        const stats = computeLowRankCorrelationMatrixStats(lowRank);
        expectStats(stats, computeCorrelationMatrixStats(denseFromLowRank(lowRank)), 1e-12);
        const otherDiag = { ...lowRank, correlationDiag: new Float64Array(n).fill(Number.NaN) };
        expect(computeLowRankCorrelationMatrixStats(otherDiag)).toEqual(stats);
      }),
    );
  });

  it('returns NaN statistics for fewer than 2 features, as SAELens does', () => {
    for (const n of [0, 1]) {
      const stats = computeLowRankCorrelationMatrixStats({ numFeatures: n, rank: 2, correlationFactor: new Float32Array(2 * n).fill(0.5), correlationDiag: new Float32Array(n).fill(0.5) });
      expect(stats.numFeatures).toBe(n);
      expect(stats.rmsCorrelation).toBeNaN();
      expect(stats.meanCorrelation).toBeNaN();
    }
  });

  const good = { numFeatures: 2, rank: 1, correlationFactor: Float32Array.of(0.5, 0.5), correlationDiag: Float32Array.of(0.75, 0.75) };
  it.each([
    [null, 'Invalid lowRank'],
    [{ ...good, numFeatures: -1 }, 'Invalid lowRank.numFeatures'],
    [{ ...good, rank: 1.5 }, 'Invalid lowRank.rank'],
    [{ ...good, correlationFactor: [0.5, 0.5] }, 'correlation_factor must have shape (2, 1)'],
    [{ ...good, correlationFactor: Float32Array.of(0.5) }, 'correlation_factor must have shape (2, 1)'],
    [{ ...good, correlationFactor: Float32Array.of(0.5, Number.NaN) }, 'Invalid correlationFactor[1]: expected a finite number, got NaN'],
    [{ ...good, correlationFactor: Float64Array.of(Number.NEGATIVE_INFINITY, 0.5) }, 'Invalid correlationFactor[0]'],
  ])('rejects bad input (%#)', (lowRank, message) => {
    expect(() => computeLowRankCorrelationMatrixStats(lowRank as LowRankCorrelationMatrix)).toThrow(InvalidArgumentError);
    expect(() => computeLowRankCorrelationMatrixStats(lowRank as LowRankCorrelationMatrix)).toThrow(message);
  });

  it('runs at 100,000 features × rank 16 without forming the matrix', () => {
    const lowRank = randomLowRank(7, 100_000, 16, 0.2);
    const stats = computeLowRankCorrelationMatrixStats(lowRank);
    expect(stats.numFeatures).toBe(100_000);
    // Rows are N(0, σ²·I₁₆) draws with σ = 0.95 · 0.2 (the 3% with ‖F_i‖ > 0.95 are shrunk to 0.95):
    // C_ij has mean 0 and rms σ²·sqrt(16) = 0.144; with 10¹⁰ pairs the sampling error is far below 0.005.
    expect(stats.rmsCorrelation).toBeGreaterThan(0.135);
    expect(stats.rmsCorrelation).toBeLessThan(0.15);
    expect(Math.abs(stats.meanCorrelation)).toBeLessThan(0.005);
  });
});
