/**
 * The magnitude config interface, its registry, `MagnitudeConfig.fromDict` and
 * `generateMagnitudes` (SPEC §1.2, §1.4).
 */
import type { ConfigDict } from './config-fields';
import { splitGeneratorName } from './config-fields';
import type { DistributionSeed } from './distribution-seed';
import { filledFloat32 } from './filled-float32';
import type { SerializedConfig } from './firing-probability-config';
import { FoldedNormalMagnitudeConfig } from './folded-normal-magnitude-config';
import { ConstantMagnitudeConfig, ExponentialMagnitudeConfig, LinearMagnitudeConfig } from './magnitude-configs';
import { Registry } from './registry';

/**
 * A per-feature magnitude generator config (SAELens's abstract `MagnitudeConfig`).
 *
 * @example
 * ```ts
 * const config: MagnitudeConfig = new ExponentialMagnitudeConfig({ start: 0.1, end: 10 });
 * const magnitudes = config.generate(256);
 * ```
 * @throws From `generate`: InvalidArgumentError for a bad `numFeatures` or seed.
 */
export interface MagnitudeConfig {
  /** A float32 vector of `numFeatures` magnitudes; `seed` matters only for random generators. */
  generate(numFeatures: number, seed?: DistributionSeed): Float32Array;
  /** The fields under SAELens's names plus `generator_name`, ready for a SAELens-compatible JSON config. */
  toDict(): SerializedConfig;
}

/**
 * What the magnitude registry holds: a config class with its registered name and a way to build
 * an instance from a dict's fields (Python's `cls(**fields)`).
 *
 * @example
 * ```ts
 * const cls: MagnitudeConfigClass = LinearMagnitudeConfig;
 * cls.fromFields({ start: 1, end: 2 });
 * ```
 * @throws From `fromFields`: InvalidArgumentError for an unknown, missing or invalid field.
 */
export interface MagnitudeConfigClass {
  readonly generatorName: string;
  fromFields(fields: ConfigDict): MagnitudeConfig;
}

let registry: Registry<MagnitudeConfigClass> | undefined;

/**
 * The magnitude registry (SAELens's `MAGNITUDE_REGISTRY`), created with constant, linear,
 * exponential and folded_normal on first use; separate from the firing-probability registry.
 *
 * @remarks Built lazily rather than at import, so importing synth registers nothing (tree-shaking).
 * @example
 * ```ts
 * getMagnitudeRegistry().names(); // ['constant', 'linear', 'exponential', 'folded_normal']
 * ```
 * @throws Nothing.
 */
export function getMagnitudeRegistry(): Registry<MagnitudeConfigClass> {
  registry ??= new Registry<MagnitudeConfigClass>(
    [ConstantMagnitudeConfig, LinearMagnitudeConfig, ExponentialMagnitudeConfig, FoldedNormalMagnitudeConfig].map((cls) => [cls.generatorName, cls] as const),
  );
  return registry;
}

/**
 * Registers a magnitude config class under `name` (for `fromDict`).
 *
 * @example
 * ```ts
 * registerMagnitude('log_normal', LogNormalMagnitudeConfig);
 * ```
 * @throws InvalidArgumentError containing "'{name}' is already registered." when the name is taken.
 */
export function registerMagnitude(name: string, configClass: MagnitudeConfigClass): void {
  getMagnitudeRegistry().register(name, configClass);
}

/**
 * The magnitude config class registered under `name`.
 *
 * @example
 * ```ts
 * getMagnitudeClass('folded_normal') === FoldedNormalMagnitudeConfig; // true
 * ```
 * @throws InvalidArgumentError containing "Unknown name: '{name}'. Available: [...]".
 */
export function getMagnitudeClass(name: string): MagnitudeConfigClass {
  return getMagnitudeRegistry().getOrRaise(name);
}

/**
 * `MagnitudeConfig.fromDict(dict)`: the class registered under `dict.generator_name`, built (and
 * validated) from the remaining fields. The dict is not modified.
 *
 * @example
 * ```ts
 * const config = MagnitudeConfig.fromDict({ generator_name: 'linear', start: 1, end: 5 });
 * ```
 * @throws InvalidArgumentError containing "generator_name required in config dict", the registry's
 * "Unknown name: ..." message, or the class's construction errors.
 */
export const MagnitudeConfig = {
  fromDict(dict: ConfigDict): MagnitudeConfig {
    const { name, fields } = splitGeneratorName(dict);
    return getMagnitudeClass(name).fromFields(fields);
  },
} as const;

/**
 * Per-feature magnitudes: a number gives `numFeatures` copies of it (float32), a config gives
 * `config.generate(numFeatures, seed)`.
 *
 * @example
 * ```ts
 * generateMagnitudes(3, 2); // Float32Array [2, 2, 2]
 * generateMagnitudes(3, new FoldedNormalMagnitudeConfig({ mean: 1 }), 7);
 * ```
 * @throws InvalidArgumentError unless `numFeatures` is an integer >= 0, or what `config.generate` throws.
 */
export function generateMagnitudes(numFeatures: number, config: number | MagnitudeConfig, seed?: DistributionSeed): Float32Array {
  if (typeof config === 'number') return filledFloat32(numFeatures, config);
  return config.generate(numFeatures, seed);
}
