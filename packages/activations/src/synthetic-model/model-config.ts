/**
 * The declarative configuration of a synthetic model, serialised exactly as SAELens's
 * `SyntheticModelConfig.to_dict()` writes `synthetic_model_config.json`, so files move between
 * the two tools in both directions.
 */
import { InvalidArgumentError, assertFinite, assertInteger, parseDtype } from '@synth/core';
import type { DtypeName } from '@synth/core';
import { FiringProbabilityConfig, MagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import type { ConfigDict, SerializedConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import type { HierarchyConfigDict } from '../hierarchy/index';

/** Settings of the feature dictionary's orthogonalization (SAELens's `OrthogonalizationConfig`). */
export class OrthogonalizationConfig {
  readonly numSteps: number;
  readonly lr: number;
  readonly chunkSize: number;

  /** @throws InvalidArgumentError for a non-integer step count or chunk size, or a bad rate. */
  constructor(options: { numSteps?: number; lr?: number; chunkSize?: number } = {}) {
    this.numSteps = options.numSteps ?? 200;
    this.lr = options.lr ?? 0.01;
    this.chunkSize = options.chunkSize ?? 1024;
    assertInteger('orthogonalization.numSteps', this.numSteps);
    assertFinite('orthogonalization.lr', this.lr);
    assertInteger('orthogonalization.chunkSize', this.chunkSize, 1);
  }

  /** `{ num_steps, lr, chunk_size }`. */
  toDict(): { num_steps: number; lr: number; chunk_size: number } {
    return { num_steps: this.numSteps, lr: this.lr, chunk_size: this.chunkSize };
  }

  /** Inverse of {@link toDict}. */
  static fromDict(dict: { num_steps?: number; lr?: number; chunk_size?: number }): OrthogonalizationConfig {
    return new OrthogonalizationConfig({
      ...(dict.num_steps === undefined ? {} : { numSteps: dict.num_steps }),
      ...(dict.lr === undefined ? {} : { lr: dict.lr }),
      ...(dict.chunk_size === undefined ? {} : { chunkSize: dict.chunk_size }),
    });
  }
}

/**
 * Low-rank correlation settings (SAELens's `LowRankCorrelationConfig`).
 *
 * @remarks SAELens stores `seed` but never uses it (the model uses `seed + 4`); synth honours it:
 * when set, the correlation is drawn from `Rng.fromSeed(seed)` instead of the model's stream.
 */
export class LowRankCorrelationConfig {
  readonly rank: number;
  readonly correlationScale: number;
  readonly seed: number | null;

  /** @throws InvalidArgumentError for a non-positive rank, a negative scale or a bad seed. */
  constructor(options: { rank?: number; correlationScale?: number; seed?: number | null } = {}) {
    this.rank = options.rank ?? 32;
    this.correlationScale = options.correlationScale ?? 0.1;
    this.seed = options.seed ?? null;
    assertInteger('correlation.rank', this.rank, 1);
    if (!(this.correlationScale >= 0 && Number.isFinite(this.correlationScale))) {
      throw new InvalidArgumentError('correlation.correlationScale', 'a finite number >= 0', this.correlationScale);
    }
    if (this.seed !== null) assertInteger('correlation.seed', this.seed);
  }

  /** `{ rank, correlation_scale, seed }`. */
  toDict(): { rank: number; correlation_scale: number; seed: number | null } {
    return { rank: this.rank, correlation_scale: this.correlationScale, seed: this.seed };
  }

  /** Inverse of {@link toDict}. */
  static fromDict(dict: { rank?: number; correlation_scale?: number; seed?: number | null }): LowRankCorrelationConfig {
    return new LowRankCorrelationConfig({
      ...(dict.rank === undefined ? {} : { rank: dict.rank }),
      ...(dict.correlation_scale === undefined ? {} : { correlationScale: dict.correlation_scale }),
      seed: dict.seed ?? null,
    });
  }
}

/** A magnitude setting: one number for every feature, or a per-feature generator. */
export type MagnitudeSetting = number | MagnitudeConfig;

/** Options of {@link SyntheticModelConfig}; everything but the two sizes has SAELens's default. */
export interface SyntheticModelConfigOptions {
  readonly numFeatures: number;
  readonly hiddenDim: number;
  /** Default: zipfian (exponent 1, 0.3 → 0.01). */
  readonly firingProbability?: FiringProbabilityConfig;
  readonly hierarchy?: HierarchyConfig | null;
  /** Default null: unlike `FeatureDictionary`, a synthetic model does not orthogonalise. */
  readonly orthogonalization?: OrthogonalizationConfig | null;
  readonly correlation?: LowRankCorrelationConfig | null;
  /** Default 0. */
  readonly stdFiringMagnitudes?: MagnitudeSetting;
  /** Default 1. */
  readonly meanFiringMagnitudes?: MagnitudeSetting;
  /** Norm of a random bias; default 1 (SAELens's default too), `false`/0 for none. */
  readonly bias?: boolean | number;
  readonly dtype?: DtypeName;
  /** Default null, which synth treats as seed 0 (see {@link SyntheticModel}). */
  readonly seed?: number | null;
}

/** The JSON form, in SAELens's field order and names. */
export interface SyntheticModelConfigDict {
  num_features: number;
  hidden_dim: number;
  firing_probability: SerializedConfig;
  hierarchy: HierarchyConfigDict | null;
  orthogonalization: ReturnType<OrthogonalizationConfig['toDict']> | null;
  correlation: ReturnType<LowRankCorrelationConfig['toDict']> | null;
  std_firing_magnitudes: number | SerializedConfig;
  mean_firing_magnitudes: number | SerializedConfig;
  bias: boolean | number;
  dtype: string;
  seed: number | null;
}

const magnitudeToDict = (value: MagnitudeSetting): number | SerializedConfig => (typeof value === 'number' ? value : value.toDict());

function magnitudeFromDict(parameter: string, value: unknown, fallback: number): MagnitudeSetting {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'object') return MagnitudeConfig.fromDict(value as ConfigDict);
  const number = Number(value);
  if (!Number.isFinite(number)) throw new InvalidArgumentError(parameter, 'a number or a magnitude config dict', value);
  return number;
}

/**
 * Everything that defines a synthetic model (not runtime options such as the backend).
 *
 * @example
 * ```ts
 * const config = new SyntheticModelConfig({ numFeatures: 1024, hiddenDim: 128, seed: 7 });
 * SyntheticModelConfig.fromDict(JSON.parse(JSON.stringify(config.toDict()))).equals(config); // true
 * ```
 * @throws InvalidArgumentError naming the field ("num_features must be at least 1", …).
 */
export class SyntheticModelConfig {
  readonly numFeatures: number;
  readonly hiddenDim: number;
  readonly firingProbability: FiringProbabilityConfig;
  readonly hierarchy: HierarchyConfig | null;
  readonly orthogonalization: OrthogonalizationConfig | null;
  readonly correlation: LowRankCorrelationConfig | null;
  readonly stdFiringMagnitudes: MagnitudeSetting;
  readonly meanFiringMagnitudes: MagnitudeSetting;
  readonly bias: boolean | number;
  readonly dtype: DtypeName;
  readonly seed: number | null;

  constructor(options: SyntheticModelConfigOptions) {
    if (!(Number.isSafeInteger(options.numFeatures) && options.numFeatures >= 1)) {
      throw new InvalidArgumentError('numFeatures', 'an integer >= 1', options.numFeatures, { detail: '(num_features must be at least 1)' });
    }
    if (!(Number.isSafeInteger(options.hiddenDim) && options.hiddenDim >= 1)) {
      throw new InvalidArgumentError('hiddenDim', 'an integer >= 1', options.hiddenDim, { detail: '(hidden_dim must be at least 1)' });
    }
    this.numFeatures = options.numFeatures;
    this.hiddenDim = options.hiddenDim;
    this.firingProbability = options.firingProbability ?? new ZipfianFiringProbabilityConfig();
    this.hierarchy = options.hierarchy ?? null;
    this.orthogonalization = options.orthogonalization ?? null;
    this.correlation = options.correlation ?? null;
    this.stdFiringMagnitudes = options.stdFiringMagnitudes ?? 0;
    this.meanFiringMagnitudes = options.meanFiringMagnitudes ?? 1;
    this.bias = options.bias ?? 1;
    this.dtype = parseDtype(options.dtype ?? 'float32');
    this.seed = options.seed ?? null;
    if (this.seed !== null) assertInteger('seed', this.seed);
    if (typeof this.bias === 'number') assertFinite('bias', this.bias);
  }

  /** SAELens's `to_dict()`: nested configs through their own `toDict`. */
  toDict(): SyntheticModelConfigDict {
    return {
      num_features: this.numFeatures,
      hidden_dim: this.hiddenDim,
      firing_probability: this.firingProbability.toDict(),
      hierarchy: this.hierarchy === null ? null : this.hierarchy.toDict(),
      orthogonalization: this.orthogonalization === null ? null : this.orthogonalization.toDict(),
      correlation: this.correlation === null ? null : this.correlation.toDict(),
      std_firing_magnitudes: magnitudeToDict(this.stdFiringMagnitudes),
      mean_firing_magnitudes: magnitudeToDict(this.meanFiringMagnitudes),
      bias: this.bias,
      dtype: this.dtype,
      seed: this.seed,
    };
  }

  /**
   * SAELens's `from_dict()`: `firing_probability` is required, the optional keys may be missing
   * or null, a magnitude may be a number or a config dict.
   *
   * @throws InvalidArgumentError for a missing `firing_probability`, unknown keys or bad values.
   */
  static fromDict(dict: Record<string, unknown>): SyntheticModelConfig {
    const known = new Set(['num_features', 'hidden_dim', 'firing_probability', 'hierarchy', 'orthogonalization', 'correlation', 'std_firing_magnitudes', 'mean_firing_magnitudes', 'bias', 'dtype', 'seed']);
    const unknown = Object.keys(dict).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new InvalidArgumentError('config', `only SyntheticModelConfig fields (${[...known].join(', ')})`, unknown.join(', '));
    if (dict.firing_probability === undefined || dict.firing_probability === null) {
      throw new InvalidArgumentError('config.firing_probability', 'a firing probability config dict', dict.firing_probability);
    }
    const nested = <T>(value: unknown, build: (d: never) => T): T | null => (value === undefined || value === null ? null : build(value as never));
    return new SyntheticModelConfig({
      numFeatures: dict.num_features as number,
      hiddenDim: dict.hidden_dim as number,
      firingProbability: FiringProbabilityConfig.fromDict(dict.firing_probability as ConfigDict),
      hierarchy: nested(dict.hierarchy, (d) => HierarchyConfig.fromDict(d)),
      orthogonalization: nested(dict.orthogonalization, (d) => OrthogonalizationConfig.fromDict(d)),
      correlation: nested(dict.correlation, (d) => LowRankCorrelationConfig.fromDict(d)),
      stdFiringMagnitudes: magnitudeFromDict('config.std_firing_magnitudes', dict.std_firing_magnitudes, 0),
      meanFiringMagnitudes: magnitudeFromDict('config.mean_firing_magnitudes', dict.mean_firing_magnitudes, 1),
      bias: (dict.bias ?? 1) as boolean | number,
      dtype: parseDtype(dict.dtype ?? 'float32'),
      seed: (dict.seed ?? null) as number | null,
    });
  }

  /** Equal when the JSON forms are equal. */
  equals(other: SyntheticModelConfig): boolean {
    return JSON.stringify(this.toDict()) === JSON.stringify(other.toDict());
  }
}
