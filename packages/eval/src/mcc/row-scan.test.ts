import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowScanner } from './row-scan';

/**
 * A row of bounds and exact values consistent with them: `exact[j] ≤ |products[j]| + r·s[j]`
 * (the exact value is a random fraction of its bound), plus a few exact ties.
 */
const rowArbitrary = fc
  .integer({ min: 1, max: 40 })
  .chain((columns) =>
    fc.record({
      products: fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: columns, maxLength: columns }),
      tails: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: columns, maxLength: columns }),
      fractions: fc.array(fc.constantFrom(0, 0.3, 0.9, 1, 1), { minLength: columns, maxLength: columns }),
      rowTail: fc.double({ min: 0, max: 1, noNaN: true }),
      maxExact: fc.integer({ min: 8, max: 48 }),
    }),
  );

describe('createRowScanner', () => {
  it('finds the largest exact value, computing only columns whose bound could beat it', () => {
    fc.assert(
      fc.property(rowArbitrary, ({ products, tails, fractions, rowTail, maxExact }) => {
        const columns = products.length;
        const block = Float32Array.from(products);
        const s = Float64Array.from(tails);
        const bound = (j: number): number => Math.abs(block[j]!) + rowTail * s[j]!;
        const exact = Array.from({ length: columns }, (_, j) => fractions[j]! * bound(j));
        const seen = new Map<number, number>();
        const scan = createRowScanner(s, 0, maxExact);
        const result = scan(block, 0, rowTail, (j) => exact[j]!, (j, cosine) => seen.set(j, cosine));
        expect(seen.size).toBeLessThanOrEqual(maxExact);
        for (const [j, cosine] of seen) expect(cosine).toBe(exact[j]);
        if (!result.certified) return;
        const truth = Math.max(...exact);
        expect(result.bestCosine).toBe(truth);
        expect(exact[result.best]).toBe(truth);
        // Every column left out has a bound no better than the best: the proof the caller relies on.
        for (let j = 0; j < columns; j++) if (!seen.has(j)) expect(bound(j)).toBeLessThanOrEqual(result.bestCosine);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the row at the given offset and widens the bounds by the margin', () => {
    // Two rows of 3 columns; the second row's bounds: 0.5, 0.9, 0.1 (tails 0).
    const block = Float32Array.of(9, 9, 9, 0.5, -0.9, 0.1);
    const s = new Float64Array(3);
    const calls: number[] = [];
    const exact = [0.5, 0.1, 0.05];
    const scan = createRowScanner(s, 0.3, 8);
    const result = scan(block, 3, 1, (j) => (calls.push(j), exact[j]!), () => {});
    // 0.9 first (0.1); 0.5 next (0.5); 0.1 + 0.3 margin ≤ 0.5: not computed.
    expect(calls).toEqual([1, 0]);
    expect(result).toEqual({ certified: true, best: 0, bestCosine: 0.5 });
  });

  it('gives up after maxExact exact values when the bounds cannot separate the row', () => {
    const columns = 100;
    const block = new Float32Array(columns).fill(0.5);
    const scan = createRowScanner(new Float64Array(columns), 0, 10);
    let calls = 0;
    const result = scan(block, 0, 0, () => (calls++, 0.1), () => {});
    expect(result.certified).toBe(false);
    expect(calls).toBe(10);
  });
});
