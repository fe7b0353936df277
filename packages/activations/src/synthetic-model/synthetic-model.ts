/**
 * SyntheticModel: one config and one seed in; a feature dictionary, firing probabilities,
 * magnitudes, hierarchy and correlation out; and a reproducible stream of hidden activations.
 */
import { sparseRowsToTensor } from '@synth/core';
import type { Backend, ProgressListener, Rng, SparseRows, Tensor2D } from '@synth/core';
import type { LowRankCorrelationMatrix } from '@synth/correlation';
import type { FeatureDictionary } from '@synth/dictionary';
import { ActivationGenerator } from '../activation-generator';
import type { Hierarchy } from '../hierarchy/index';
import { buildCorrelation, buildFeatureDictionary, buildFiringProbabilities, buildHierarchy, buildMagnitudes, modelStreams } from './build-parts';
import type { WarningListener } from './build-parts';
import type { SyntheticModelConfig } from './model-config';

/** Options of {@link SyntheticModel.create}. */
export interface SyntheticModelOptions {
  readonly backend: Backend;
  /** Receives warnings (clamped probabilities, capped correlation rows); default `console.warn`. */
  readonly onWarning?: WarningListener;
  /** Progress of the orthogonalization, when the config asks for one. */
  readonly onProgress?: ProgressListener;
}

/** The parts a model is assembled from (what `create` builds and `loadFromDisk` reads). */
export interface SyntheticModelParts {
  readonly featureDictionary: FeatureDictionary;
  readonly firingProbabilities: Float32Array;
  readonly stdFiringMagnitudes: Float32Array;
  readonly meanFiringMagnitudes: Float32Array;
  readonly hierarchy: Hierarchy | null;
  readonly correlation: LowRankCorrelationMatrix | null;
}

/** Hidden activations together with the feature activations that made them. */
export interface SampleWithFeatures {
  readonly hidden: Tensor2D;
  readonly features: Tensor2D | SparseRows;
}

/**
 * A complete synthetic data source for SAE experiments (SAELens's `SyntheticModel`).
 *
 * @remarks Every part draws from its own named stream of `Rng.fromSeed(config.seed ?? 0)`
 * (SAELens: `seed + k` offsets, and the global torch RNG when the seed is None), so models are
 * always reproducible; the low-rank correlation's own `seed` is honoured when set.
 * @example
 * ```ts
 * const model = await SyntheticModel.create(new SyntheticModelConfig({ numFeatures: 256, hiddenDim: 64, seed: 1 }), { backend });
 * const hidden = model.sample(1024); // Tensor2D [1024, 64]
 * ```
 */
export class SyntheticModel {
  /** The activation source (hierarchy modifier and correlation wired in). */
  readonly activationGenerator: ActivationGenerator;

  private constructor(
    readonly config: SyntheticModelConfig,
    readonly backend: Backend,
    readonly parts: SyntheticModelParts,
  ) {
    this.activationGenerator = this.createGenerator(modelStreams(config).activations);
  }

  /**
   * A second activation source over the same parts, drawing from `rng`: e.g. an evaluation
   * stream that leaves the training stream untouched.
   *
   * @example
   * ```ts
   * const evalGenerator = model.createGenerator(Rng.fromSeed(1).split('evaluation'));
   * ```
   */
  createGenerator(rng: Rng): ActivationGenerator {
    const { config, parts, backend } = this;
    return new ActivationGenerator({
      numFeatures: config.numFeatures,
      firingProbabilities: parts.firingProbabilities,
      stdFiringMagnitudes: parts.stdFiringMagnitudes,
      meanFiringMagnitudes: parts.meanFiringMagnitudes,
      modifyActivations: parts.hierarchy?.modifier ?? null,
      correlationMatrix: parts.correlation,
      backend,
      rng,
    });
  }

  /**
   * Builds every part from the config.
   *
   * @throws InvalidArgumentError / ValidationError from the part builders.
   */
  static async create(config: SyntheticModelConfig, options: SyntheticModelOptions): Promise<SyntheticModel> {
    const onWarning = options.onWarning ?? ((message: string) => console.warn(message));
    const hierarchy = buildHierarchy(config);
    const correlation = buildCorrelation(config, onWarning);
    const featureDictionary = await buildFeatureDictionary(config, options.backend, options.onProgress);
    const firingProbabilities = buildFiringProbabilities(config, hierarchy, onWarning);
    const { std, mean } = buildMagnitudes(config);
    return new SyntheticModel(config, options.backend, { featureDictionary, firingProbabilities, stdFiringMagnitudes: std, meanFiringMagnitudes: mean, hierarchy, correlation });
  }

  /** Assembles a model from parts that were built or loaded elsewhere. */
  static fromParts(config: SyntheticModelConfig, backend: Backend, parts: SyntheticModelParts): SyntheticModel {
    return new SyntheticModel(config, backend, parts);
  }

  get featureDictionary(): FeatureDictionary {
    return this.parts.featureDictionary;
  }

  get hierarchy(): Hierarchy | null {
    return this.parts.hierarchy;
  }

  get correlation(): LowRankCorrelationMatrix | null {
    return this.parts.correlation;
  }

  /** Firing probabilities after hierarchy compensation (what the generator uses). */
  get firingProbabilities(): Float32Array {
    return this.parts.firingProbabilities;
  }

  /** Whether `sampleWithFeatures` returns sparse feature batches. */
  get useSparseTensors(): boolean {
    return this.activationGenerator.useSparseTensors;
  }

  set useSparseTensors(value: boolean) {
    this.activationGenerator.useSparseTensors = value;
  }

  /** Hidden activations `[batchSize, hiddenDim]` (synchronous; not for correlated models). */
  sample(batchSize: number): Tensor2D {
    return this.parts.featureDictionary.forward(this.activationGenerator.sampleSparse(batchSize));
  }

  /** Hidden activations for any model, correlated ones included. */
  async sampleAsync(batchSize: number): Promise<Tensor2D> {
    return this.parts.featureDictionary.forward(await this.activationGenerator.sampleSparseAsync(batchSize));
  }

  /** Hidden activations and the feature activations behind them (dense unless `useSparseTensors`). */
  sampleWithFeatures(batchSize: number): SampleWithFeatures {
    return this.withFeatures(this.activationGenerator.sampleSparse(batchSize));
  }

  /** {@link sampleWithFeatures} for any model, correlated ones included. */
  async sampleWithFeaturesAsync(batchSize: number): Promise<SampleWithFeatures> {
    return this.withFeatures(await this.activationGenerator.sampleSparseAsync(batchSize));
  }

  /** Frees the dictionary's tensors and the generator's. */
  dispose(): void {
    this.activationGenerator.dispose();
    this.parts.featureDictionary.dispose();
  }

  private withFeatures(features: SparseRows): SampleWithFeatures {
    const hidden = this.parts.featureDictionary.forward(features);
    return { hidden, features: this.useSparseTensors ? features : sparseRowsToTensor(this.backend, features) };
  }
}

