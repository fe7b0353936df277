/**
 * SAELens's `LowRankCorrelationConfig`: the rank and scale of a synthetic model's correlated firing.
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import { rejectUnknownKeys } from './orthogonalization-config';

/** JSON form: `{ rank, correlation_scale, seed }`, as SAELens writes it. */
export interface LowRankCorrelationConfigDict {
  rank: number;
  correlation_scale: number;
  seed: number | null;
}

/**
 * Low-rank correlation settings. Defaults as SAELens: rank 32, scale 0.1, seed null.
 *
 * @remarks SAELens stores `seed` but never uses it (its model always draws the correlation with
 * `cfg.seed + 4`). synth honours it: when set, the correlation factor is drawn from
 * `Rng.fromSeed(seed)`; when null, from the model's own `'correlation'` stream.
 * @example
 * ```ts
 * const correlation = new LowRankCorrelationConfig({ rank: 25, correlationScale: 0.1 });
 * correlation.toDict(); // { rank: 25, correlation_scale: 0.1, seed: null }
 * ```
 * @throws InvalidArgumentError for a rank that is not an integer >= 1 ("rank must be positive"),
 *   a negative or non-finite scale ("correlation_scale must be non-negative"), or a seed that is
 *   not an integer.
 */
export class LowRankCorrelationConfig {
  readonly rank: number;
  readonly correlationScale: number;
  readonly seed: number | null;

  constructor(options: { rank?: number; correlationScale?: number; seed?: number | null } = {}) {
    this.rank = options.rank ?? 32;
    this.correlationScale = options.correlationScale ?? 0.1;
    this.seed = options.seed ?? null;
    if (!(Number.isSafeInteger(this.rank) && this.rank >= 1)) {
      throw new InvalidArgumentError('correlation.rank', 'an integer >= 1', this.rank, { detail: '(rank must be positive)' });
    }
    if (!(this.correlationScale >= 0 && this.correlationScale < Infinity)) {
      throw new InvalidArgumentError('correlation.correlationScale', 'a finite number >= 0', this.correlationScale, { detail: '(correlation_scale must be non-negative)' });
    }
    if (this.seed !== null) assertInteger('correlation.seed', this.seed);
  }

  /**
   * SAELens's `to_dict()`.
   *
   * @example
   * ```ts
   * new LowRankCorrelationConfig({ seed: 3 }).toDict(); // { rank: 32, correlation_scale: 0.1, seed: 3 }
   * ```
   * @throws Nothing.
   */
  toDict(): LowRankCorrelationConfigDict {
    return { rank: this.rank, correlation_scale: this.correlationScale, seed: this.seed };
  }

  /**
   * SAELens's `from_dict()`: missing keys take the defaults.
   *
   * @example
   * ```ts
   * LowRankCorrelationConfig.fromDict({ rank: 4 }).correlationScale; // 0.1
   * ```
   * @throws InvalidArgumentError for an unknown key or a bad value.
   */
  static fromDict(dict: Partial<LowRankCorrelationConfigDict>): LowRankCorrelationConfig {
    rejectUnknownKeys('correlation', dict, ['rank', 'correlation_scale', 'seed']);
    return new LowRankCorrelationConfig({
      ...(dict.rank === undefined ? {} : { rank: dict.rank }),
      ...(dict.correlation_scale === undefined ? {} : { correlationScale: dict.correlation_scale }),
      seed: dict.seed ?? null,
    });
  }
}
