/**
 * Shared fast-check pieces for the `Rng` suites: arbitraries for seeds, positions and chunkings,
 * and the chunk-invariance property every fill must satisfy.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Rng } from './rng';

/** Seeds, including 0, the largest safe integer and full 64-bit bigints. */
export const arbitrarySeed: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.constant(0),
  fc.nat(),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);

/** Start positions: small, odd, large, and just before the block counter's low word carries. */
export const arbitraryStart: fc.Arbitrary<number> = fc.oneof(
  fc.nat(64),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.integer({ min: 4 * 2 ** 32 - 9, max: 4 * 2 ** 32 + 3 }),
);

/** Chunk sizes up to past the 4096-word internal chunk, so internal boundaries are crossed too. */
export const arbitraryChunks: fc.Arbitrary<number[]> = fc.array(fc.oneof(fc.nat(9), fc.integer({ min: 0, max: 5000 })), {
  minLength: 1,
  maxLength: 5,
});

/** A generator for `seed`, optionally split along `path`, at `start`. */
export function makeRng(seed: number | bigint, start: number, path: readonly (string | number)[] = []): Rng {
  let rng = Rng.fromSeed(seed);
  for (const key of path) rng = rng.split(key);
  return rng.seek(start);
}

interface Fillable<T> {
  readonly length: number;
  subarray(begin: number, end: number): T;
}

/**
 * Asserts that filling in the given chunks equals one fill of the total length, value for value,
 * and that both leave the generator at the same position. Chunks are whole multiples of `unit`
 * entries (a row, for fills that take rows).
 */
export function assertChunkInvariant<T extends Fillable<T>>(
  allocate: (length: number) => T,
  fill: (rng: Rng, out: T) => void,
  options: { numRuns?: number; unit?: number } = {},
): void {
  const unit = options.unit ?? 1;
  fc.assert(
    fc.property(arbitrarySeed, arbitraryStart, arbitraryChunks, fc.array(fc.oneof(fc.string(), fc.nat()), { maxLength: 2 }), (seed, start, chunks, path) => {
      const total = unit * chunks.reduce((sum, size) => sum + size, 0);
      const whole = allocate(total);
      const one = makeRng(seed, start, path);
      fill(one, whole);
      const pieces = allocate(total);
      const many = makeRng(seed, start, path);
      let offset = 0;
      for (const size of chunks) {
        fill(many, pieces.subarray(offset, offset + unit * size));
        offset += unit * size;
      }
      expect(pieces).toEqual(whole);
      expect(many.position).toBe(one.position);
      expect(one.position).toBe(start + total);
    }),
    { numRuns: options.numRuns ?? 60 },
  );
}
