import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { arbitrarySeed } from './rng.properties';

/** Dense partial Fisher–Yates, written out plainly, drawing from a clone of the same stream. */
function referenceSample(rng: Rng, n: number, k: number): Int32Array {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.uniformInt(n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return Int32Array.from(pool.slice(0, k));
}

describe('shuffle and sampleWithoutReplacement', () => {
  it('shuffle returns a permutation of its input, in place', () => {
    fc.assert(
      fc.property(arbitrarySeed, fc.array(fc.integer()), (seed, values) => {
        const copy = [...values];
        const result = Rng.fromSeed(seed).shuffle(copy);
        expect(result).toBe(copy);
        expect([...copy].sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });

  it('sampleWithoutReplacement matches the dense reference in both the dense and the sparse regime', () => {
    fc.assert(
      fc.property(arbitrarySeed, fc.oneof(fc.tuple(fc.nat(40), fc.nat(40)), fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.nat(20))), (seed, [n, k]) => {
        fc.pre(k <= n);
        const rng = Rng.fromSeed(seed);
        expect(rng.clone().sampleWithoutReplacement(n, k)).toEqual(referenceSample(rng, n, k));
      }),
    );
  });

  it('puts each element first with probability 1/5 (chi-square, 4 df, alpha = 0.001, seed 12)', () => {
    const rng = Rng.fromSeed(12);
    const trials = 50_000;
    const counts = new Array<number>(5).fill(0);
    for (let t = 0; t < trials; t++) counts[rng.shuffle([0, 1, 2, 3, 4])[0]!]!++;
    const expected = trials / 5;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(18.467); // chi-square(4) quantile at 1 - 0.001
  });

  it('uniformInt is unbiased: chi-square for n = 7 and the top third for n = 3 * 2^30 (seed 13)', () => {
    const rng = Rng.fromSeed(13);
    const draws = 70_000;
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < draws; i++) counts[rng.uniformInt(7)]!++;
    const expected = draws / 7;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(22.458); // chi-square(6) quantile at 1 - 0.001
    // word % n without rejection would give P(x < 2^30) = 1/2 here instead of 1/3.
    let low = 0;
    for (let i = 0; i < draws; i++) if (rng.uniformInt(3 * 2 ** 30) < 2 ** 30) low++;
    expect(Math.abs(low / draws - 1 / 3)).toBeLessThan(5 * Math.sqrt((1 / 3) * (2 / 3) / draws));
  });
});
