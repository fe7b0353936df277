/**
 * The declarative configuration of a synthetic model, serialised exactly as SAELens's
 * `SyntheticModelConfig.to_dict()` writes `synthetic_model_config.json`, so files move between
 * the two tools in both directions.
 */
import { InvalidArgumentError, assertInteger, parseDtype } from '@synth/core';
import type { DtypeName } from '@synth/core';
import { FiringProbabilityConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import type { ConfigDict } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { DEFAULT_MODEL_SEED, FIELDS, magnitudeFromDict, magnitudeToDict } from './model-config-fields';
import type { MagnitudeSetting, SyntheticModelConfigDict, SyntheticModelConfigOptions } from './model-config-fields';
import { OrthogonalizationConfig, rejectUnknownKeys } from './orthogonalization-config';

export { DEFAULT_MODEL_SEED };
export type { MagnitudeSetting, SyntheticModelConfigDict, SyntheticModelConfigOptions };

function assertSize(parameter: 'numFeatures' | 'hiddenDim', value: unknown): asserts value is number {
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= 1)) {
    const saeLens = parameter === 'numFeatures' ? 'num_features must be at least 1' : 'hidden_dim must be at least 1';
    throw new InvalidArgumentError(parameter, 'an integer >= 1', value, { detail: `(${saeLens})` });
  }
}

/**
 * Everything that defines a synthetic model (not runtime options such as the backend).
 *
 * @remarks `seed: null` builds from {@link DEFAULT_MODEL_SEED} (SAELens: torch's global RNG, so
 * not reproducible).
 * @example
 * ```ts
 * const config = new SyntheticModelConfig({ numFeatures: 1024, hiddenDim: 128, seed: 7 });
 * SyntheticModelConfig.fromDict(JSON.parse(JSON.stringify(config.toDict()))).equals(config); // true
 * ```
 * @throws InvalidArgumentError naming the field: "num_features must be at least 1",
 *   "hidden_dim must be at least 1", a bias that is not a boolean or finite number, a bad seed or dtype.
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
    assertSize('numFeatures', options.numFeatures);
    assertSize('hiddenDim', options.hiddenDim);
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
    if (!(typeof this.bias === 'boolean' || (typeof this.bias === 'number' && Number.isFinite(this.bias)))) {
      throw new InvalidArgumentError('bias', 'a boolean or a finite number', this.bias);
    }
    for (const [name, value] of [['stdFiringMagnitudes', this.stdFiringMagnitudes], ['meanFiringMagnitudes', this.meanFiringMagnitudes]] as const) {
      if (!(typeof value === 'number' ? Number.isFinite(value) : typeof value === 'object' && value !== null && typeof value.generate === 'function')) throw new InvalidArgumentError(name, 'a finite number or a MagnitudeConfig', value);
    }
  }

  /**
   * SAELens's `to_dict()`: nested configs through their own `toDict`, magnitude configs as dicts
   * that carry `generator_name`.
   *
   * @example
   * ```ts
   * new SyntheticModelConfig({ numFeatures: 8, hiddenDim: 4 }).toDict().bias; // 1
   * ```
   * @throws Nothing.
   */
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
   * SAELens's `from_dict()`: `firing_probability` is required; the optional keys may be missing or
   * null (a null `bias` means none, as in SAELens); a magnitude may be a number or a config dict
   * decoded through the registry; missing magnitudes default to 0 and 1.
   *
   * @example
   * ```ts
   * SyntheticModelConfig.fromDict({ num_features: 8, hidden_dim: 4, firing_probability: { generator_name: 'zipfian' } });
   * ```
   * @throws InvalidArgumentError for a missing `firing_probability`, an unknown key (SAELens's
   *   `cls(**d)` raises on one too), an unknown generator name or a bad value.
   */
  static fromDict(dict: Record<string, unknown>): SyntheticModelConfig {
    rejectUnknownKeys('config', dict, FIELDS);
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
      bias: dict.bias === undefined ? 1 : ((dict.bias ?? false) as boolean | number),
      dtype: parseDtype(dict.dtype ?? 'float32'),
      seed: (dict.seed ?? null) as number | null,
    });
  }

  /**
   * Equal when the JSON forms are equal (SAELens: dataclass equality).
   *
   * @example
   * ```ts
   * new SyntheticModelConfig({ numFeatures: 8, hiddenDim: 4 }).equals(new SyntheticModelConfig({ numFeatures: 8, hiddenDim: 4 })); // true
   * ```
   * @throws Nothing.
   */
  equals(other: SyntheticModelConfig): boolean {
    return JSON.stringify(this.toDict()) === JSON.stringify(other.toDict());
  }
}
