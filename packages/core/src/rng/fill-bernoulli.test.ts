import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { Rng } from './rng';
import { assertChunkInvariant } from './rng.properties';

const probabilities = [0, 1e-3, 0.1, 0.5, 0.9, 1];

describe('fillBernoulli', () => {
  it('is chunk-invariant when split at row boundaries', () => {
    const p = [0.2, 0.7, 0.5];
    assertChunkInvariant(
      (n) => new Uint8Array(n),
      (rng, out) => rng.fillBernoulli(out, p, out.length / p.length),
      { unit: p.length },
    );
  });

  it('fires at rate p per column (seed 8, 200 000 rows); p = 0 never, p = 1 always', () => {
    const rows = 200_000;
    const out = Rng.fromSeed(8).fillBernoulli(new Uint8Array(rows * probabilities.length), probabilities, rows);
    probabilities.forEach((p, j) => {
      let fired = 0;
      for (let r = 0; r < rows; r++) fired += out[r * probabilities.length + j]!;
      // 5 standard errors of a binomial rate: 5 sqrt(p (1 - p) / rows); exact for p in {0, 1}.
      expect(Math.abs(fired / rows - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / rows));
    });
  });

  it('rejects any probability outside [0, 1], naming its index', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 1, minExcluded: true }), fc.double({ max: -Number.MIN_VALUE }), fc.constant(Number.NaN)), fc.nat(4), (bad, index) => {
        const p = [0.5, 0.5, 0.5, 0.5, 0.5];
        p[index] = bad;
        expect(() => Rng.fromSeed(1).fillBernoulli(new Uint8Array(5), p, 1)).toThrow(InvalidArgumentError);
        expect(() => Rng.fromSeed(1).fillBernoulli(new Uint8Array(5), p, 1)).toThrow(`Invalid probabilities[${index}]:`);
      }),
    );
  });
});
