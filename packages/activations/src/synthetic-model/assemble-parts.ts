/**
 * The parts of a synthetic model, built from its config or given by the caller (SAELens's
 * `SyntheticModel(cfg, feature_dict=…, activation_generator=…, hierarchy=…, correlation_matrix=…)`).
 */
import { InvalidArgumentError } from '@synth/core';
import type { Backend, ProgressListener } from '@synth/core';
import type { LowRankCorrelationMatrix } from '@synth/correlation';
import type { FeatureDictionary } from '@synth/dictionary';
import type { ActivationGenerator } from '../activation-generator';
import type { Hierarchy } from '../hierarchy/index';
import { buildCorrelation, buildFeatureDictionary, buildFiringProbabilities, buildHierarchy, buildMagnitudes } from './build-parts';
import type { WarningListener } from './build-parts';
import type { SyntheticModelConfig } from './model-config';

/**
 * Options of `SyntheticModel.create`: the backend, listeners, and parts to use instead of
 * building them from the config.
 *
 * @example
 * ```ts
 * const options: SyntheticModelOptions = { backend, onWarning: (message) => warnings.push(message) };
 * ```
 */
export interface SyntheticModelOptions {
  readonly backend: Backend;
  /** Receives warnings (clamped probabilities, capped correlation rows); default `console.warn`. */
  readonly onWarning?: WarningListener;
  /** Progress of the orthogonalization, when the config asks for one. */
  readonly onProgress?: ProgressListener;
  /** Use this dictionary (`numFeatures × hiddenDim`, on `backend`) instead of building one. */
  readonly featureDictionary?: FeatureDictionary;
  /** Use this generator instead of building one; the model's probabilities and magnitudes are its own. */
  readonly activationGenerator?: ActivationGenerator;
  /** Use this hierarchy instead of generating one from `config.hierarchy`. */
  readonly hierarchy?: Hierarchy;
  /** Use this low-rank correlation instead of generating one from `config.correlation`. */
  readonly correlation?: LowRankCorrelationMatrix;
}

/**
 * The parts a model is assembled from (what `create` builds and `loadFromDisk` reads).
 *
 * @example
 * ```ts
 * const { firingProbabilities, hierarchy }: SyntheticModelParts = model.parts;
 * ```
 */
export interface SyntheticModelParts {
  readonly featureDictionary: FeatureDictionary;
  readonly firingProbabilities: Float32Array;
  readonly stdFiringMagnitudes: Float32Array;
  readonly meanFiringMagnitudes: Float32Array;
  readonly hierarchy: Hierarchy | null;
  readonly correlation: LowRankCorrelationMatrix | null;
}

function assertSize(parameter: string, expected: string, got: string): void {
  if (expected !== got) throw new InvalidArgumentError(parameter, `a size matching the config (${expected})`, got);
}

/** Checks that given parts fit the config's sizes. */
function checkGivenParts(config: SyntheticModelConfig, options: SyntheticModelOptions): void {
  const n = config.numFeatures;
  const { featureDictionary: dictionary, activationGenerator: generator, correlation, hierarchy } = options;
  if (dictionary !== undefined) assertSize('featureDictionary', `${n} × ${config.hiddenDim}`, `${dictionary.numFeatures} × ${dictionary.hiddenDim}`);
  if (generator !== undefined) assertSize('activationGenerator.numFeatures', String(n), String(generator.numFeatures));
  if (correlation !== undefined) assertSize('correlation.numFeatures', String(n), String(correlation.numFeatures));
  if (hierarchy !== undefined) {
    let largest = -1;
    for (const index of hierarchy.featureIndicesUsed) largest = Math.max(largest, index);
    if (largest >= n) throw new InvalidArgumentError('hierarchy', `feature indices below numFeatures (${n})`, largest);
  }
}

/**
 * Builds (or takes) every part, each from its own stream, in SAELens's order: hierarchy,
 * correlation, dictionary, probabilities (compensated and clamped), magnitudes.
 *
 * @internal
 */
export async function assembleParts(
  config: SyntheticModelConfig,
  options: SyntheticModelOptions,
): Promise<{ parts: SyntheticModelParts; activationGenerator: ActivationGenerator | undefined }> {
  checkGivenParts(config, options);
  const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
  const hierarchy = options.hierarchy ?? buildHierarchy(config);
  const correlation = options.correlation ?? buildCorrelation(config, onWarning);
  const featureDictionary = options.featureDictionary ?? (await buildFeatureDictionary(config, options.backend, options.onProgress));
  const generator = options.activationGenerator;
  if (generator !== undefined) {
    const { firingProbabilities, stdFiringMagnitudes, meanFiringMagnitudes } = generator;
    return { parts: { featureDictionary, firingProbabilities, stdFiringMagnitudes, meanFiringMagnitudes, hierarchy, correlation }, activationGenerator: generator };
  }
  const firingProbabilities = buildFiringProbabilities(config, hierarchy, onWarning);
  const { std, mean } = buildMagnitudes(config);
  const parts = { featureDictionary, firingProbabilities, stdFiringMagnitudes: std, meanFiringMagnitudes: mean, hierarchy, correlation };
  return { parts, activationGenerator: undefined };
}
