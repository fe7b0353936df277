/**
 * Options of `ActivationGenerator` (SPEC §1.6 constructor) and their validation.
 */
import { InvalidArgumentError, Rng, assertInteger, tensorDtype } from '@synth/core';
import type { Backend } from '@synth/core';
import type { ActivationsModifier, ActivationsModifierInput } from './activations-modifier';
import { normalizeModifiers } from './activations-modifier';
import type { CorrelationInput } from './correlation-option';
import { FINITE_RULE, NON_NEGATIVE_RULE, PROBABILITY_RULE, toFeatureValues } from './feature-values';
import type { FeatureValuesInput } from './feature-values';

/**
 * Options of `new ActivationGenerator(options)`, checked by {@link resolveGeneratorOptions}.
 *
 * @example
 * ```ts
 * const options: ActivationGeneratorOptions = { numFeatures: 512, firingProbabilities: 0.02, stdFiringMagnitudes: 0.1, seed: 7 };
 * ```
 * @throws Nothing itself; the constructor throws InvalidArgumentError for a bad option.
 */
export interface ActivationGeneratorOptions {
  /** Features per row. An integer in [0, {@link MAX_FEATURES}]. */
  readonly numFeatures: number;
  /** Probability that each feature fires in a row: one number for all, or one per feature, each in [0, 1]. */
  readonly firingProbabilities: FeatureValuesInput;
  /** σ of a firing's magnitude before the ReLU, finite and >= 0. Default 0 (magnitude exactly μ). */
  readonly stdFiringMagnitudes?: FeatureValuesInput;
  /** μ of a firing's magnitude, finite. Default 1. */
  readonly meanFiringMagnitudes?: FeatureValuesInput;
  /** One modifier, or a list applied left to right; a ReLU follows. Default none. */
  readonly modifyActivations?: ActivationsModifierInput;
  /** Correlated firing through a Gaussian copula: dense, low-rank, or a `[factor, diag]` pair. Default none. */
  readonly correlationMatrix?: CorrelationInput;
  /** `"float32"` (or `"torch.float32"`), the only dtype TensorFlow.js computes in. Default `"float32"`. */
  readonly dtype?: string;
  /** Where dense outputs (and dense modifiers) live. Needed only for `sampleDense` and dense output. */
  readonly backend?: Backend;
  /** Seed of the generator's root stream (0 is a real seed). Default 0. Give `seed` or `rng`, not both. */
  readonly seed?: number | bigint;
  /** Root stream to split from instead of a seed. It is only split, never advanced. */
  readonly rng?: Rng;
  /** Whether `sample` returns a sparse batch instead of a dense tensor. Default false. */
  readonly useSparseTensors?: boolean;
}

/** Seed used when neither `seed` nor `rng` is given. */
export const DEFAULT_ACTIVATION_SEED = 0;

/**
 * Most features: a 64-row block of one probability bucket is scanned as at most 64 · 2^25 = 2^31
 * trials, the limit of the geometric-skipping sampler (`Rng.bernoulliEvents`).
 */
export const MAX_FEATURES = 2 ** 25;

/** Validated options with defaults applied. */
export interface ResolvedGeneratorOptions {
  readonly numFeatures: number;
  readonly firingProbabilities: Float32Array;
  readonly stdFiringMagnitudes: Float32Array;
  readonly meanFiringMagnitudes: Float32Array;
  readonly modifyActivations: ActivationsModifier | null;
  readonly correlation: CorrelationInput;
  readonly dtype: 'float32';
  readonly backend: Backend | undefined;
  readonly rng: Rng;
  readonly useSparseTensors: boolean;
}

/**
 * Checks every option and applies the defaults.
 *
 * @example
 * ```ts
 * resolveGeneratorOptions({ numFeatures: 4, firingProbabilities: 0.1 }).meanFiringMagnitudes; // Float32Array [1, 1, 1, 1]
 * ```
 * @throws InvalidArgumentError naming the option (and index) that breaks a rule; the shape error
 * contains "Value must be a tensor of shape (n,) or a float", a bad dtype "Invalid dtype".
 */
export function resolveGeneratorOptions(options: ActivationGeneratorOptions): ResolvedGeneratorOptions {
  if (!(typeof options === 'object' && options !== null)) throw new InvalidArgumentError('options', 'an object', options);
  const { numFeatures, stdFiringMagnitudes = 0, meanFiringMagnitudes = 1, dtype = 'float32', backend, seed, rng } = options;
  assertInteger('numFeatures', numFeatures, 0, MAX_FEATURES);
  const firingProbabilities = toFeatureValues('firingProbabilities', options.firingProbabilities, numFeatures, PROBABILITY_RULE);
  const std = toFeatureValues('stdFiringMagnitudes', stdFiringMagnitudes, numFeatures, NON_NEGATIVE_RULE);
  const mean = toFeatureValues('meanFiringMagnitudes', meanFiringMagnitudes, numFeatures, FINITE_RULE);
  const modifyActivations = normalizeModifiers(options.modifyActivations);
  if (backend !== undefined && !(typeof backend === 'object' && backend !== null && typeof (backend as Partial<Backend>).tidy === 'function')) {
    throw new InvalidArgumentError('backend', 'a Backend from createBackend', backend);
  }
  if (seed !== undefined && rng !== undefined) throw new InvalidArgumentError('rng', 'to be left out when seed is given', rng);
  if (rng !== undefined && !(rng instanceof Rng)) throw new InvalidArgumentError('rng', 'an Rng from @synth/core', rng);
  const useSparseTensors = options.useSparseTensors ?? false;
  if (typeof useSparseTensors !== 'boolean') throw new InvalidArgumentError('useSparseTensors', 'a boolean', useSparseTensors);
  return {
    numFeatures,
    firingProbabilities,
    stdFiringMagnitudes: std,
    meanFiringMagnitudes: mean,
    modifyActivations,
    correlation: options.correlationMatrix,
    dtype: tensorDtype(dtype),
    backend,
    rng: rng ?? Rng.fromSeed(seed ?? DEFAULT_ACTIVATION_SEED),
    useSparseTensors,
  };
}
