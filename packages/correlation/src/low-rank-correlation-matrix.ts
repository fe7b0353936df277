/**
 * The low-rank correlation form `C = F·Fᵀ + diag(D)` (SPEC §1.5 `LowRankCorrelationMatrix`) and
 * its validation (SPEC §1.6 `_validate_low_rank_correlation`).
 */
import { InvalidArgumentError, ValidationError, assertInteger } from '@synth/core';

/**
 * A correlation matrix stored as `C = F·Fᵀ + diag(D)`, with `D_i = 1 − ‖F_i‖²` so the diagonal
 * is 1. O(n·rank) memory instead of O(n²).
 */
export interface LowRankCorrelationMatrix {
  readonly numFeatures: number;
  readonly rank: number;
  /** `F`, `numFeatures × rank`, row-major: `F[i, k] = correlationFactor[i * rank + k]`. */
  readonly correlationFactor: Float32Array | Float64Array;
  /** `D`, length `numFeatures`, every entry > 0. */
  readonly correlationDiag: Float32Array | Float64Array;
}

/**
 * Largest allowed `|‖F_i‖² + D_i − 1|`: SAELens's own guarantee (1e-5) plus float32 rounding of the
 * `rank` squares summed into `‖F_i‖²` (each term rounded at 2^-24 relative, `‖F_i‖² <= 1`).
 *
 * @example
 * ```ts
 * impliedDiagonalTolerance(10); // 1e-5 + 12·2^-24 ≈ 1.07e-5
 * ```
 * @throws Never.
 */
export function impliedDiagonalTolerance(rank: number): number {
  return 1e-5 + (rank + 2) * 2 ** -24;
}

/**
 * Checks a low-rank pair and returns it as a {@link LowRankCorrelationMatrix}: `correlationFactor`
 * holds `numFeatures × rank` entries, `correlationDiag` holds `numFeatures` entries, all finite,
 * every `D_i > 0`, and the implied diagonal `‖F_i‖² + D_i` is 1 within
 * {@link impliedDiagonalTolerance}. `rank` defaults to `correlationFactor.length / numFeatures`.
 * The arrays are kept, not copied.
 *
 * @remarks
 * The unit-diagonal check is synth's (SPEC §5.9): SAELens does not check it, and when it fails
 * the copula's marginal firing rates are silently wrong. With flat arrays the "2D" rule of SAELens
 * becomes a length check; {@link lowRankCorrelationFromTensors} applies it to tensors.
 *
 * @example
 * ```ts
 * const lowRank = validateLowRankCorrelation(new Float32Array([0.6, 0, 0, 0.8]), new Float32Array([0.64, 0.36]), 2);
 * lowRank.rank; // 2
 * ```
 * @throws InvalidArgumentError with "correlation_factor must have shape (n, rank), got …",
 * "correlation_diag must have shape (n,), got …" or "correlation_diag must have all positive
 * values", or naming a non-finite entry.
 * @throws ValidationError when an implied diagonal entry is not 1.
 */
export function validateLowRankCorrelation(
  correlationFactor: Float32Array | Float64Array,
  correlationDiag: Float32Array | Float64Array,
  numFeatures: number,
  rank: number = inferRank(correlationFactor, numFeatures),
): LowRankCorrelationMatrix {
  assertInteger('numFeatures', numFeatures, 0);
  const n = numFeatures;
  if (
    !(correlationFactor instanceof Float32Array || correlationFactor instanceof Float64Array) ||
    !(Number.isSafeInteger(rank) && rank >= 0) ||
    correlationFactor.length !== n * rank
  ) {
    throw new InvalidArgumentError('correlationFactor', `a Float32Array or Float64Array of ${n}·rank entries`, correlationFactor, {
      detail: `(correlation_factor must have shape (${n}, rank), got ${describeLength(correlationFactor, false)})`,
    });
  }
  if (!(correlationDiag instanceof Float32Array || correlationDiag instanceof Float64Array) || correlationDiag.length !== n) {
    throw new InvalidArgumentError('correlationDiag', `a Float32Array or Float64Array of ${n} entries`, correlationDiag, {
      detail: `(correlation_diag must have shape (${n},), got ${describeLength(correlationDiag, true)})`,
    });
  }
  const tolerance = impliedDiagonalTolerance(rank);
  for (let i = 0; i < n; i++) {
    const d = correlationDiag[i]!;
    if (!(d > 0 && d < Infinity)) {
      throw new InvalidArgumentError(`correlationDiag[${i}]`, 'a finite number > 0', d, {
        detail: '(correlation_diag must have all positive values)',
      });
    }
    let squares = 0;
    for (let k = 0; k < rank; k++) {
      const f = correlationFactor[i * rank + k]!;
      if (!Number.isFinite(f)) throw new InvalidArgumentError(`correlationFactor[${i * rank + k}]`, 'a finite number', f);
      squares += f * f;
    }
    if (!(Math.abs(squares + d - 1) <= tolerance)) {
      throw new ValidationError(
        `Low-rank correlation must have a unit diagonal: row ${i} has ‖F_i‖² + D_i = ${squares} + ${d} = ${squares + d}, not 1 (tolerance ${tolerance.toExponential(2)}). Set correlationDiag = 1 − ‖F_i‖².`,
      );
    }
  }
  return { numFeatures: n, rank, correlationFactor, correlationDiag };
}

/** `factor.length / n` (0 when n = 0), NaN when it is not a whole number (then the length check fails). */
function inferRank(factor: ArrayLike<number>, numFeatures: number): number {
  if (numFeatures === 0) return 0;
  const rank = (factor as { length?: unknown } | null | undefined)?.length;
  return typeof rank === 'number' && rank % numFeatures === 0 ? rank / numFeatures : Number.NaN;
}

function describeLength(value: unknown, asShape: boolean): string {
  if (!ArrayBuffer.isView(value)) return 'a non-typed-array value';
  const length = (value as unknown as ArrayLike<number>).length;
  return asShape ? `(${length},)` : `${length} entries`;
}
