import { describe, expect, it } from 'vitest';
import { normalCdf } from '@synth/core';
import { rectifiedNormalMoments } from './__fixtures__/rectified-normal';
import { ActivationGenerator } from './activation-generator';

describe('ActivationGenerator statistics (fixed seeds)', () => {
  it('fires each feature at its probability', () => {
    const probabilities = [0.9, 0.5, 0.33, 0.125, 0.07, 0.01, 0.002, 0];
    const generator = new ActivationGenerator({ numFeatures: probabilities.length, firingProbabilities: probabilities, seed: 21 });
    const n = 40_000;
    const batch = generator.sampleSparse(n);
    const counts = new Float64Array(probabilities.length);
    for (const c of batch.columnIndices) counts[c]!++;
    probabilities.forEach((p, j) => {
      const rate = counts[j]! / n;
      // 5 binomial standard errors: 5·sqrt(p(1−p)/n) (0 for p = 0: never fires).
      expect(Math.abs(rate - Math.fround(p))).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('draws magnitudes relu(μ + σξ) with the exact rectified-normal mean and variance', () => {
    const means = [1, 0, -0.5, 2, 3];
    const stds = [0.5, 1, 1, 0, 2];
    const generator = new ActivationGenerator({
      numFeatures: means.length,
      firingProbabilities: 1,
      meanFiringMagnitudes: means,
      stdFiringMagnitudes: stds,
      seed: 8,
    });
    const n = 40_000;
    const batch = generator.sampleSparse(n);
    expect(batch.values.length).toBe(n * means.length); // p = 1: every entry stored, zeros included
    means.forEach((mu, j) => {
      const sample = Float64Array.from({ length: n }, (_, r) => batch.values[r * means.length + j]!);
      const expected = rectifiedNormalMoments(mu, stds[j]!);
      const mean = sample.reduce((a, b) => a + b, 0) / n;
      const variance = sample.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      const fourth = sample.reduce((a, b) => a + (b - mean) ** 4, 0) / n;
      // Standard error of the mean sqrt(Var/n); of the sample variance sqrt((μ₄ − Var²)/n), μ₄ estimated
      // from the sample. 5 standard errors each, plus float32 rounding of the values (2^-24 relative).
      expect(Math.abs(mean - expected.mean)).toBeLessThanOrEqual(5 * Math.sqrt(expected.variance / n) + 2 ** -22 * Math.abs(mu));
      expect(Math.abs(variance - expected.variance)).toBeLessThanOrEqual(5 * Math.sqrt(Math.max(0, fourth - variance ** 2) / n) + 1e-12);
      // Zeros made by the relu: P(μ + σξ <= 0) = Φ(−μ/σ).
      if (stds[j]! > 0) {
        const zeros = sample.filter((v) => v === 0).length / n;
        const p = normalCdf(-mu / stds[j]!);
        expect(Math.abs(zeros - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
      }
    });
  });

  it('gives the same 4096 rows as one batch or four batches of 1024, bit for bit', () => {
    const options = { numFeatures: 500, firingProbabilities: 0.02, stdFiringMagnitudes: 0.3, seed: 99 } as const;
    const one = new ActivationGenerator(options).sampleSparse(4096);
    const chunked = new ActivationGenerator(options);
    const parts = [0, 1, 2, 3].map(() => chunked.sampleSparse(1024));
    expect(Array.from(one.values)).toEqual(parts.flatMap((p) => Array.from(p.values)));
    expect(Array.from(one.columnIndices)).toEqual(parts.flatMap((p) => Array.from(p.columnIndices)));
    expect(Array.from(one.rowOffsets.subarray(1025, 1030))).toEqual(Array.from(parts[1]!.rowOffsets.subarray(1, 6), (o) => o + one.rowOffsets[1024]!));
  });

  it('scales with the firings, not batch × numFeatures: 10^3 rows × 2^24 features', () => {
    // 1.7·10^10 (row, feature) pairs: an O(batch × F) sampler would take minutes; this one draws
    // about 1000 · 2^24 · 1e-6 ≈ 16,777 firings (5 Poisson standard errors: 5·sqrt(16,777) ≈ 648).
    const numFeatures = 2 ** 24;
    const generator = new ActivationGenerator({ numFeatures, firingProbabilities: new Float32Array(numFeatures).fill(1e-6), seed: 4 });
    const started = performance.now();
    const batch = generator.sampleSparse(1000);
    const expected = 1000 * numFeatures * Math.fround(1e-6);
    expect(Math.abs(batch.values.length - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected));
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('handles numFeatures = 0', () => {
    const batch = new ActivationGenerator({ numFeatures: 0, firingProbabilities: 0.5 }).sampleSparse(3);
    expect([batch.rows, batch.columns, batch.values.length]).toEqual([3, 0, 0]);
  });
});
