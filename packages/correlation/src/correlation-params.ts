/**
 * The four knobs shared by the random correlation generators, their defaults and their checks
 * (SPEC §1.5 `_validate_correlation_params`).
 */
import { InvalidArgumentError } from '@synth/core';

/** Parameters of {@link generateRandomCorrelations} and {@link generateRandomCorrelationMatrix}. */
export interface CorrelationParams {
  /** Fraction of the correlated pairs that are positive, in [0, 1] (default 0.5). */
  readonly positiveRatio: number;
  /** Fraction of all pairs left uncorrelated, in [0, 1] (default 0.3). */
  readonly uncorrelatedRatio: number;
  /** Smallest absolute correlation of a correlated pair, >= 0 (default 0.1). */
  readonly minCorrelationStrength: number;
  /** Largest absolute correlation of a correlated pair, <= 1 (default 0.8). */
  readonly maxCorrelationStrength: number;
}

/** SAELens's defaults for {@link CorrelationParams}. */
export const DEFAULT_CORRELATION_PARAMS: CorrelationParams = Object.freeze({
  positiveRatio: 0.5,
  uncorrelatedRatio: 0.3,
  minCorrelationStrength: 0.1,
  maxCorrelationStrength: 0.8,
});

/**
 * Fills in the defaults and checks the parameters in SAELens's order: `positiveRatio` and
 * `uncorrelatedRatio` in [0, 1], `minCorrelationStrength >= 0`, `maxCorrelationStrength <= 1`,
 * then `min <= max`. Returns the complete parameters.
 *
 * @remarks
 * NaN fails every rule here (SAELens lets a NaN strength through, since `nan < 0` is false).
 *
 * @example
 * ```ts
 * validateCorrelationParams({ positiveRatio: 0.7 }); // { positiveRatio: 0.7, uncorrelatedRatio: 0.3, … }
 * validateCorrelationParams({ positiveRatio: 1.5 });
 * // throws InvalidArgumentError: Invalid positiveRatio: expected a number in [0, 1], got 1.5.
 * //   (positive_ratio must be between 0.0 and 1.0)
 * ```
 * @throws InvalidArgumentError naming the first parameter that breaks its rule; the message
 * contains SAELens's wording, e.g. "positive_ratio must be between 0.0 and 1.0",
 * "uncorrelated_ratio must be between 0.0 and 1.0", "min_correlation_strength must be
 * non-negative", "max_correlation_strength must be <= 1.0" or "min_correlation_strength must be
 * <= max_correlation_strength".
 */
export function validateCorrelationParams(params: Partial<CorrelationParams> = {}): CorrelationParams {
  const resolved = { ...DEFAULT_CORRELATION_PARAMS, ...params };
  const { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength } = resolved;
  if (!(typeof positiveRatio === 'number' && positiveRatio >= 0 && positiveRatio <= 1)) {
    throw new InvalidArgumentError('positiveRatio', 'a number in [0, 1]', positiveRatio, {
      detail: '(positive_ratio must be between 0.0 and 1.0)',
    });
  }
  if (!(typeof uncorrelatedRatio === 'number' && uncorrelatedRatio >= 0 && uncorrelatedRatio <= 1)) {
    throw new InvalidArgumentError('uncorrelatedRatio', 'a number in [0, 1]', uncorrelatedRatio, {
      detail: '(uncorrelated_ratio must be between 0.0 and 1.0)',
    });
  }
  if (!(typeof minCorrelationStrength === 'number' && minCorrelationStrength >= 0)) {
    throw new InvalidArgumentError('minCorrelationStrength', 'a number >= 0', minCorrelationStrength, {
      detail: '(min_correlation_strength must be non-negative)',
    });
  }
  if (!(typeof maxCorrelationStrength === 'number' && maxCorrelationStrength <= 1)) {
    throw new InvalidArgumentError('maxCorrelationStrength', 'a number <= 1', maxCorrelationStrength, {
      detail: '(max_correlation_strength must be <= 1.0)',
    });
  }
  if (!(minCorrelationStrength <= maxCorrelationStrength)) {
    throw new InvalidArgumentError(
      'minCorrelationStrength',
      `a number <= maxCorrelationStrength (${maxCorrelationStrength})`,
      minCorrelationStrength,
      { detail: '(min_correlation_strength must be <= max_correlation_strength)' },
    );
  }
  return { positiveRatio, uncorrelatedRatio, minCorrelationStrength, maxCorrelationStrength };
}
