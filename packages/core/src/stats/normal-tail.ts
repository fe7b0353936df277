/**
 * The upper tail of the standard normal, `1 − Φ(x) = erfc(x/√2)/2` for x >= 0, with full relative
 * precision. Internal: {@link normalCdf} and {@link normalInverseCdf} are built on it.
 */

/**
 * Chebyshev coefficients of `erfc(z) = t·exp(−z² + P(4t − 2))`, `t = 2/(2 + z)`, from Numerical
 * Recipes 3rd ed. §6.2.2 (`Erf::erfccheb`); jstat's `erf` uses the same series. (NR's
 * `6.4196979235649026e-1` is written in its shortest exact form, 0.6419697923564902.)
 */
const COEFFICIENTS = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6,
  1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
  -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
] as const;

/**
 * `1 − Φ(x)` for `x >= 0` (equal to `Φ(−x)`), accurate to a few ulps relative down to the
 * underflow near x ≈ 37.5 (results below ~1e-308 are subnormal and lose precision).
 *
 * @remarks
 * jstat computes `erfc` as `1 − erf`, which cancels catastrophically in the tail (its normal CDF is
 * off by 2% at x = −8 and returns 0 below x ≈ −8.3). This evaluates the same Chebyshev series
 * without the cancellation. The Gaussian factor is taken from `x`, not from a rounded `z = x/√2`,
 * and split as `exp(−h²/2)·exp(−(x − h)(x + h)/2)` with `h` = x rounded down to 1/16 (so `h²` is
 * exact), as in W. J. Cody's erfc: a rounded `x²/2` alone would cost up to `x²/2·ε` (1.5e-13 at
 * x = 36) relative.
 *
 * @example
 * ```ts
 * normalUpperTail(10); // 7.619853024160527e-24
 * ```
 * @throws Never (NaN gives NaN).
 */
export function normalUpperTail(x: number): number {
  // 1 − Φ(40) ≈ 3.7e-350 underflows anyway; returning early keeps x = ∞ from giving ∞ − ∞ = NaN.
  if (x > 40) return 0;
  const z = x * Math.SQRT1_2;
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = COEFFICIENTS.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + COEFFICIENTS[j]!;
    dd = previous;
  }
  const head = Math.trunc(x * 16) / 16;
  const gaussianHead = Math.exp(-0.5 * head * head);
  return 0.5 * t * gaussianHead * Math.exp(-0.5 * (x - head) * (x + head) + 0.5 * (COEFFICIENTS[0] + ty * d) - dd);
}
