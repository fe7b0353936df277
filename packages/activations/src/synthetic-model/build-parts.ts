/**
 * Builds the parts of a synthetic model from its config: one root seed, one independent stream
 * per part (split by name, never `seed + i`), so changing one part never shifts another's draws.
 */
import { Rng } from '@synth/core';
import type { Backend, ProgressListener } from '@synth/core';
import { generateRandomLowRankCorrelationMatrix } from '@synth/correlation';
import type { LowRankCorrelationMatrix } from '@synth/correlation';
import { FeatureDictionary, orthogonalInitializer } from '@synth/dictionary';
import { generateMagnitudes } from '../distributions/index';
import { generateHierarchy } from '../hierarchy/index';
import type { Hierarchy } from '../hierarchy/index';
import { DEFAULT_MODEL_SEED } from './model-config';
import type { SyntheticModelConfig } from './model-config';

/**
 * Named streams of a model, all split from `Rng.fromSeed(config.seed ?? 0)`; the correlation's
 * comes from its own seed when the config sets one.
 *
 * @internal
 */
export function modelStreams(config: SyntheticModelConfig): Record<'hierarchy' | 'correlation' | 'featureDictionary' | 'firingProbabilities' | 'std' | 'mean' | 'activations', Rng> {
  const root = Rng.fromSeed(config.seed ?? DEFAULT_MODEL_SEED);
  const correlationSeed = config.correlation?.seed ?? null;
  return {
    hierarchy: root.split('hierarchy'),
    correlation: correlationSeed === null ? root.split('correlation') : Rng.fromSeed(correlationSeed),
    featureDictionary: root.split('feature-dictionary'),
    firingProbabilities: root.split('firing-probabilities'),
    std: root.split('std-firing-magnitudes'),
    mean: root.split('mean-firing-magnitudes'),
    activations: root.split('activations'),
  };
}

/**
 * Receives warnings (probability clamping, capped correlation rows).
 *
 * @example
 * ```ts
 * const onWarning: WarningListener = (message) => logger.warn(message);
 * ```
 */
export type WarningListener = (message: string) => void;

/** The config's hierarchy from the `'hierarchy'` stream, or null. @internal */
export function buildHierarchy(config: SyntheticModelConfig): Hierarchy | null {
  return config.hierarchy === null ? null : generateHierarchy(config.numFeatures, config.hierarchy, modelStreams(config).hierarchy);
}

/** The config's low-rank correlation from the `'correlation'` stream (or its own seed), or null. @internal */
export function buildCorrelation(config: SyntheticModelConfig, onWarning: WarningListener): LowRankCorrelationMatrix | null {
  if (config.correlation === null) return null;
  const { rank, correlationScale } = config.correlation;
  return generateRandomLowRankCorrelationMatrix(config.numFeatures, rank, correlationScale, { rng: modelStreams(config).correlation, onWarning });
}

/** The dictionary from the `'feature-dictionary'` stream, orthogonalised when the config asks. @internal */
export async function buildFeatureDictionary(config: SyntheticModelConfig, backend: Backend, onProgress?: ProgressListener): Promise<FeatureDictionary> {
  const ortho = config.orthogonalization;
  return FeatureDictionary.create({
    numFeatures: config.numFeatures,
    hiddenDim: config.hiddenDim,
    backend,
    bias: config.bias,
    rng: modelStreams(config).featureDictionary,
    initializer: ortho === null ? null : orthogonalInitializer({ numSteps: ortho.numSteps, lr: ortho.lr, chunkSize: ortho.chunkSize, ...(onProgress === undefined ? {} : { onProgress }) }),
  });
}

/**
 * Firing probabilities, compensated for the hierarchy when its config asks for it and clamped to
 * at most 1, with one warning when a feature was pushed to 1 from below.
 *
 * @internal
 */
export function buildFiringProbabilities(config: SyntheticModelConfig, hierarchy: Hierarchy | null, onWarning: WarningListener): Float32Array {
  const base = config.firingProbability.generate(config.numFeatures, modelStreams(config).firingProbabilities);
  if (hierarchy === null || config.hierarchy?.compensateProbabilities !== true) return base;
  const factors = hierarchy.computeProbabilityCorrectionFactors(base);
  const compensated = new Float32Array(base.length);
  let clamped = 0;
  let maxBeforeClamp = 0;
  for (let i = 0; i < base.length; i++) {
    const value = base[i]! * factors[i]!;
    maxBeforeClamp = Math.max(maxBeforeClamp, value);
    if (value >= 1 && base[i]! < 1) clamped++;
    compensated[i] = Math.min(value, 1);
  }
  if (clamped > 0) {
    onWarning(`${clamped} firing probabilities were clamped to 1 after hierarchy compensation (max before clamping: ${maxBeforeClamp.toFixed(4)}).`);
  }
  return compensated;
}

/** Per-feature std and mean magnitudes, each from its own stream. @internal */
export function buildMagnitudes(config: SyntheticModelConfig): { std: Float32Array; mean: Float32Array } {
  const streams = modelStreams(config);
  return {
    std: generateMagnitudes(config.numFeatures, config.stdFiringMagnitudes, streams.std),
    mean: generateMagnitudes(config.numFeatures, config.meanFiringMagnitudes, streams.mean),
  };
}
