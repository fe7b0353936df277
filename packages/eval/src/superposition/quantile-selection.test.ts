import { Rng, quantileSorted } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateQuantile, neededRanks, quantilePosition, selectRanks } from './quantile-selection';

/** Quantiles by selection, for the given q's, on a copy of `values`. */
function selectedQuantiles(values: Float32Array, qs: readonly number[]): number[] {
  const positions = qs.map((q) => quantilePosition(q, values.length));
  const arranged = Float32Array.from(values);
  selectRanks(arranged, neededRanks(positions));
  return positions.map((position) => interpolateQuantile(arranged, position));
}

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

describe('quantile selection', () => {
  it('gives the documented examples', () => {
    expect(quantilePosition(0.5, 2)).toEqual({ below: 0, weight: 0.5 });
    expect(quantilePosition(0.95, 21)).toEqual({ below: 19, weight: 0 });
    expect(quantilePosition(1, 1)).toEqual({ below: 0, weight: 0 });
    expect(neededRanks([quantilePosition(0.5, 4), quantilePosition(1, 4)])).toEqual(Int32Array.of(1, 2, 3));
    const values = Float32Array.of(5, 1, 4, 2, 3);
    selectRanks(values, Int32Array.of(2, 3));
    expect([values[2], values[3]]).toEqual([3, 4]);
    expect(interpolateQuantile(Float32Array.of(1, 3), { below: 0, weight: 0.5 })).toBe(2);
    expect(selectedQuantiles(Float32Array.of(7, 3), [0.5])).toEqual([5]);
  });

  it('equals core quantileSorted of the sorted values exactly, for any values and quantiles (property)', () => {
    fc.assert(
      fc.property(fc.array(float32, { minLength: 1, maxLength: 300 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (list, qs) => {
        const values = Float32Array.from(list);
        const sorted = Float32Array.from(values).sort();
        expect(selectedQuantiles(values, qs)).toEqual(qs.map((q) => quantileSorted(sorted, q)));
      }),
    );
  });

  it('handles heavy ties and the selected ranks partition the array (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 500 }), fc.uniqueArray(fc.nat(), { maxLength: 8 }), (list, rawRanks) => {
        const values = Float32Array.from(list);
        const ranks = Int32Array.from(rawRanks.map((r) => r % values.length)).sort();
        const arranged = Float32Array.from(values);
        selectRanks(arranged, ranks);
        const sorted = Float32Array.from(values).sort();
        expect(Float32Array.from(arranged).sort()).toEqual(sorted); // a permutation
        for (const rank of ranks) {
          expect(arranged[rank]).toBe(sorted[rank]);
          for (let k = 0; k < rank; k++) expect(arranged[k]).toBeLessThanOrEqual(arranged[rank]!);
          for (let k = rank + 1; k < arranged.length; k++) expect(arranged[k]).toBeGreaterThanOrEqual(arranged[rank]!);
        }
      }),
    );
  });

  it('stays correct on inputs that defeat a median-of-three pivot (sorted, reversed, organ-pipe, 100k values)', () => {
    const m = 100_001;
    const shapes: Record<string, (k: number) => number> = {
      ascending: (k) => k,
      descending: (k) => m - k,
      organPipe: (k) => Math.min(k, m - k),
      sawtooth: (k) => k % 97,
    };
    const rng = Rng.fromSeed(5);
    const randomValues = rng.fillUniform(new Float32Array(m));
    for (const values of [...Object.values(shapes).map((shape) => Float32Array.from({ length: m }, (_, k) => shape(k))), randomValues]) {
      const sorted = Float32Array.from(values).sort();
      const qs = [0, 0.25, 0.5, 0.95, 0.99, 0.999, 1];
      expect(selectedQuantiles(values, qs)).toEqual(qs.map((q) => quantileSorted(sorted, q)));
    }
  });
});
