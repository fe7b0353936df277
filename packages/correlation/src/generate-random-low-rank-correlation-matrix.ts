/**
 * A random low-rank correlation matrix (SPEC §1.5 `generate_random_low_rank_correlation_matrix`).
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';
import { resolveRng, type RandomSource } from './random-source';

/**
 * Rows whose `D_i = 1 − ‖F_i‖²` falls below this are rescaled (SAELens's constant).
 *
 * @example
 * ```ts
 * lowRank.correlationDiag.every((d) => d >= MIN_CORRELATION_DIAG - 1e-6); // true
 * ```
 */
export const MIN_CORRELATION_DIAG = 0.01;
/** The squared norm a capped row is rescaled to: `1 − MIN_CORRELATION_DIAG`. */
const CAPPED_SQUARED_NORM = 1 - MIN_CORRELATION_DIAG;

/** Options of {@link generateRandomLowRankCorrelationMatrix}. */
export interface RandomLowRankOptions extends RandomSource {
  /** Receives the one warning about capped rows (default `console.warn`). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Draws `F = scale·N(0, 1)` of shape `numFeatures × rank` and sets `D = 1 − ‖F_i‖²`. Rows with
 * `D_i < 0.01` are rescaled by `sqrt(0.99/‖F_i‖²)` (so `‖F_i‖² = 0.99`, `D_i = 0.01`), and if any
 * were, exactly one warning "{k} / {n} rows were capped. Either reduce the rank or reduce the
 * correlation_scale to avoid rescaling." goes to `onWarning`. Off-diagonal correlations are about
 * `scale²·sqrt(rank)` in size, half of them positive. O(n·rank) time and memory.
 *
 * @remarks
 * Same law as SAELens, not the same numbers (synth's Philox `Rng`; `F[i, k]` is the normal at
 * word `i·rank + k` of the stream, so a given `rng` advances by `n·rank` words; seed 0 when
 * neither `seed` nor `rng` is given). `‖F_i‖²` and `D` are computed in float64 from the stored
 * float32 `F`, so the implied diagonal is 1 to float32 rounding of `D` (SAELens: 1e-5). The
 * warning goes to a callback rather than a logger.
 *
 * @example
 * ```ts
 * const lowRank = generateRandomLowRankCorrelationMatrix(100_000, 10, 0.075, { seed: 4 });
 * lowRank.correlationFactor.length; // 1,000,000
 * ```
 * @throws InvalidArgumentError when `numFeatures` is not an integer >= 0, `rank` is not a
 * positive integer ("rank must be positive"), `correlationScale` is negative or not finite
 * ("correlation_scale must be non-negative"), or for a bad `seed`/`rng`.
 */
export function generateRandomLowRankCorrelationMatrix(
  numFeatures: number,
  rank: number,
  correlationScale = 0.075,
  options: RandomLowRankOptions = {},
): LowRankCorrelationMatrix {
  assertInteger('numFeatures', numFeatures, 0);
  if (!(Number.isSafeInteger(rank) && rank > 0)) {
    throw new InvalidArgumentError('rank', 'an integer > 0', rank, { detail: '(rank must be positive)' });
  }
  if (!(correlationScale >= 0 && correlationScale < Infinity)) {
    throw new InvalidArgumentError('correlationScale', 'a finite number >= 0', correlationScale, {
      detail: '(correlation_scale must be non-negative)',
    });
  }
  const rng = resolveRng(options);
  const n = numFeatures;
  const factor = rng.fillNormal(new Float32Array(n * rank));
  const diag = new Float32Array(n);
  let capped = 0;
  for (let i = 0; i < n; i++) {
    const row = factor.subarray(i * rank, (i + 1) * rank);
    let squares = 0;
    for (let k = 0; k < rank; k++) {
      // `+ 0` turns −0 into +0, so scale 0 gives exactly F = 0.
      const f = row[k]! * correlationScale + 0;
      row[k] = f;
      squares += row[k]! * row[k]!;
    }
    if (1 - squares < MIN_CORRELATION_DIAG) {
      capped++;
      const shrink = Math.sqrt(CAPPED_SQUARED_NORM / squares);
      squares = 0;
      for (let k = 0; k < rank; k++) {
        row[k] = row[k]! * shrink;
        squares += row[k]! * row[k]!;
      }
    }
    diag[i] = 1 - squares;
  }
  if (capped > 0) {
    const warn = options.onWarning ?? ((message: string) => console.warn(message));
    warn(`${capped} / ${n} rows were capped. Either reduce the rank or reduce the correlation_scale to avoid rescaling.`);
  }
  return { numFeatures: n, rank, correlationFactor: factor, correlationDiag: diag };
}
