/**
 * Evenly spaced values over an interval, bit-compatible with `torch.linspace` in float64.
 */
import { assertFinite, assertInteger } from '../validate';

/**
 * `n` evenly spaced values from `start` to `end`, both included exactly: `n = 1` gives `[start]`,
 * `n = 0` an empty array.
 *
 * @remarks
 * Follows torch's CPU kernel (`RangeFactoriesKernel.cpp`): `step = (end − start)/(n − 1)`; the
 * first `floor(n/2)` values are `start + i·step` and the rest `end − (n − 1 − i)·step`, so each half
 * is anchored at its own end point. Fixtures from float64 torch tensors therefore agree bit for bit
 * (float32 torch computes in float32 and agrees only to float32 rounding).
 *
 * @example
 * ```ts
 * linspace(0, 1, 5); // Float64Array [0, 0.25, 0.5, 0.75, 1]
 * ```
 * @throws InvalidArgumentError when `start` or `end` is not finite, or `n` is not an integer >= 0.
 */
export function linspace(start: number, end: number, n: number): Float64Array {
  assertFinite('start', start);
  assertFinite('end', end);
  assertInteger('n', n, 0);
  const values = new Float64Array(n);
  if (n === 0) return values;
  if (n === 1) {
    values[0] = start;
    return values;
  }
  const step = (end - start) / (n - 1);
  const halfway = Math.floor(n / 2);
  for (let i = 0; i < n; i++) values[i] = i < halfway ? start + i * step : end - (n - 1 - i) * step;
  return values;
}
