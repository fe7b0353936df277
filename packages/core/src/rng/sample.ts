/**
 * Permutations and subsets drawn with an unbiased integer source (`Rng.uniformInt`).
 */

/** Draws an integer uniformly from `[0, n)`. */
export type DrawIndex = (n: number) => number;

/** A mutable array-like: plain arrays and typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/**
 * Shuffles `array` in place by Fisher–Yates (from the end, `j = draw(i + 1)`), and returns it.
 *
 * @example
 * ```ts
 * shuffleWith([1, 2, 3], (n) => n - 1); // [1, 2, 3]: each element swaps with itself
 * ```
 */
export function shuffleWith<A extends MutableArrayLike<unknown>>(array: A, draw: DrawIndex): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = draw(i + 1);
    const held = array[i];
    array[i] = array[j];
    array[j] = held;
  }
  return array;
}

/** Above this many candidates per pick, a Map of displaced entries replaces the dense array. */
const DENSE_RATIO = 16;

/**
 * `k` distinct indices from `[0, n)`, as a partial Fisher–Yates shuffle of `0..n-1` (step `i`
 * swaps position `i` with `i + draw(n - i)`), so both the subset and its order are uniform.
 * For `n` much larger than `k` the swaps are kept in a Map: O(k) memory, same result.
 *
 * @example
 * ```ts
 * sampleWith(10, 3, () => 0); // Int32Array [0, 1, 2]
 * ```
 */
export function sampleWith(n: number, k: number, draw: DrawIndex): Int32Array {
  const out = new Int32Array(k);
  if (n <= DENSE_RATIO * k) {
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + draw(n - i);
      out[i] = pool[j]!;
      pool[j] = pool[i]!;
    }
    return out;
  }
  const displaced = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const j = i + draw(n - i);
    out[i] = displaced.get(j) ?? j;
    displaced.set(j, displaced.get(i) ?? i);
  }
  return out;
}
