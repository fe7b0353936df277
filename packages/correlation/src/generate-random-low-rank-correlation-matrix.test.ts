import { InvalidArgumentError, Rng } from '@synth/core';
import { describe, expect, it, vi } from 'vitest';
import { generateRandomLowRankCorrelationMatrix } from './generate-random-low-rank-correlation-matrix';
import { validateLowRankCorrelation } from './low-rank-correlation-matrix';

describe('generateRandomLowRankCorrelationMatrix', () => {
  it('has the right shapes, a unit implied diagonal and D >= 0.01', () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(300, 7, 0.3, { seed: 1, onWarning: () => {} });
    expect(lowRank.correlationFactor).toHaveLength(2100);
    expect(lowRank.correlationDiag).toHaveLength(300);
    expect(() => validateLowRankCorrelation(lowRank.correlationFactor, lowRank.correlationDiag, 300)).not.toThrow();
    // A capped row is rescaled in float32: each F entry rounds by 2^-24 relative, so ‖F_i‖² = 0.99
    // holds to about (rank + 2)·2^-23, and D = 1 − ‖F_i‖² to the same absolute error.
    for (const d of lowRank.correlationDiag) expect(d).toBeGreaterThanOrEqual(0.01 - 9 * 2 ** -23);
  });

  it('gives F = 0 and D = 1 for scale 0, and works for rank >= n', () => {
    const lowRank = generateRandomLowRankCorrelationMatrix(3, 5, 0, { seed: 2 });
    expect(Array.from(lowRank.correlationFactor)).toEqual(new Array(15).fill(0));
    expect(lowRank.correlationFactor.every((f) => !Object.is(f, -0))).toBe(true);
    expect(Array.from(lowRank.correlationDiag)).toEqual([1, 1, 1]);
  });

  it('caps rows with D < 0.01 to ‖F_i‖² = 0.99 and warns exactly once', () => {
    const warnings: string[] = [];
    // Scale 1, rank 4: ‖F_i‖² ~ χ²₄, above 0.99 for about 91% of rows.
    const lowRank = generateRandomLowRankCorrelationMatrix(50, 4, 1, { seed: 3, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    const capped = Array.from(lowRank.correlationDiag).filter((d) => Math.abs(d - 0.01) < 1e-6).length;
    expect(capped).toBeGreaterThan(30);
    expect(warnings[0]).toBe(`${capped} / 50 rows were capped. Either reduce the rank or reduce the correlation_scale to avoid rescaling.`);
  });

  it('warns through console.warn by default, and not at all when nothing is capped', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    generateRandomLowRankCorrelationMatrix(20, 4, 1, { seed: 3 });
    expect(warn).toHaveBeenCalledTimes(1);
    generateRandomLowRankCorrelationMatrix(20, 4, 0.05, { seed: 3 });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('gives off-diagonal correlations of size about scale²·sqrt(rank), half positive', () => {
    const n = 400, rank = 16, scale = 0.1;
    const { correlationFactor: f } = generateRandomLowRankCorrelationMatrix(n, rank, scale, { seed: 4 });
    let sumSquares = 0, positive = 0, pairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let c = 0;
        for (let k = 0; k < rank; k++) c += f[i * rank + k]! * f[j * rank + k]!;
        sumSquares += c * c;
        if (c > 0) positive++;
        pairs++;
      }
    }
    // RMS of a sum of 16 products of independent N(0, 0.01): 0.01·4 = 0.04; 79,800 pairs (not independent) pin it to a few %.
    expect(Math.sqrt(sumSquares / pairs)).toBeCloseTo(scale * scale * Math.sqrt(rank), 2);
    expect(Math.abs(positive / pairs - 0.5)).toBeLessThan(0.02);
  });

  it('handles 100,000 features × rank 10 quickly (SPEC §2 smoke test)', () => {
    const start = performance.now();
    const lowRank = generateRandomLowRankCorrelationMatrix(100_000, 10, 0.075, { seed: 42 });
    expect(lowRank.correlationFactor).toHaveLength(1_000_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('is seeded, advances a given rng by n·rank words, and validates', () => {
    const rng = Rng.fromSeed(9);
    expect(generateRandomLowRankCorrelationMatrix(10, 3, 0.1, { rng })).toEqual(generateRandomLowRankCorrelationMatrix(10, 3, 0.1, { seed: 9 }));
    expect(rng.position).toBe(30);
    expect(() => generateRandomLowRankCorrelationMatrix(10, 0)).toThrow('rank must be positive');
    expect(() => generateRandomLowRankCorrelationMatrix(10, 1.5)).toThrow(InvalidArgumentError);
    expect(() => generateRandomLowRankCorrelationMatrix(10, 2, -0.1)).toThrow('correlation_scale must be non-negative');
    expect(() => generateRandomLowRankCorrelationMatrix(10, 2, Number.NaN)).toThrow('correlation_scale must be non-negative');
    expect(() => generateRandomLowRankCorrelationMatrix(-1, 2)).toThrow('Invalid numFeatures');
  });
});
