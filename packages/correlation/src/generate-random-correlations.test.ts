import { InvalidArgumentError, Rng } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRandomCorrelations } from './generate-random-correlations';

describe('generateRandomCorrelations', () => {
  it('returns no pairs for fewer than two features', () => {
    expect(generateRandomCorrelations(0)).toEqual([]);
    expect(generateRandomCorrelations(1)).toEqual([]);
  });

  it('has exact counts, distinct pairs i < j and strengths in range (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (n, positiveRatio, uncorrelatedRatio, a, b, seed) => {
          const [minCorrelationStrength, maxCorrelationStrength] = a <= b ? [a, b] : [b, a];
          const entries = generateRandomCorrelations(n, { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength, seed });
          const total = (n * (n - 1)) / 2;
          const correlated = total - Math.floor(total * uncorrelatedRatio);
          expect(entries).toHaveLength(correlated);
          expect(entries.filter(([, , c]) => c < 0 || Object.is(c, -0)).length).toBe(correlated - Math.floor(correlated * positiveRatio));
          const keys = new Set(entries.map(([i, j]) => i * n + j));
          expect(keys.size).toBe(correlated);
          for (const [i, j, c] of entries) {
            expect(0 <= i && i < j && j < n).toBe(true);
            expect(Math.abs(c)).toBeGreaterThanOrEqual(minCorrelationStrength);
            expect(Math.abs(c)).toBeLessThanOrEqual(maxCorrelationStrength);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is a pure function of the seed, and seed 0 is the default', () => {
    expect(generateRandomCorrelations(10, { seed: 3 })).toEqual(generateRandomCorrelations(10, { seed: 3 }));
    expect(generateRandomCorrelations(10, { seed: 3 })).not.toEqual(generateRandomCorrelations(10, { seed: 4 }));
    expect(generateRandomCorrelations(10)).toEqual(generateRandomCorrelations(10, { seed: 0 }));
  });

  it('draws from a given rng and advances it', () => {
    const rng = Rng.fromSeed(8);
    const first = generateRandomCorrelations(10, { rng });
    expect(rng.position).toBeGreaterThan(0);
    expect(generateRandomCorrelations(10, { rng })).not.toEqual(first);
    expect(() => generateRandomCorrelations(10, { rng, seed: 1 })).toThrow(InvalidArgumentError);
  });

  it('chooses pairs uniformly: each pair is correlated with probability 1 − ratio', () => {
    // 4 features, 6 pairs, 3 correlated per draw: each pair with probability 1/2 over 4000 seeds;
    // tolerance 5·sqrt(0.25/4000) ≈ 0.04.
    const counts = new Float64Array(16);
    for (let seed = 0; seed < 4000; seed++) {
      for (const [i, j] of generateRandomCorrelations(4, { uncorrelatedRatio: 0.5, seed })) counts[i * 4 + j]! += 1;
    }
    for (const [i, j] of [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]] as const) expect(Math.abs(counts[i * 4 + j]! / 4000 - 0.5)).toBeLessThan(0.04);
  });

  it('validates its arguments', () => {
    expect(() => generateRandomCorrelations(-1)).toThrow('Invalid numFeatures');
    expect(() => generateRandomCorrelations(4, { positiveRatio: 2 })).toThrow('positive_ratio must be between 0.0 and 1.0');
    expect(() => generateRandomCorrelations(4, { seed: -1 })).toThrow('Invalid seed');
  });
});
