import { Rng, denseMatrix } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { describe, expect, it } from 'vitest';
import { coFiringRate, concatRows, firingRates, orthantProbability, sliceRows } from './__fixtures__/bivariate-normal';
import { createCopulaSampler } from './copula-sampler';
import { createCorrelationMatrixFromCorrelations } from './create-correlation-matrix';
import { generateRandomLowRankCorrelationMatrix } from './generate-random-low-rank-correlation-matrix';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';

const backends = await loadTestBackends();

/** Five binomial standard errors: a seeded test fails by chance with probability ~6e-7 per check. */
const tolerance = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n) + 1e-12;

/** The dense `F·Fᵀ + diag(D)` of a low-rank matrix, in float64. */
function toDense(lowRank: LowRankCorrelationMatrix) {
  const { numFeatures: n, rank, correlationFactor: f, correlationDiag: d } = lowRank;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? d[i]! : 0;
      for (let k = 0; k < rank; k++) sum += f[i * rank + k]! * f[j * rank + k]!;
      data[i * n + j] = sum;
    }
  }
  return denseMatrix(n, n, data);
}

describe.each(backends.map((b) => [b.name, b] as const))('createCopulaSampler on %s', (_name, backend) => {
  const probabilities = [0.2, 0.3, 0.5, 0.1, 0, 1];
  const correlation = createCorrelationMatrixFromCorrelations(6, [[0, 1, 0.9], [2, 3, -0.6], [1, 4, 0.5]]);

  it('keeps the marginal firing rates and matches the bivariate normal co-firing rates (dense)', async () => {
    const sampler = createCopulaSampler(correlation, probabilities, { backend });
    const rows = 20_000;
    const pattern = await sampler.sampleFiring(Rng.fromSeed(11), 0, rows);
    sampler.dispose();
    const rates = firingRates(pattern);
    probabilities.forEach((p, i) => expect(Math.abs(rates[i]! - p)).toBeLessThanOrEqual(tolerance(p, rows)));
    for (const [i, j, rho] of [[0, 1, 0.9], [2, 3, -0.6], [0, 2, 0]] as const) {
      const expected = orthantProbability(sampler.thresholds[i]!, sampler.thresholds[j]!, rho);
      expect(Math.abs(coFiringRate(pattern, i, j) - expected)).toBeLessThanOrEqual(tolerance(expected, rows));
    }
  });

  it('low-rank and the equivalent dense matrix give the same co-firing statistics', async () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(8, 2, 0.45, { seed: 3, onWarning: () => {} });
    const dense = toDense(lowRank);
    const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.15, 0.25, 0.05];
    const rows = 20_000;
    const lowRankSampler = createCopulaSampler(lowRank, p, { backend });
    const denseSampler = createCopulaSampler(dense, p, { backend });
    const fromLowRank = await lowRankSampler.sampleFiring(Rng.fromSeed(5), 0, rows);
    const fromDense = await denseSampler.sampleFiring(Rng.fromSeed(6), 0, rows);
    lowRankSampler.dispose();
    denseSampler.dispose();
    for (let i = 0; i < 8; i++) {
      for (let j = i + 1; j < 8; j++) {
        const expected = orthantProbability(denseSampler.thresholds[i]!, denseSampler.thresholds[j]!, dense.data[i * 8 + j]!);
        const a = coFiringRate(fromLowRank, i, j);
        const b = coFiringRate(fromDense, i, j);
        expect(Math.abs(a - expected)).toBeLessThanOrEqual(tolerance(expected, rows));
        expect(Math.abs(b - expected)).toBeLessThanOrEqual(tolerance(expected, rows));
        // The difference of two independent estimates has √2 times the standard error.
        expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.SQRT2 * tolerance(expected, rows));
      }
    }
  });

  it('is chunking-invariant: one call of 4096 rows equals four of 1024, and any slice', async () => {
    const sampler = createCopulaSampler(correlation, probabilities, { backend });
    const rng = Rng.fromSeed(2024);
    const whole = await sampler.sampleFiring(rng, 0, 4096);
    const parts = await Promise.all([0, 1, 2, 3].map((k) => sampler.sampleFiring(rng, k * 1024, 1024)));
    expect(concatRows(parts)).toEqual(whole);
    expect(await sampler.sampleFiring(rng, 1000, 37)).toEqual(sliceRows(whole, 1000, 37));
    sampler.dispose();
  });

  it('is chunking-invariant across its internal blocks (low-rank, 16,384 features)', async () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(16_384, 3, 0.1, { seed: 9 });
    const sampler = createCopulaSampler(lowRank, 0.05, { backend });
    const rng = Rng.fromSeed(77);
    // 255 rows fit one internal block here, so 300 rows span two blocks, split differently from the calls below.
    const whole = await sampler.sampleFiring(rng, 0, 300);
    const parts = [await sampler.sampleFiring(rng, 0, 100), await sampler.sampleFiring(rng, 100, 100), await sampler.sampleFiring(rng, 200, 100)];
    expect(concatRows(parts)).toEqual(whole);
    sampler.dispose();
  }, 120_000); // ~10M host normals and a 600 × 3 × 16,384 product on tfjs-cpu: seconds alone, over a minute on a loaded machine.

  it('does not leak tensors', async () => {
    await expectNoTensorLeak(backend, async () => {
      const lowRank = generateRandomLowRankCorrelationMatrix(50, 4, 0.2, { seed: 1 });
      for (const sampler of [createCopulaSampler(correlation, probabilities, { backend }), createCopulaSampler(lowRank, 0.1, { backend })]) {
        await sampler.sampleFiring(Rng.fromSeed(1), 0, 100);
        sampler.dispose();
        sampler.dispose();
      }
    });
    const sampler = createCopulaSampler(correlation, probabilities, { backend });
    await expectNoTensorLeak(backend, () => sampler.sampleFiring(Rng.fromSeed(1), 5, 10));
    sampler.dispose();
    await expect(sampler.sampleFiring(Rng.fromSeed(1), 0, 1)).rejects.toThrow('disposed');
  });
});
