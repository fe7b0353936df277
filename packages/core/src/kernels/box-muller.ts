/**
 * One standard normal from its Box–Muller word pair, with exactly the arithmetic of
 * `Rng.fillNormal` (see `rng/fill-normal.ts`), for kernels that find the words themselves.
 */

const TWO_POW_MINUS_32 = 2 ** -32;
/** 2 pi * 2^-32, written as `fill-normal.ts` writes it (the same double). */
const ANGLE_PER_WORD = 2 * Math.PI * TWO_POW_MINUS_32;

/**
 * The float64 normal `Rng.fillNormal` makes at a word position from that position's pair
 * `(w0, w1)` (the words at the even position at or below it and the next one): the cosine branch
 * at an even position, the sine branch at an odd one. Stored in a Float32Array it rounds to the
 * fill's float32 value. Tested against `fillNormal` bit for bit.
 *
 * @internal
 * @example
 * ```ts
 * const eta = Math.fround(boxMullerNormal(w0, w1, position % 2 === 1));
 * ```
 */
export function boxMullerNormal(w0: number, w1: number, odd: boolean): number {
  const radius = Math.sqrt(-2 * Math.log((w0 + 1) * TWO_POW_MINUS_32));
  const angle = w1 * ANGLE_PER_WORD;
  // `0 + 1 * …` is fillNormal's `mean + std * …` with its defaults (it turns −0 into +0).
  return 0 + 1 * (odd ? radius * Math.sin(angle) : radius * Math.cos(angle));
}
