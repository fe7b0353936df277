import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { assertChunkInvariant } from './rng.properties';

describe('fillNormal', () => {
  it('is chunk-invariant, including fills that start or end at odd positions', () => {
    assertChunkInvariant((n) => new Float64Array(n), (rng, out) => rng.fillNormal(out), { numRuns: 100 });
    assertChunkInvariant((n) => new Float32Array(n), (rng, out) => rng.fillNormal(out, 1, 2));
  });

  it('has mean 0, variance 1 and P(|z| < 1) = 0.6827 (seed 5, n = 1e6)', () => {
    const n = 1_000_000;
    const z = Rng.fromSeed(5).fillNormal(new Float64Array(n));
    let sum = 0;
    let squares = 0;
    let inside = 0;
    for (const v of z) {
      sum += v;
      squares += v * v;
      if (Math.abs(v) < 1) inside++;
    }
    const within = 0.6826894921370859; // erf(1 / sqrt 2)
    // 5 standard errors: sd(z) = 1, sd(z^2) = sqrt 2, sd(indicator) = sqrt(p (1 - p)).
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(inside / n - within)).toBeLessThan(5 * Math.sqrt((within * (1 - within)) / n));
  });

  it('scales by std and shifts by mean', () => {
    const standard = Rng.fromSeed(6).fillNormal(new Float64Array(64));
    const shifted = Rng.fromSeed(6).fillNormal(new Float64Array(64), 3, 0.5);
    expect(shifted.every((v, i) => v === 3 + 0.5 * standard[i]!)).toBe(true);
    expect(Rng.fromSeed(6).fillNormal(new Float64Array(5), 2, 0).every((v) => v === 2)).toBe(true);
  });
});
