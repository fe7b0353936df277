import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairAt, pairCount, rowStart } from './feature-pairs';

describe('feature pair numbering', () => {
  it('numbers the pairs i < j in lexicographic order', () => {
    for (const n of [0, 1, 2, 3, 7, 50]) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
      expect(pairCount(n)).toBe(pairs.length);
      pairs.forEach((pair, k) => expect(pairAt(n, k)).toEqual(pair));
    }
  });

  it('inverts rowStart for large n (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 65_536 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, u) => {
        const k = Math.floor(u * pairCount(n));
        const [i, j] = pairAt(n, k);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(j).toBeGreaterThan(i);
        expect(j).toBeLessThan(n);
        expect(rowStart(n, i) + (j - i - 1)).toBe(k);
      }),
    );
  });

  it('refuses more than 2^31 − 1 pairs', () => {
    expect(pairCount(65_536)).toBe(2_147_450_880);
    expect(() => pairCount(65_537)).toThrow('Invalid numFeatures');
  });
});
