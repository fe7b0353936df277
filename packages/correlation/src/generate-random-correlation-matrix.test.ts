import { Rng, eigvalsh, identityMatrix } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRandomCorrelationMatrix } from './generate-random-correlation-matrix';

describe('generateRandomCorrelationMatrix', () => {
  it('gives the identity for n <= 1 and for uncorrelatedRatio 1', () => {
    expect(generateRandomCorrelationMatrix(0)).toEqual(identityMatrix(0));
    expect(generateRandomCorrelationMatrix(1)).toEqual(identityMatrix(1));
    expect(generateRandomCorrelationMatrix(20, { uncorrelatedRatio: 1 })).toEqual(identityMatrix(20));
  });

  it('draws per-pair Bernoulli structure with the requested rates', () => {
    // Small strengths keep the matrix PD, so no repair changes the entries.
    const n = 200;
    const pairs = (n * (n - 1)) / 2; // 19,900
    const m = generateRandomCorrelationMatrix(n, { uncorrelatedRatio: 0.3, positiveRatio: 0.7, minCorrelationStrength: 0.001, maxCorrelationStrength: 0.01, seed: 12 });
    let correlated = 0;
    let positive = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const c = m.data[i * n + j]!;
        expect(c).toBe(m.data[j * n + i]);
        if (c !== 0) {
          correlated++;
          if (c > 0) positive++;
          expect(Math.abs(c)).toBeGreaterThanOrEqual(0.001);
          expect(Math.abs(c)).toBeLessThanOrEqual(0.01);
        }
      }
    }
    // Binomial(19,900, 0.7): tolerance 5·sqrt(0.21/19,900) ≈ 0.016; positives among ~13,930: 5·sqrt(0.21/13,930) ≈ 0.02.
    expect(Math.abs(correlated / pairs - 0.7)).toBeLessThan(0.016);
    expect(Math.abs(positive / correlated - 0.7)).toBeLessThan(0.02);
  });

  it('returns a symmetric, unit-diagonal, PSD matrix (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (n, seed, uncorrelatedRatio) => {
        const m = generateRandomCorrelationMatrix(n, { seed, uncorrelatedRatio, maxCorrelationStrength: 1 });
        for (let i = 0; i < n; i++) {
          expect(m.data[i * n + i]).toBe(1);
          for (let j = 0; j < n; j++) expect(m.data[i * n + j]).toBe(m.data[j * n + i]);
        }
        expect(eigvalsh(m)[0]!).toBeGreaterThanOrEqual(-1e-6);
      }),
      { numRuns: 100 },
    );
  });

  it('is seeded, advances a given rng by exactly 3·P words, and validates', () => {
    expect(generateRandomCorrelationMatrix(9, { seed: 5 })).toEqual(generateRandomCorrelationMatrix(9, { seed: 5 }));
    const rng = Rng.fromSeed(5);
    expect(generateRandomCorrelationMatrix(9, { rng })).toEqual(generateRandomCorrelationMatrix(9, { seed: 5 }));
    expect(rng.position).toBe(3 * 36);
    expect(() => generateRandomCorrelationMatrix(4, { uncorrelatedRatio: -1 })).toThrow('uncorrelated_ratio must be between 0.0 and 1.0');
    expect(() => generateRandomCorrelationMatrix(4, { minCorrelationStrength: 0.9 })).toThrow('min_correlation_strength must be <= max_correlation_strength');
  });
});
