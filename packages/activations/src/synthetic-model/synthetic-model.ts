/**
 * SyntheticModel: one config and one seed in; a feature dictionary, firing probabilities,
 * magnitudes, hierarchy and correlation out; and a reproducible stream of hidden activations.
 */
import { sparseRowsToTensor } from '@synth/core';
import type { Backend, Rng, SparseRows, Tensor2D } from '@synth/core';
import type { LowRankCorrelationMatrix } from '@synth/correlation';
import type { FeatureDictionary } from '@synth/dictionary';
import { ActivationGenerator } from '../activation-generator';
import type { Hierarchy } from '../hierarchy/index';
import { modelStreams } from './build-parts';
import { assembleParts } from './assemble-parts';
import type { SyntheticModelOptions, SyntheticModelParts } from './assemble-parts';
import type { SyntheticModelConfig } from './model-config';
import { readModelDirectory, writeModelDirectory } from './model-files';
import { resolveSource } from './model-source';

/**
 * Hidden activations together with the feature activations that made them.
 *
 * @example
 * ```ts
 * const { hidden, features }: SampleWithFeatures = model.sampleWithFeatures(64);
 * ```
 */
export interface SampleWithFeatures {
  /** `[batchSize, hiddenDim]`. */
  readonly hidden: Tensor2D;
  /** `[batchSize, numFeatures]`: a dense tensor, or sparse rows when `useSparseTensors` is set. */
  readonly features: Tensor2D | SparseRows;
}

/**
 * A complete synthetic data source for SAE experiments (SAELens's `SyntheticModel`).
 *
 * @remarks Every part draws from its own named stream of `Rng.fromSeed(config.seed ?? 0)`
 * (SAELens: `seed + k` offsets, and the global torch RNG when the seed is None), so models are
 * always reproducible; the low-rank correlation's own `seed` is honoured when set. A correlated
 * model samples only through the `…Async` methods (the copula's Gaussians are read back from the
 * backend). The model owns its dictionary and generator: `dispose()` frees them, given ones too.
 * @example
 * ```ts
 * const model = await SyntheticModel.create(new SyntheticModelConfig({ numFeatures: 256, hiddenDim: 64, seed: 1 }), { backend });
 * const hidden = model.sample(1024); // Tensor2D [1024, 64]
 * ```
 * @throws See each method.
 */
export class SyntheticModel {
  /** The activation source (hierarchy modifier and correlation wired in). */
  readonly activationGenerator: ActivationGenerator;

  private constructor(
    readonly config: SyntheticModelConfig,
    readonly backend: Backend,
    readonly parts: SyntheticModelParts,
    activationGenerator: ActivationGenerator | undefined,
  ) {
    this.activationGenerator = activationGenerator ?? this.createGenerator(modelStreams(config).activations);
  }

  /**
   * Builds every part from the config, except the ones given in `options`.
   *
   * @example
   * ```ts
   * const model = await SyntheticModel.create(config, { backend, onWarning: (m) => log.push(m) });
   * ```
   * @throws InvalidArgumentError for a given part whose size does not match the config, and
   *   InvalidArgumentError / ValidationError from the part builders.
   */
  static async create(config: SyntheticModelConfig, options: SyntheticModelOptions): Promise<SyntheticModel> {
    const { parts, activationGenerator } = await assembleParts(config, options);
    return new SyntheticModel(config, options.backend, parts, activationGenerator);
  }

  /**
   * Assembles a model from parts that were built or loaded elsewhere; the generator is built
   * from the parts (so its correlation thresholds come from `parts.firingProbabilities`).
   *
   * @example
   * ```ts
   * const copy = SyntheticModel.fromParts(model.config, backend, model.parts);
   * ```
   * @throws InvalidArgumentError from the generator for inconsistent parts.
   */
  static fromParts(config: SyntheticModelConfig, backend: Backend, parts: SyntheticModelParts): SyntheticModel {
    return new SyntheticModel(config, backend, parts, undefined);
  }

  /**
   * Loads a model directory written by synth or by SAELens (`save` / `save_pretrained` layout).
   *
   * @remarks The generator is built from the loaded probabilities, so the correlation thresholds
   * match them (SAELens keeps those of the regenerated probabilities). Magnitudes are read when
   * the directory has them (synth writes them), else regenerated from the config as SAELens does.
   * @example
   * ```ts
   * const model = await SyntheticModel.loadFromDisk('./my-model', { backend });
   * ```
   * @throws FormatError naming the file and the problem: a missing file, bad JSON, an unknown
   *   generator name, a missing tensor or one of the wrong shape, a newer synth format.
   */
  static async loadFromDisk(dir: string, options: { readonly backend: Backend }): Promise<SyntheticModel> {
    const { config, parts } = await readModelDirectory(dir, options.backend);
    return SyntheticModel.fromParts(config, options.backend, parts);
  }

  /**
   * A config builds a new model; a local path (starting with `/`, `./`, `../`, `~`, holding a
   * backslash, or existing) loads it, as SAELens decides.
   *
   * @remarks SAELens downloads any other string as a Hugging Face id (`repo` or `repo:subdir`);
   * downloading is out of scope in synth, so such a string throws.
   * @example
   * ```ts
   * const model = await SyntheticModel.loadFromSource('./synth-sae-bench-16k', { backend });
   * ```
   * @throws InvalidArgumentError for a Hugging Face id or a source that is neither a config nor a
   *   string; FormatError from {@link SyntheticModel.loadFromDisk}.
   */
  static async loadFromSource(source: SyntheticModelConfig | string, options: SyntheticModelOptions): Promise<SyntheticModel> {
    const resolved = await resolveSource(source);
    return typeof resolved === 'string' ? SyntheticModel.loadFromDisk(resolved, options) : SyntheticModel.create(resolved, options);
  }

  /**
   * Writes SAELens's files to `dir` (created if needed), plus the magnitudes (extra tensors that
   * SAELens's loader ignores). SAELens's `load_from_disk` reads the result.
   *
   * @example
   * ```ts
   * await model.save('./my-model');
   * ```
   * @throws Errors of the file system (as a rejected promise).
   */
  async save(dir: string): Promise<void> {
    await writeModelDirectory(this, dir);
  }

  /**
   * A second activation source over the same parts, drawing from `rng`: e.g. an evaluation
   * stream that leaves the training stream untouched.
   *
   * @example
   * ```ts
   * const evalGenerator = model.createGenerator(Rng.fromSeed(1).split('evaluation'));
   * ```
   * @throws InvalidArgumentError from the generator for inconsistent parts.
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

  /** The `[numFeatures, hiddenDim]` feature vectors and the bias. */
  get featureDictionary(): FeatureDictionary {
    return this.parts.featureDictionary;
  }

  /** The hierarchy, or null. */
  get hierarchy(): Hierarchy | null {
    return this.parts.hierarchy;
  }

  /** The low-rank correlation, or null. */
  get correlation(): LowRankCorrelationMatrix | null {
    return this.parts.correlation;
  }

  /** Firing probabilities after hierarchy compensation (what the generator uses). */
  get firingProbabilities(): Float32Array {
    return this.parts.firingProbabilities;
  }

  /** Whether `sampleWithFeatures` returns sparse feature batches (default false, as SAELens). */
  get useSparseTensors(): boolean {
    return this.activationGenerator.useSparseTensors;
  }

  set useSparseTensors(value: boolean) {
    this.activationGenerator.useSparseTensors = value;
  }

  /**
   * Hidden activations `[batchSize, hiddenDim]`; SAELens's `sample` (and `forward`).
   *
   * @example
   * ```ts
   * const hidden = model.sample(1024);
   * ```
   * @throws InvalidArgumentError for a bad batch size, and for a correlated model (use {@link sampleAsync}).
   */
  sample(batchSize: number): Tensor2D {
    return this.parts.featureDictionary.forward(this.activationGenerator.sampleSparse(batchSize));
  }

  /**
   * {@link sample} for any model, correlated ones included.
   *
   * @example
   * ```ts
   * const hidden = await model.sampleAsync(1024);
   * ```
   * @throws InvalidArgumentError for a bad batch size (as a rejected promise).
   */
  async sampleAsync(batchSize: number): Promise<Tensor2D> {
    return this.parts.featureDictionary.forward(await this.activationGenerator.sampleSparseAsync(batchSize));
  }

  /**
   * Hidden activations and the feature activations behind them (dense unless `useSparseTensors`).
   *
   * @example
   * ```ts
   * const { hidden, features } = model.sampleWithFeatures(256);
   * ```
   * @throws As {@link sample}.
   */
  sampleWithFeatures(batchSize: number): SampleWithFeatures {
    return this.withFeatures(this.activationGenerator.sampleSparse(batchSize));
  }

  /**
   * {@link sampleWithFeatures} for any model, correlated ones included.
   *
   * @example
   * ```ts
   * const { hidden, features } = await model.sampleWithFeaturesAsync(256);
   * ```
   * @throws As {@link sampleAsync}.
   */
  async sampleWithFeaturesAsync(batchSize: number): Promise<SampleWithFeatures> {
    return this.withFeatures(await this.activationGenerator.sampleSparseAsync(batchSize));
  }

  /**
   * Frees the dictionary's tensors and the generator's.
   *
   * @example
   * ```ts
   * model.dispose();
   * ```
   * @throws Nothing.
   */
  dispose(): void {
    this.activationGenerator.dispose();
    this.parts.featureDictionary.dispose();
  }

  private withFeatures(features: SparseRows): SampleWithFeatures {
    const hidden = this.parts.featureDictionary.forward(features);
    return { hidden, features: this.useSparseTensors ? features : sparseRowsToTensor(this.backend, features) };
  }
}
