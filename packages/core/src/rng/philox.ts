/**
 * The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw, "Parallel Random Numbers:
 * As Easy as 1, 2, 3" (SC'11), in plain JavaScript. This is the reference implementation: the
 * WebAssembly kernel that the bulk fills use is tested to give the same words.
 */

/** Round multiplier for lanes 0/1, from the Random123 paper's search for good avalanche. */
export const PHILOX_M0 = 0xd2511f53;
/** Round multiplier for lanes 2/3, from the same search. */
export const PHILOX_M1 = 0xcd9e8d57;
/** Weyl key increment for key word 0: floor(2^32 / golden ratio). */
export const PHILOX_W0 = 0x9e3779b9;
/** Weyl key increment for key word 1: floor(2^32 * (sqrt(3) - 1)). */
export const PHILOX_W1 = 0xbb67ae85;
/** Number of rounds: 10 is Random123's default and the variant its known-answer vectors cover. */
export const PHILOX_ROUNDS = 10;

// The high word of a 32x32-bit product, exactly, with doubles: split the constant multiplier into
// 16-bit halves so that each partial product a*m_hi, a*m_lo stays below 2^48 (exact in a double).
const M0_HIGH = PHILOX_M0 >>> 16;
const M0_LOW = PHILOX_M0 & 0xffff;
const M1_HIGH = PHILOX_M1 >>> 16;
const M1_LOW = PHILOX_M1 & 0xffff;
const TWO_16 = 65536;

/**
 * Computes one Philox4x32-10 block: four 32-bit output words from a 128-bit counter and a 64-bit
 * key, all given as unsigned 32-bit words, word 0 first (Random123's order).
 *
 * @param counter four words `[c0, c1, c2, c3]`.
 * @param key two words `[k0, k1]`.
 * @param out receives the four output words (from index `offset`).
 * @param offset where in `out` to write (default 0).
 * @example
 * ```ts
 * const out = new Uint32Array(4);
 * philox4x32([0, 0, 0, 0], [0, 0], out);
 * // out = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] (Random123 known answer)
 * ```
 */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array, offset = 0): void {
  let x0 = counter[0]! >>> 0;
  let x1 = counter[1]! >>> 0;
  let x2 = counter[2]! >>> 0;
  let x3 = counter[3]! >>> 0;
  let k0 = key[0]! >>> 0;
  let k1 = key[1]! >>> 0;
  for (let round = 0; round < PHILOX_ROUNDS; round++) {
    const high0 = ((x0 * M0_HIGH + ((x0 * M0_LOW) / TWO_16 >>> 0)) / TWO_16) >>> 0;
    const low0 = Math.imul(x0, PHILOX_M0) >>> 0;
    const high1 = ((x2 * M1_HIGH + ((x2 * M1_LOW) / TWO_16 >>> 0)) / TWO_16) >>> 0;
    const low1 = Math.imul(x2, PHILOX_M1) >>> 0;
    x0 = (high1 ^ x1 ^ k0) >>> 0;
    x1 = low1;
    x2 = (high0 ^ x3 ^ k1) >>> 0;
    x3 = low0;
    k0 = (k0 + PHILOX_W0) >>> 0;
    k1 = (k1 + PHILOX_W1) >>> 0;
  }
  out[offset] = x0;
  out[offset + 1] = x1;
  out[offset + 2] = x2;
  out[offset + 3] = x3;
}
