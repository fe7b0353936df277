/**
 * The error for a non-finite input entry, found only after a sum came out non-finite (so hot
 * loops carry no per-entry test).
 */
import { InvalidArgumentError } from '@synth/core';

/**
 * Throws naming the first NaN or infinite entry of `values` among those `counts` selects, or, when
 * they are all finite (their squares overflowed), naming `parameter` itself.
 *
 * @example
 * ```ts
 * if (!Number.isFinite(sumOfSquares)) throwFirstNonFinite(data, 'matrix.data');
 * ```
 * @throws InvalidArgumentError always.
 */
export function throwFirstNonFinite(values: ArrayLike<number>, parameter: string, counts: (index: number) => boolean = () => true): never {
  for (let k = 0; k < values.length; k++) {
    if (counts(k) && !Number.isFinite(values[k])) throw new InvalidArgumentError(`${parameter}[${k}]`, 'a finite number', values[k]);
  }
  throw new InvalidArgumentError(parameter, 'entries whose squares sum to a finite number', values);
}
