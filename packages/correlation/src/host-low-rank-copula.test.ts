import { Rng, createBackend, normalUpperThresholds } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COPULA_STREAM, createCopulaSampler } from './copula-sampler';
import { lowRankCopulaKernel } from './copula-kernels';
import { FiringPatternBuilder, type FiringPattern } from './firing-pattern';
import { generateRandomLowRankCorrelationMatrix } from './generate-random-low-rank-correlation-matrix';
import { cpuMatMulEntry, createHostLowRankCopula } from './host-low-rank-copula';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';

// The host kernel reproduces tfjs-backend-cpu, so the reference here is always the cpu backend.
const cpu = await createBackend('cpu');

/** The straightforward form: normals for all rows, `lowRankCopulaKernel` on the cpu backend. */
async function reference(lowRank: LowRankCorrelationMatrix, thresholds: Float64Array, rng: Rng, startRow: number, rows: number): Promise<FiringPattern> {
  const kernel = lowRankCopulaKernel(cpu, lowRank, thresholds);
  const normals = rng.split(COPULA_STREAM).seek(startRow * kernel.wordsPerRow).fillNormal(new Float32Array(rows * kernel.wordsPerRow));
  const fired = kernel.fire(normals, rows);
  const builder = new FiringPatternBuilder(rows, lowRank.numFeatures);
  builder.append(await fired.data(), rows);
  fired.dispose();
  kernel.dispose();
  return builder.finish();
}

function host(lowRank: LowRankCorrelationMatrix, thresholds: Float64Array, rng: Rng, startRow: number, rows: number): FiringPattern {
  const sampler = createHostLowRankCopula(lowRank, thresholds)!;
  expect(sampler).toBeDefined();
  return sampler.sampleRows(rng.split(COPULA_STREAM), startRow, rows);
}

describe('cpuMatMulEntry', () => {
  it('equals tfjs-backend-cpu matMul(ε, L, false, true) bit for bit, across its k-blocks of 48', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (rank, rows, n, seed) => {
        const rng = Rng.fromSeed(seed);
        const epsilon = rng.fillNormal(new Float32Array(rows * rank));
        const factor = rng.fillNormal(new Float32Array(n * rank), 0, 0.3);
        const product = cpu.tidy(() => cpu.tf.matMul(cpu.tf.tensor2d(epsilon, [rows, rank]), cpu.tf.tensor2d(factor, [n, rank]), false, true));
        const want = product.dataSync();
        product.dispose();
        for (let i = 0; i < rows; i++) for (let j = 0; j < n; j++) expect(cpuMatMulEntry(epsilon, i * rank, factor, j * rank, rank)).toBe(want[i * n + j]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('createHostLowRankCopula', () => {
  it.each([
    { name: 'rank 5, odd words per row, 300 rows over two blocks', n: 300, rank: 5, scale: 0.3, rows: 300, startRow: 7, pMax: 0.6 },
    { name: 'rank 100 (capped rows, D = 0.01), small probabilities', n: 2000, rank: 100, scale: 0.1, rows: 40, startRow: 1_000_003, pMax: 0.02 },
    { name: 'rank 60 (two tfjs-cpu k-blocks), 17 features', n: 17, rank: 60, scale: 0.1, rows: 50, startRow: 0, pMax: 0.9 },
    { name: 'rank 1, dense firing', n: 45, rank: 1, scale: 0.9, rows: 70, startRow: 3, pMax: 1 },
  ])('fires exactly where the cpu backend fires: $name', async ({ n, rank, scale, rows, startRow, pMax }) => {
    const rng = Rng.fromSeed(n + rank).split('host-copula');
    const lowRank = generateRandomLowRankCorrelationMatrix(n, rank, scale, { rng: rng.split('factor'), onWarning: () => {} });
    const p = rng.split('p').fillUniform(new Float64Array(n), 0, pMax);
    p[0] = 0;
    p[Math.min(3, n - 1)] = 1;
    const thresholds = normalUpperThresholds(p);
    const want = await reference(lowRank, thresholds, rng, startRow, rows);
    const got = host(lowRank, thresholds, rng, startRow, rows);
    expect(got).toEqual(want);
    expect(want.columnIndices.length).toBeGreaterThan(rows / 4);
  }, 60_000);

  it('decides latents that sit exactly on their threshold as the backend does (the exact path)', async () => {
    const [n, rank, rows] = [40, 70, 12];
    const rng = Rng.fromSeed(3).split('host-copula-ties');
    const lowRank = generateRandomLowRankCorrelationMatrix(n, rank, 0.1, { rng, onWarning: () => {} });
    // The backend's own latents z, then thresholds equal to some of them (z > τ is false) and one
    // float32 below others (true): the host must take its exact path to agree.
    const W = rank + n;
    const normals = rng.split(COPULA_STREAM).seek(0).fillNormal(new Float32Array(rows * W));
    const latents = cpu.tidy(() => {
      const { tf } = cpu;
      const all = tf.tensor2d(normals, [rows, W]);
      const m = tf.matMul(tf.slice(all, [0, 0], [rows, rank]), tf.tensor2d(Float32Array.from(lowRank.correlationFactor), [n, rank]), false, true);
      return tf.add(tf.mul(tf.slice(all, [0, rank], [rows, n]), tf.tensor1d(Float32Array.from(lowRank.correlationDiag, Math.sqrt))), m);
    });
    const z = latents.dataSync() as Float32Array;
    latents.dispose();
    const below = (x: number): number => {
      const f = new Float32Array([x]);
      const bits = new Int32Array(f.buffer);
      bits[0] = x > 0 ? bits[0]! - 1 : x < 0 ? bits[0]! + 1 : -2147483647; // 0 → −(smallest subnormal)
      return f[0]!;
    };
    const thresholds = Float64Array.from({ length: n }, (_, j) => (j % 2 === 0 ? z[(j % rows) * n + j]! : below(z[(j % rows) * n + j]!)));
    const want = await reference(lowRank, thresholds, Rng.fromSeed(3).split('host-copula-ties'), 0, rows);
    const got = host(lowRank, thresholds, Rng.fromSeed(3).split('host-copula-ties'), 0, rows);
    expect(got).toEqual(want);
    for (let j = 0; j < n; j++) {
      const row = j % rows;
      const columns = Array.from(want.columnIndices.subarray(want.rowOffsets[row], want.rowOffsets[row + 1]));
      expect(columns.includes(j), `feature ${j} in row ${row}`).toBe(j % 2 === 1);
    }
  });

  it('handles rank 0 (independent features through the copula) and a single feature', async () => {
    for (const [n, rank] of [[9, 0], [1, 3]] as const) {
      const rng = Rng.fromSeed(n).split('host-copula-small');
      const factor = rng.fillNormal(new Float32Array(n * rank), 0, 0.3);
      const diag = Float32Array.from({ length: n }, (_, j) => 1 - factor.subarray(j * rank, (j + 1) * rank).reduce((a, f) => a + f * f, 0));
      const lowRank: LowRankCorrelationMatrix = { numFeatures: n, rank, correlationFactor: factor, correlationDiag: diag };
      const thresholds = normalUpperThresholds(new Float64Array(n).fill(0.3));
      const got = host(lowRank, thresholds, rng, 11, 200);
      expect(got).toEqual(await reference(lowRank, thresholds, rng, 11, 200));
      expect(got.columnIndices.length).toBeGreaterThan(0.2 * 200 * n);
    }
  });

  it('keeps its seeded stream (regression guard: changing it is a breaking change)', async () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(1000, 10, 0.2, { seed: 31 });
    const thresholds = normalUpperThresholds(Float64Array.from({ length: 1000 }, (_, j) => 0.2 / Math.sqrt(j + 1)));
    const pattern = host(lowRank, thresholds, Rng.fromSeed(32), 0, 100);
    expect(pattern).toEqual(await reference(lowRank, thresholds, Rng.fromSeed(32), 0, 100));
    let hash = 0;
    for (const j of pattern.columnIndices) hash = (Math.imul(hash, 31) + j) | 0;
    expect([pattern.columnIndices.length, hash]).toMatchInlineSnapshot(`
      [
        1112,
        -338011505,
      ]
    `);
  });

  it('takes a float64 factor as the backend does (rounded to float32)', async () => {
    const lowRank32 = generateRandomLowRankCorrelationMatrix(64, 3, 0.4, { seed: 12 });
    const lowRank: LowRankCorrelationMatrix = { ...lowRank32, correlationFactor: Float64Array.from(lowRank32.correlationFactor, (f) => f * (1 + 1e-9)) };
    const thresholds = normalUpperThresholds(new Float64Array(64).fill(0.1));
    expect(host(lowRank, thresholds, Rng.fromSeed(4), 5, 30)).toEqual(await reference(lowRank, thresholds, Rng.fromSeed(4), 5, 30));
  });
});

describe('createCopulaSampler with the host kernel', () => {
  it('gives the cpu backend sampler the same stream with and without it, in any chunking', async () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(500, 20, 0.2, { seed: 8 });
    const p = Float64Array.from({ length: 500 }, (_, j) => 0.3 / Math.sqrt(j + 1));
    const fast = createCopulaSampler(lowRank, p, { backend: cpu });
    const slow = createCopulaSampler(lowRank, p, { backend: cpu, hostKernel: false });
    const rng = Rng.fromSeed(99);
    const whole = await fast.sampleFiring(rng, 0, 600);
    expect(whole).toEqual(await slow.sampleFiring(rng, 0, 600));
    const parts = [await fast.sampleFiring(rng, 0, 257), await fast.sampleFiring(rng, 257, 343)];
    expect(parts[0]!.rowOffsets.length + parts[1]!.rowOffsets.length).toBe(whole.rowOffsets.length + 1);
    expect(await fast.sampleFiring(rng, 257, 343)).toEqual(await slow.sampleFiring(rng, 257, 343));
    fast.dispose();
    slow.dispose();
    await expect(fast.sampleFiring(rng, 0, 1)).rejects.toThrow('disposed');
  });

  it('rejects a hostKernel that is not a boolean', () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(4, 1, 0.2, { seed: 8 });
    expect(() => createCopulaSampler(lowRank, 0.1, { backend: cpu, hostKernel: 'yes' as unknown as boolean })).toThrow(/hostKernel/);
  });
});
