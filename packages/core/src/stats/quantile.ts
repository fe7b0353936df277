/**
 * Linear-interpolation quantiles (numpy's default method, `torch.quantile`'s default).
 */
import { InvalidArgumentError } from '../errors';
import { assertInRange } from '../validate';

/**
 * The `q`-quantile of an ascending array by linear interpolation: with `h = q·(n − 1)`, it is
 * `sorted[⌊h⌋]` moved toward `sorted[⌊h⌋ + 1]` by the fraction `h − ⌊h⌋`. `q = 0.5` of two values
 * is their mean.
 *
 * @remarks
 * The interpolation is `torch.lerp`'s (also numpy's): `a + w·(b − a)` for `w < 0.5`, else
 * `b − (1 − w)·(b − a)`, so results agree with torch to the last bit in float64. Deliberate
 * difference: when `h` is a whole number the entry is returned as is, so an infinite entry gives
 * ±∞ where torch gives NaN (`0·∞`). Checking the order costs one pass, far less than the sort the
 * caller did.
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5);  // 2.5
 * quantileSorted([1, 2, 3, 4], 0.95); // 3.8499999999999996 (numpy prints the same)
 * ```
 * @throws InvalidArgumentError when `sorted` is empty, not ascending or holds NaN (naming the
 * index), or `q` is outside [0, 1] or NaN.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  assertInRange('q', q, 0, 1);
  const n = sorted.length;
  if (n === 0) throw new InvalidArgumentError('sorted', 'a non-empty array', sorted);
  if (Number.isNaN(sorted[0])) throw new InvalidArgumentError('sorted[0]', 'a number (not NaN)', sorted[0]);
  for (let i = 1; i < n; i++) {
    if (!(sorted[i - 1]! <= sorted[i]!)) {
      throw new InvalidArgumentError(`sorted[${i}]`, `a number >= sorted[${i - 1}] = ${sorted[i - 1]} (ascending order)`, sorted[i]);
    }
  }
  const position = q * (n - 1);
  const below = Math.floor(position);
  const weight = position - below;
  const a = sorted[below]!;
  if (weight === 0) return a;
  const b = sorted[below + 1]!;
  const difference = b - a;
  return weight < 0.5 ? a + weight * difference : b - (1 - weight) * difference;
}

/**
 * The `q`-quantile of `values` (in any order) by linear interpolation; see {@link quantileSorted}.
 * Sorts a copy, so `values` is left unchanged.
 *
 * @example
 * ```ts
 * quantile([3, 1, 4, 2], 0.25); // 1.75
 * ```
 * @throws InvalidArgumentError when `values` is empty or holds NaN (naming the index), or `q` is
 * outside [0, 1] or NaN.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  assertInRange('q', q, 0, 1);
  const n = values.length;
  if (n === 0) throw new InvalidArgumentError('values', 'a non-empty array', values);
  const sorted = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(sorted[i])) throw new InvalidArgumentError(`values[${i}]`, 'a number (not NaN)', values[i]);
  }
  sorted.sort();
  return quantileSorted(sorted, q);
}
