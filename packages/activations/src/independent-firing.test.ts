import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import { IndependentFiringSampler, bucketExponent } from './independent-firing';

describe('bucketExponent', () => {
  it('puts every p in (0, 1] into (2^-(k+1), 2^-k]', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), (p) => {
        const k = bucketExponent(p);
        expect(p <= 2 ** -k && p > 2 ** -(k + 1)).toBe(true);
      }),
    );
    expect([1, 0.5, 0.25, 0.3, 2 ** -30].map(bucketExponent)).toEqual([0, 1, 2, 1, 30]);
  });
});

describe('IndependentFiringSampler', () => {
  it('returns CSR with columns strictly ascending in every row', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.nat(1000), (probs, seed) => {
        const { rowOffsets, columnIndices } = new IndependentFiringSampler(Float32Array.from(probs)).sampleBlock(Rng.fromSeed(seed), 64);
        expect(rowOffsets.length).toBe(65);
        expect(rowOffsets[64]).toBe(columnIndices.length);
        for (let r = 0; r < 64; r++) {
          for (let k = rowOffsets[r]! + 1; k < rowOffsets[r + 1]!; k++) expect(columnIndices[k]!).toBeGreaterThan(columnIndices[k - 1]!);
        }
        for (const c of columnIndices) expect(c).toBeLessThan(probs.length);
      }),
      { numRuns: 50 },
    );
  });

  it('never fires p = 0 and always fires p = 1', () => {
    const { rowOffsets, columnIndices } = new IndependentFiringSampler(new Float32Array([0, 1, 0])).sampleBlock(Rng.fromSeed(3), 64);
    expect(Array.from(columnIndices)).toEqual(new Array<number>(64).fill(1));
    expect(rowOffsets[64]).toBe(64);
  });

  it('fires each feature at its probability (binomial tolerance)', () => {
    // Probabilities across many buckets, including bucket edges (exact powers of two) and thinning.
    const probs = Float32Array.from([1, 0.75, 0.5, 0.3, 0.25, 0.126, 0.05, 0.01, 0.003, 2 ** -9]);
    const sampler = new IndependentFiringSampler(probs);
    const root = Rng.fromSeed(11);
    const blocks = 800;
    const n = blocks * 64;
    const counts = new Float64Array(probs.length);
    for (let b = 0; b < blocks; b++) for (const c of sampler.sampleBlock(root.split(b), 64).columnIndices) counts[c]!++;
    probs.forEach((p, j) => {
      // 5 standard errors of a binomial proportion, sqrt(p(1-p)/n); exact for p = 1.
      const tolerance = 5 * Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(counts[j]! / n - p)).toBeLessThanOrEqual(tolerance);
    });
  });

  it('keeps rows independent: two features fire together at the product rate', () => {
    const sampler = new IndependentFiringSampler(new Float32Array([0.3, 0.4]));
    const root = Rng.fromSeed(5);
    let both = 0;
    const n = 500 * 64;
    for (let b = 0; b < 500; b++) {
      const { rowOffsets } = sampler.sampleBlock(root.split(b), 64);
      for (let r = 0; r < 64; r++) if (rowOffsets[r + 1]! - rowOffsets[r]! === 2) both++;
    }
    // P(both) = 0.12; 5·sqrt(0.12·0.88/n)
    expect(Math.abs(both / n - 0.12)).toBeLessThanOrEqual(5 * Math.sqrt((0.12 * 0.88) / n));
  });
});
