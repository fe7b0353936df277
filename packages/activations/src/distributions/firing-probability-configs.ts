/**
 * The four built-in firing-probability configs (SPEC §1.3). None validates at construction, as in
 * SAELens: invalid fields raise from `generate`.
 */
import { Rng } from '@synth/core';
import type { ConfigDict } from './config-fields';
import { assertConfigFields, numberField } from './config-fields';
import type { DistributionSeed } from './distribution-seed';
import type { FiringProbabilityConfig, SerializedConfig } from './firing-probability-config';
import { linearFiringProbabilities } from './linear-firing-probabilities';
import type { LinearFiringProbabilityOptions } from './linear-firing-probabilities';
import { randomFiringProbabilities } from './random-firing-probabilities';
import type { RandomFiringProbabilityOptions } from './random-firing-probabilities';
import { zipfianFiringProbabilities } from './zipfian-firing-probabilities';
import type { ZipfianFiringProbabilityOptions } from './zipfian-firing-probabilities';
import { filledFloat32 } from './filled-float32';

/**
 * Zipfian (power-law) probabilities, name "zipfian"; see {@link zipfianFiringProbabilities}.
 *
 * @example
 * ```ts
 * new ZipfianFiringProbabilityConfig({ exponent: 2 }).toDict(); // { exponent: 2, max_prob: 0.3, min_prob: 0.01, generator_name: 'zipfian' }
 * ```
 * @throws From `generate`, the errors of {@link zipfianFiringProbabilities}; from `fromFields`, field errors.
 */
export class ZipfianFiringProbabilityConfig implements FiringProbabilityConfig {
  static readonly generatorName = 'zipfian';
  readonly exponent: number;
  readonly maxProb: number;
  readonly minProb: number;

  constructor({ exponent = 1, maxProb = 0.3, minProb = 0.01 }: ZipfianFiringProbabilityOptions = {}) {
    this.exponent = exponent;
    this.maxProb = maxProb;
    this.minProb = minProb;
  }

  static fromFields(fields: ConfigDict): ZipfianFiringProbabilityConfig {
    assertConfigFields('ZipfianFiringProbabilityConfig', fields, ['exponent', 'max_prob', 'min_prob']);
    return new ZipfianFiringProbabilityConfig({ exponent: numberField(fields, 'exponent'), maxProb: numberField(fields, 'max_prob'), minProb: numberField(fields, 'min_prob') });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    return zipfianFiringProbabilities(numFeatures, this);
  }

  toDict(): SerializedConfig {
    return { exponent: this.exponent, max_prob: this.maxProb, min_prob: this.minProb, generator_name: ZipfianFiringProbabilityConfig.generatorName };
  }
}

/**
 * Linearly decaying probabilities, name "linear"; see {@link linearFiringProbabilities}.
 *
 * @example
 * ```ts
 * new LinearFiringProbabilityConfig({ maxProb: 0.4 }).generate(5);
 * ```
 * @throws From `generate`, the errors of {@link linearFiringProbabilities}; from `fromFields`, field errors.
 */
export class LinearFiringProbabilityConfig implements FiringProbabilityConfig {
  static readonly generatorName = 'linear';
  readonly maxProb: number;
  readonly minProb: number;

  constructor({ maxProb = 0.3, minProb = 0.01 }: LinearFiringProbabilityOptions = {}) {
    this.maxProb = maxProb;
    this.minProb = minProb;
  }

  static fromFields(fields: ConfigDict): LinearFiringProbabilityConfig {
    assertConfigFields('LinearFiringProbabilityConfig', fields, ['max_prob', 'min_prob']);
    return new LinearFiringProbabilityConfig({ maxProb: numberField(fields, 'max_prob'), minProb: numberField(fields, 'min_prob') });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    return linearFiringProbabilities(numFeatures, this);
  }

  toDict(): SerializedConfig {
    return { max_prob: this.maxProb, min_prob: this.minProb, generator_name: LinearFiringProbabilityConfig.generatorName };
  }
}

/**
 * Uniformly random probabilities in [minProb, maxProb), name "random", the only built-in that uses
 * `seed`; see {@link randomFiringProbabilities}.
 *
 * @example
 * ```ts
 * new RandomFiringProbabilityConfig({ maxProb: 0.2, minProb: 0.1 }).generate(100, 42);
 * ```
 * @throws From `generate`, the errors of {@link randomFiringProbabilities}; from `fromFields`, field errors.
 */
export class RandomFiringProbabilityConfig implements FiringProbabilityConfig {
  static readonly generatorName = 'random';
  readonly maxProb: number;
  readonly minProb: number;

  constructor({ maxProb = 0.5, minProb = 0.01 }: Pick<RandomFiringProbabilityOptions, 'maxProb' | 'minProb'> = {}) {
    this.maxProb = maxProb;
    this.minProb = minProb;
  }

  static fromFields(fields: ConfigDict): RandomFiringProbabilityConfig {
    assertConfigFields('RandomFiringProbabilityConfig', fields, ['max_prob', 'min_prob']);
    return new RandomFiringProbabilityConfig({ maxProb: numberField(fields, 'max_prob'), minProb: numberField(fields, 'min_prob') });
  }

  generate(numFeatures: number, seed?: DistributionSeed): Float32Array {
    const source = seed instanceof Rng ? { rng: seed } : { seed };
    return randomFiringProbabilities(numFeatures, { maxProb: this.maxProb, minProb: this.minProb, ...source });
  }

  toDict(): SerializedConfig {
    return { max_prob: this.maxProb, min_prob: this.minProb, generator_name: RandomFiringProbabilityConfig.generatorName };
  }
}

/**
 * The same probability for every feature, name "constant". Not validated, as in SAELens (the
 * activation generator rejects probabilities outside [0, 1]).
 *
 * @example
 * ```ts
 * new ConstantFiringProbabilityConfig({ probability: 0.25 }).generate(3); // Float32Array [0.25, 0.25, 0.25]
 * ```
 * @throws From `generate`: InvalidArgumentError unless `numFeatures` is an integer >= 0; from `fromFields`, field errors.
 */
export class ConstantFiringProbabilityConfig implements FiringProbabilityConfig {
  static readonly generatorName = 'constant';
  readonly probability: number;

  constructor({ probability = 0.1 }: { probability?: number | undefined } = {}) {
    this.probability = probability;
  }

  static fromFields(fields: ConfigDict): ConstantFiringProbabilityConfig {
    assertConfigFields('ConstantFiringProbabilityConfig', fields, ['probability']);
    return new ConstantFiringProbabilityConfig({ probability: numberField(fields, 'probability') });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    return filledFloat32(numFeatures, this.probability);
  }

  toDict(): SerializedConfig {
    return { probability: this.probability, generator_name: ConstantFiringProbabilityConfig.generatorName };
  }
}
