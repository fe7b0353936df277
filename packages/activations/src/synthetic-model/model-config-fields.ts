/**
 * The option and JSON shapes of `SyntheticModelConfig`, and the magnitude field codec.
 */
import { InvalidArgumentError, type DtypeName } from '@synth/core';
import type { FiringProbabilityConfig } from '../distributions/index';
import { MagnitudeConfig } from '../distributions/index';
import type { ConfigDict, SerializedConfig } from '../distributions/index';
import type { HierarchyConfig, HierarchyConfigDict } from '../hierarchy/index';
import type { LowRankCorrelationConfig, LowRankCorrelationConfigDict } from './low-rank-correlation-config';
import type { OrthogonalizationConfig, OrthogonalizationConfigDict } from './orthogonalization-config';

/**
 * A magnitude setting: one number for every feature, or a per-feature generator.
 *
 * @example
 * ```ts
 * const mean: MagnitudeSetting = new LinearMagnitudeConfig({ start: 5, end: 4 });
 * ```
 */
export type MagnitudeSetting = number | MagnitudeConfig;

/**
 * Options of {@link SyntheticModelConfig}; everything but the two sizes has SAELens's default.
 *
 * @example
 * ```ts
 * const options: SyntheticModelConfigOptions = { numFeatures: 1024, hiddenDim: 128, bias: 0.5, seed: 3 };
 * ```
 */
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
  /** Default null, which synth treats as {@link DEFAULT_MODEL_SEED}. */
  readonly seed?: number | null;
}

/**
 * The JSON form, in SAELens's field order and names.
 *
 * @example
 * ```ts
 * const dict: SyntheticModelConfigDict = new SyntheticModelConfig({ numFeatures: 8, hiddenDim: 4 }).toDict();
 * ```
 */
export interface SyntheticModelConfigDict {
  num_features: number;
  hidden_dim: number;
  firing_probability: SerializedConfig;
  hierarchy: HierarchyConfigDict | null;
  orthogonalization: OrthogonalizationConfigDict | null;
  correlation: LowRankCorrelationConfigDict | null;
  std_firing_magnitudes: number | SerializedConfig;
  mean_firing_magnitudes: number | SerializedConfig;
  bias: boolean | number;
  dtype: string;
  seed: number | null;
}

/** The seed a config with `seed: null` is built from (SAELens would use torch's global RNG). */
export const DEFAULT_MODEL_SEED = 0;

/** The keys of SAELens's `SyntheticModelConfig`, in its order. @internal */
export const FIELDS = ['num_features', 'hidden_dim', 'firing_probability', 'hierarchy', 'orthogonalization', 'correlation', 'std_firing_magnitudes', 'mean_firing_magnitudes', 'bias', 'dtype', 'seed'] as const;

/** A magnitude setting as SAELens's `to_dict` writes it. @internal */
export const magnitudeToDict = (value: MagnitudeSetting): number | SerializedConfig => (typeof value === 'number' ? value : value.toDict());

/** SAELens's `_deserialize_magnitude`: a dict through the registry, anything else through `float()`. @internal */
export function magnitudeFromDict(parameter: string, value: unknown, fallback: number): MagnitudeSetting {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'object') return MagnitudeConfig.fromDict(value as ConfigDict);
  const number = typeof value === 'string' ? Number(value.trim() === '' ? NaN : value) : Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(number)) throw new InvalidArgumentError(parameter, 'a number or a magnitude config dict', value);
  return number;
}

