/**
 * The `correlationMatrix` option of the generator (SPEC §1.6 "Correlation handling"): a dense
 * correlation matrix, a low-rank one, or a `[factor, diag]` pair, turned into the Gaussian-copula
 * firing sampler of `@synth/correlation`.
 */
import { InvalidArgumentError } from '@synth/core';
import type { Backend, Rng } from '@synth/core';
import { createCopulaSampler, toCorrelationDenseMatrix, validateLowRankCorrelation } from '@synth/correlation';
import type { CorrelationMatrixInput, LowRankCorrelationMatrix } from '@synth/correlation';
import type { FiringPattern } from './independent-firing';

/** A low-rank pair as SAELens also takes it: `[factor (numFeatures × rank, row-major), diag (numFeatures)]`. */
export type LowRankCorrelationPair = readonly [Float32Array | Float64Array, Float32Array | Float64Array];

/** Every accepted form of the option; `null`/`undefined` mean independent features. */
export type CorrelationInput = CorrelationMatrixInput | LowRankCorrelationMatrix | LowRankCorrelationPair | null | undefined;

/** The copula sampler as the generator uses it. */
export interface CorrelatedFiring {
  /** Firing of rows `startRow …`, keyed by absolute row (any chunking gives the same rows). */
  readonly sampleFiring: (rng: Rng, startRow: number, rows: number) => Promise<FiringPattern>;
  /** The dense matrix (float64, validated), when one was given. */
  readonly correlationMatrix: CorrelationMatrixInput | null;
  /** The low-rank correlation (validated), when one was given. */
  readonly lowRankCorrelation: LowRankCorrelationMatrix | null;
  /** `τ_i = Φ⁻¹(1 − p_i)`: feature i fires when its latent normal exceeds τ_i. */
  readonly correlationThresholds: Float64Array;
  /** Frees the sampler's tensors. */
  readonly dispose: () => void;
}

function isPair(value: unknown): value is LowRankCorrelationPair {
  return Array.isArray(value) && value.length === 2;
}

function isLowRank(value: unknown): value is LowRankCorrelationMatrix {
  return typeof value === 'object' && value !== null && 'correlationFactor' in value && 'correlationDiag' in value;
}

/**
 * Validates `correlation` against `numFeatures` and builds its copula sampler on `backend`, or
 * returns `null` for none. The thresholds are computed once, here.
 *
 * @example
 * ```ts
 * const firing = resolveCorrelation(new Float64Array([1, 0.5, 0.5, 1]), new Float32Array([0.1, 0.2]), backend);
 * ```
 * @throws InvalidArgumentError when there is no backend, or with SAELens's messages ("Correlation
 * matrix must have shape (n, n)", "correlation_factor must have shape (n, rank)",
 * "correlation_diag must have shape (n,)", "correlation_diag must have all positive values").
 * @throws ValidationError for a matrix that is not a valid correlation matrix (diagonal, positive
 * definiteness) or a low-rank pair whose implied diagonal is not 1.
 */
export function resolveCorrelation(correlation: CorrelationInput, firingProbabilities: Float32Array, backend: Backend | undefined): CorrelatedFiring | null {
  if (correlation === null || correlation === undefined) return null;
  const n = firingProbabilities.length;
  let lowRank: LowRankCorrelationMatrix | null = null;
  let dense: CorrelationMatrixInput | null = null;
  if (isPair(correlation)) lowRank = validateLowRankCorrelation(correlation[0], correlation[1], n);
  else if (isLowRank(correlation)) lowRank = validateLowRankCorrelation(correlation.correlationFactor, correlation.correlationDiag, n);
  else dense = toCorrelationDenseMatrix(correlation, n);
  if (backend === undefined) {
    throw new InvalidArgumentError('backend', 'a Backend when correlationMatrix is given (the copula sampler runs on it)', backend);
  }
  const sampler = createCopulaSampler(lowRank ?? dense!, firingProbabilities, { backend });
  return {
    sampleFiring: (rng, startRow, rows) => sampler.sampleFiring(rng, startRow, rows),
    correlationMatrix: dense,
    lowRankCorrelation: lowRank,
    correlationThresholds: sampler.thresholds,
    dispose: () => sampler.dispose(),
  };
}
