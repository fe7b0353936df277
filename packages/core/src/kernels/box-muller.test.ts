import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng/rng';
import { boxMullerNormal } from './box-muller';

describe('boxMullerNormal', () => {
  it('gives Rng.fillNormal’s float32 normal at any position from that position’s word pair', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 2 ** 40 }), (seed, position) => {
        const rng = Rng.fromSeed(seed).split('box-muller');
        const want = rng.clone().seek(position).fillNormal(new Float32Array(1))[0]!;
        const even = position - (position % 2);
        const w0 = rng.clone().seek(even).nextUint32();
        const w1 = rng.clone().seek(even + 1).nextUint32();
        expect(Object.is(Math.fround(boxMullerNormal(w0, w1, position % 2 === 1)), want)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
