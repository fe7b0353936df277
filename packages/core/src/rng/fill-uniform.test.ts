import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { assertChunkInvariant } from './rng.properties';

describe('fillUniform', () => {
  it('is chunk-invariant for Float64Array and Float32Array, default and custom ranges', () => {
    assertChunkInvariant((n) => new Float64Array(n), (rng, out) => rng.fillUniform(out));
    assertChunkInvariant((n) => new Float32Array(n), (rng, out) => rng.fillUniform(out, -3, 0.1));
  });

  it('has mean 1/2 and variance 1/12 (seed 1, n = 1e6)', () => {
    const n = 1_000_000;
    const values = Rng.fromSeed(1).fillUniform(new Float64Array(n));
    let sum = 0;
    let squares = 0;
    for (const v of values) {
      sum += v;
      squares += (v - 0.5) ** 2;
    }
    // Tolerances are 5 standard errors: sd(U) = sqrt(1/12); sd((U - 1/2)^2) = sqrt(1/80 - 1/144) = sqrt(1/180).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(squares / n - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('stays in [low, high), also where low + u (high - low) rounds up to high', () => {
    const unit32 = Rng.fromSeed(2).fillUniform(new Float32Array(100_000));
    expect(unit32.every((v) => v >= 0 && v < 1 && Number.isInteger(v * 2 ** 24))).toBe(true);
    const unit64 = Rng.fromSeed(2).fillUniform(new Float64Array(100_000));
    expect(unit64.every((v, i) => v === Math.floor(unit32[i]! * 2 ** 24) / 2 ** 24 + (v - Math.floor(v * 2 ** 24) / 2 ** 24))).toBe(true);
    // Two adjacent doubles: every draw must be the lower one.
    const tight = Rng.fromSeed(3).fillUniform(new Float64Array(1000), 1, 1 + 2 ** -52);
    expect(tight.every((v) => v === 1)).toBe(true);
    // 0.1 is not a float32; fround(0.1) > 0.1 must never be stored.
    const narrow = Rng.fromSeed(4).fillUniform(new Float32Array(100_000), 0.1 - 2 ** -26, 0.1);
    expect(narrow.every((v) => v < 0.1)).toBe(true);
  });
});
