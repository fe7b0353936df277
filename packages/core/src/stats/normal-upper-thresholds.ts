/**
 * Firing thresholds of the Gaussian copula: a feature fires when its standard normal latent
 * exceeds `τ_i = Φ⁻¹(1 − p_i)`, which happens with probability `p_i`.
 */
import { InvalidArgumentError } from '../errors';
import { quantileUnchecked } from './normal-inverse-cdf';

/**
 * `τ_i = Φ⁻¹(1 − p_i)` for each firing probability: `p = 0` gives `+∞` (never fires), `p = 1`
 * gives `−∞` (always fires).
 *
 * @remarks
 * Computed as `−Φ⁻¹(p_i)`, which is the same number mathematically but keeps full precision for
 * tiny `p`: `1 − p` rounds away every digit of `p` below 1.1e-16 (`1 − 1e-20 === 1`), so the
 * reference's `√2·erfinv(1 − 2p)` (in float32, below ~3e-8) returns +∞ for probabilities that do
 * fire. Here `p = 1e-20` gives 9.262340089798409.
 *
 * @example
 * ```ts
 * normalUpperThresholds([0.5, 0.025, 0, 1]); // Float64Array [0, 1.959963984540054, Infinity, -Infinity]
 * ```
 * @throws InvalidArgumentError naming `probabilities[i]` for the first entry outside [0, 1] or NaN.
 */
export function normalUpperThresholds(probabilities: ArrayLike<number>): Float64Array {
  const thresholds = new Float64Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError(`probabilities[${i}]`, 'a number in [0, 1]', p);
    thresholds[i] = 0 - quantileUnchecked(p); // `0 −` so p = 0.5 gives +0, not −0
  }
  return thresholds;
}
