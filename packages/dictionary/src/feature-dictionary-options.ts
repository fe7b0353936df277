/**
 * Options of `FeatureDictionary.create`, their validation, and the seeded draws of the starting
 * feature vectors and bias.
 */
import { InvalidArgumentError, Rng, assertInteger } from '@synth/core';
import type { Backend } from '@synth/core';
import type { FeatureDictionary } from './feature-dictionary';
import { assertBackend } from './orthogonalize-options';

/**
 * Runs last in `FeatureDictionary.create`, and may replace the vectors or bias through
 * `setFeatureVectors` / `setBias` (SAELens's `FeatureDictionaryInitializer` mutates the module).
 */
export type FeatureDictionaryInitializer = (dictionary: FeatureDictionary) => void | Promise<void>;

/** Options of `FeatureDictionary.create`. */
export interface FeatureDictionaryOptions {
  /** Rows of the dictionary (features). An integer >= 1. */
  readonly numFeatures: number;
  /** Columns (the hidden space). An integer >= 1. */
  readonly hiddenDim: number;
  /** Where the tensors live and the maths runs. */
  readonly backend: Backend;
  /**
   * `false` or `0` (default): a zero bias. `true`: a random direction of norm 1. A number `b`: a
   * random direction scaled by `b` (norm `|b|`; a negative `b` points the other way, as in SAELens).
   */
  readonly bias?: boolean | number;
  /** Runs last. Default `orthogonalInitializer()` (200 Adam steps); `null` keeps random unit rows. */
  readonly initializer?: FeatureDictionaryInitializer | null;
  /** Seeds the draws (seed 0 is a real seed). Default {@link DEFAULT_FEATURE_DICTIONARY_SEED}. Give `seed` or `rng`, not both. */
  readonly seed?: number | bigint;
  /** A generator to draw from instead of a seed; it advances by the words drawn. */
  readonly rng?: Rng;
}

/** The seed used when neither `seed` nor `rng` is given. */
export const DEFAULT_FEATURE_DICTIONARY_SEED = 0;

/** Largest `numFeatures × hiddenDim`: TensorFlow.js indexes tensors with int32. */
export const MAX_DICTIONARY_ENTRIES = 2 ** 31 - 1;

/** Validated options, with the generator resolved and the bias as a norm (0 for none). */
export interface ResolvedDictionaryOptions {
  readonly numFeatures: number;
  readonly hiddenDim: number;
  readonly backend: Backend;
  readonly biasScale: number;
  readonly initializer: FeatureDictionaryInitializer | null;
  readonly rng: Rng;
}

/**
 * Checks every option and applies the defaults, except `initializer`, whose default the caller
 * supplies (it lives in another module).
 *
 * @example
 * ```ts
 * resolveDictionaryOptions({ numFeatures: 8, hiddenDim: 4, backend, bias: 2 }, null).biasScale; // 2
 * ```
 * @throws InvalidArgumentError naming `options`, `numFeatures`, `hiddenDim`, `backend`, `bias`,
 * `initializer`, `seed` or `rng`.
 */
export function resolveDictionaryOptions(options: FeatureDictionaryOptions, defaultInitializer: FeatureDictionaryInitializer | null): ResolvedDictionaryOptions {
  if (!(typeof options === 'object' && options !== null)) throw new InvalidArgumentError('options', 'an object', options);
  const { numFeatures, hiddenDim, backend, bias = false, initializer, seed, rng } = options;
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('hiddenDim', hiddenDim, 1);
  if (!(numFeatures * hiddenDim <= MAX_DICTIONARY_ENTRIES)) {
    throw new InvalidArgumentError('numFeatures', `numFeatures × hiddenDim <= ${MAX_DICTIONARY_ENTRIES}`, numFeatures, { detail: `hiddenDim is ${hiddenDim}.` });
  }
  assertBackend('backend', backend);
  if (!(typeof bias === 'boolean' || (typeof bias === 'number' && Number.isFinite(bias)))) {
    throw new InvalidArgumentError('bias', 'a boolean or a finite number', bias);
  }
  if (!(initializer === undefined || initializer === null || typeof initializer === 'function')) {
    throw new InvalidArgumentError('initializer', 'a function, null or undefined', initializer);
  }
  if (seed !== undefined && rng !== undefined) throw new InvalidArgumentError('rng', 'to be omitted when seed is given', rng);
  if (rng !== undefined && !(typeof rng === 'object' && rng !== null && typeof (rng as Partial<Rng>).fillNormal === 'function')) {
    throw new InvalidArgumentError('rng', 'an Rng', rng);
  }
  return {
    numFeatures,
    hiddenDim,
    backend,
    biasScale: bias === true ? 1 : bias === false ? 0 : bias,
    initializer: initializer === undefined ? defaultInitializer : initializer,
    rng: rng ?? Rng.fromSeed(seed ?? DEFAULT_FEATURE_DICTIONARY_SEED),
  };
}
