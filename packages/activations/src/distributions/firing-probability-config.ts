/**
 * The firing-probability config interface, its registry, and `FiringProbabilityConfig.fromDict`
 * (SPEC §1.2, §1.3).
 */
import type { ConfigDict } from './config-fields';
import { splitGeneratorName } from './config-fields';
import type { DistributionSeed } from './distribution-seed';
import {
  ConstantFiringProbabilityConfig,
  LinearFiringProbabilityConfig,
  RandomFiringProbabilityConfig,
  ZipfianFiringProbabilityConfig,
} from './firing-probability-configs';
import { Registry } from './registry';

/**
 * A config dict as `toDict()` returns it: the fields under SAELens's snake_case names, then
 * `generator_name` (the key order SAELens writes).
 *
 * @example
 * ```ts
 * const dict: SerializedConfig = { max_prob: 0.3, min_prob: 0.01, generator_name: 'linear' };
 * ```
 * @throws Nothing (a type).
 */
export type SerializedConfig = { readonly generator_name: string } & Readonly<Record<string, unknown>>;

/**
 * A firing-probability generator config (SAELens's abstract `FiringProbabilityConfig`).
 *
 * @example
 * ```ts
 * const config: FiringProbabilityConfig = new ZipfianFiringProbabilityConfig({ exponent: 1.5 });
 * const probabilities = config.generate(1024);
 * ```
 * @throws From `generate`: InvalidArgumentError for invalid fields (configs do not validate at construction).
 */
export interface FiringProbabilityConfig {
  /** A float32 vector of `numFeatures` firing probabilities; `seed` matters only for random generators. */
  generate(numFeatures: number, seed?: DistributionSeed): Float32Array;
  /** The fields under SAELens's names plus `generator_name`, ready for a SAELens-compatible JSON config. */
  toDict(): SerializedConfig;
}

/**
 * What the registry holds: a config class with its registered name and a way to build an
 * instance from a dict's fields (Python's `cls(**fields)`).
 *
 * @example
 * ```ts
 * const cls: FiringProbabilityConfigClass = ZipfianFiringProbabilityConfig;
 * cls.fromFields({ exponent: 2 }).toDict().generator_name; // 'zipfian'
 * ```
 * @throws From `fromFields`: InvalidArgumentError for an unknown, missing or non-numeric field.
 */
export interface FiringProbabilityConfigClass {
  readonly generatorName: string;
  fromFields(fields: ConfigDict): FiringProbabilityConfig;
}

let registry: Registry<FiringProbabilityConfigClass> | undefined;

/**
 * The firing-probability registry (SAELens's `FIRING_PROB_REGISTRY`), created with zipfian,
 * linear, random and constant on first use. Its names are separate from the magnitude registry's.
 *
 * @remarks Built lazily rather than at import, so importing synth registers nothing (tree-shaking).
 * @example
 * ```ts
 * getFiringProbabilityRegistry().names(); // ['zipfian', 'linear', 'random', 'constant']
 * ```
 * @throws Nothing.
 */
export function getFiringProbabilityRegistry(): Registry<FiringProbabilityConfigClass> {
  registry ??= new Registry<FiringProbabilityConfigClass>(
    [ZipfianFiringProbabilityConfig, LinearFiringProbabilityConfig, RandomFiringProbabilityConfig, ConstantFiringProbabilityConfig].map(
      (cls) => [cls.generatorName, cls] as const,
    ),
  );
  return registry;
}

/**
 * Registers a firing-probability config class under `name` (for `fromDict`).
 *
 * @example
 * ```ts
 * registerFiringProbability('my-generator', MyFiringProbabilityConfig);
 * ```
 * @throws InvalidArgumentError containing "'{name}' is already registered." when the name is taken.
 */
export function registerFiringProbability(name: string, configClass: FiringProbabilityConfigClass): void {
  getFiringProbabilityRegistry().register(name, configClass);
}

/**
 * The firing-probability config class registered under `name`.
 *
 * @example
 * ```ts
 * getFiringProbabilityClass('zipfian') === ZipfianFiringProbabilityConfig; // true
 * ```
 * @throws InvalidArgumentError containing "Unknown name: '{name}'. Available: [...]".
 */
export function getFiringProbabilityClass(name: string): FiringProbabilityConfigClass {
  return getFiringProbabilityRegistry().getOrRaise(name);
}

/**
 * `FiringProbabilityConfig.fromDict(dict)`: the class registered under `dict.generator_name`,
 * built from the remaining fields. The dict is not modified.
 *
 * @example
 * ```ts
 * const config = FiringProbabilityConfig.fromDict({ generator_name: 'linear', max_prob: 0.4, min_prob: 0.05 });
 * ```
 * @throws InvalidArgumentError containing "generator_name required in config dict", the registry's
 * "Unknown name: ..." message, or the class's field errors.
 */
export const FiringProbabilityConfig = {
  fromDict(dict: ConfigDict): FiringProbabilityConfig {
    const { name, fields } = splitGeneratorName(dict);
    return getFiringProbabilityClass(name).fromFields(fields);
  },
} as const;
