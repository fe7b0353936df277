/**
 * `FeatureDictionary`: the ground-truth feature vectors, and the linear map from feature
 * activations to hidden activations, `hidden = acts · featureVectors + bias`.
 */
import { InvalidArgumentError, SynthError, sparseMatmul } from '@synth/core';
import type { Backend, Rank, SparseRows, Tensor1D, Tensor2D } from '@synth/core';
import { resolveDictionaryOptions } from './feature-dictionary-options';
import type { FeatureDictionaryOptions } from './feature-dictionary-options';
import { orthogonalInitializer } from './orthogonal-initializer';
import { unitRowsTensor } from './unit-rows-tensor';

export type { FeatureDictionaryInitializer, FeatureDictionaryOptions } from './feature-dictionary-options';

function isSparseRows(batch: Tensor2D | SparseRows): batch is SparseRows {
  return (batch as Partial<SparseRows>).rowOffsets instanceof Int32Array;
}

/**
 * A dictionary of `numFeatures` vectors in a `hiddenDim`-dimensional space, like SAELens's
 * `FeatureDictionary`. Build one with {@link FeatureDictionary.create}; call {@link dispose} when
 * done.
 *
 * @remarks Differences from SAELens: construction is the async `FeatureDictionary.create`
 * (the default initializer runs an async optimisation, and the backend must already exist); the
 * random draws come from synth's seeded `Rng` (same law, different numbers), and with no `seed`
 * or `rng` the seed is {@link DEFAULT_FEATURE_DICTIONARY_SEED} rather than a global generator.
 * @example
 * ```ts
 * const backend = await createBackend('wasm');
 * const dictionary = await FeatureDictionary.create({ numFeatures: 16, hiddenDim: 8, backend, seed: 42, bias: true });
 * const hidden = dictionary.forward(backend.tf.ones([4, 16]));
 * hidden.dispose();
 * dictionary.dispose();
 * ```
 */
export class FeatureDictionary {
  /** Rows of {@link featureVectors}. */
  readonly numFeatures: number;
  /** Columns of {@link featureVectors}, and the length of {@link bias}. */
  readonly hiddenDim: number;
  /** The backend holding the tensors. */
  readonly backend: Backend;
  #featureVectors: Tensor2D;
  #bias: Tensor1D;
  #disposed = false;

  private constructor(backend: Backend, featureVectors: Tensor2D, bias: Tensor1D) {
    this.backend = backend;
    [this.numFeatures, this.hiddenDim] = featureVectors.shape;
    this.#featureVectors = featureVectors;
    this.#bias = bias;
  }

  /**
   * Builds a dictionary, in SAELens's order:
   *
   * 1. feature vectors: `N(0, 1)` draws `[numFeatures, hiddenDim]` (row-major) from the generator,
   *    each row divided by `max(‖row‖, 1e-8)`;
   * 2. bias: for `true` or a non-zero number, `hiddenDim` more `N(0, 1)` draws from the same
   *    generator, scaled to norm 1 (`true`) or by the number; otherwise zeros (no draws);
   * 3. the initializer, if not `null` (default: `orthogonalInitializer()`, 200 Adam steps).
   *
   * @example
   * ```ts
   * const random = await FeatureDictionary.create({ numFeatures: 100, hiddenDim: 32, backend, initializer: null, seed: 1 });
   * ```
   * @throws InvalidArgumentError naming the bad option; whatever the initializer throws (the
   * dictionary is disposed first).
   */
  static async create(options: FeatureDictionaryOptions): Promise<FeatureDictionary> {
    const { numFeatures, hiddenDim, backend, biasScale, initializer, rng } = resolveDictionaryOptions(options, orthogonalInitializer());
    const { tf } = backend;
    const vectorDraws = rng.fillNormal(new Float32Array(numFeatures * hiddenDim));
    const biasDraws = biasScale === 0 ? undefined : rng.fillNormal(new Float32Array(hiddenDim));
    // Normalised in place and wrapped once: at most one numFeatures × hiddenDim copy is alive.
    const featureVectors = await unitRowsTensor(backend, vectorDraws, numFeatures, hiddenDim);
    const bias = backend.tidy(() => {
      if (biasDraws === undefined) return tf.zeros<Rank.R1>([hiddenDim], 'float32');
      const direction = tf.tensor1d(biasDraws, 'float32');
      return tf.mul<Tensor1D>(tf.div(direction, tf.maximum(tf.norm(direction), 1e-8)), biasScale);
    });
    const dictionary = new FeatureDictionary(backend, featureVectors, bias);
    try {
      if (initializer !== null) await initializer(dictionary);
    } catch (error) {
      dictionary.dispose();
      throw error;
    }
    return dictionary;
  }

  #assertLive(): void {
    if (this.#disposed) throw new SynthError('This FeatureDictionary has been disposed.', { code: 'SYNTH_DISPOSED' });
  }

  /**
   * The feature vectors `[numFeatures, hiddenDim]`. Owned by the dictionary: do not dispose it;
   * it stays valid until {@link setFeatureVectors} or {@link dispose}.
   *
   * @example
   * ```ts
   * const rows = await dictionary.featureVectors.array();
   * ```
   * @throws SynthError after {@link dispose}.
   */
  get featureVectors(): Tensor2D {
    this.#assertLive();
    return this.#featureVectors;
  }

  /**
   * The bias `[hiddenDim]`, owned by the dictionary like {@link featureVectors}.
   *
   * @example
   * ```ts
   * const bias = await dictionary.bias.data();
   * ```
   * @throws SynthError after {@link dispose}.
   */
  get bias(): Tensor1D {
    this.#assertLive();
    return this.#bias;
  }

  /**
   * Replaces the feature vectors with a copy of `vectors` (the caller still owns `vectors`).
   *
   * @example
   * ```ts
   * dictionary.setFeatureVectors(backend.tf.eye(dictionary.numFeatures, dictionary.hiddenDim));
   * ```
   * @throws InvalidArgumentError unless `vectors` is a float32 tensor of shape `[numFeatures, hiddenDim]`.
   * @throws SynthError after {@link dispose}.
   */
  setFeatureVectors(vectors: Tensor2D): void {
    this.#assertLive();
    this.#assertTensor('featureVectors', vectors, [this.numFeatures, this.hiddenDim]);
    const copy = this.backend.tidy(() => this.backend.tf.clone(vectors));
    this.#featureVectors.dispose();
    this.#featureVectors = copy;
  }

  /**
   * Replaces the bias with a copy of `bias` (the caller still owns `bias`).
   *
   * @example
   * ```ts
   * dictionary.setBias(backend.tf.zeros([dictionary.hiddenDim]));
   * ```
   * @throws InvalidArgumentError unless `bias` is a float32 tensor of shape `[hiddenDim]`.
   * @throws SynthError after {@link dispose}.
   */
  setBias(bias: Tensor1D): void {
    this.#assertLive();
    this.#assertTensor('bias', bias, [this.hiddenDim]);
    const copy = this.backend.tidy(() => this.backend.tf.clone(bias));
    this.#bias.dispose();
    this.#bias = copy;
  }

  #assertTensor(parameter: string, value: Tensor1D | Tensor2D, shape: readonly number[]): void {
    const { tf } = this.backend;
    const ok = value instanceof tf.Tensor && !value.isDisposed && value.dtype === 'float32' && value.rank === shape.length && value.shape.every((n, i) => n === shape[i]);
    if (!ok) throw new InvalidArgumentError(parameter, `a live float32 tensor of shape [${shape.join(', ')}]`, value);
  }

  /**
   * Hidden activations `[batch, hiddenDim] = featureActivations · featureVectors + bias`, from a
   * dense float32 `[batch, numFeatures]` tensor or a {@link SparseRows} batch (O(stored · hiddenDim)
   * work). Both forms give the same values up to float32 summation order. The caller owns the
   * result.
   *
   * @example
   * ```ts
   * const hidden = dictionary.forward(sparseRowsFromDense(new Float32Array(dictionary.numFeatures), 1, dictionary.numFeatures));
   * ```
   * @throws InvalidArgumentError unless the batch has `numFeatures` columns (and, dense, is a live float32 2-D tensor).
   * @throws SynthError after {@link dispose}.
   */
  forward(featureActivations: Tensor2D | SparseRows): Tensor2D {
    this.#assertLive();
    const { tf } = this.backend;
    if (isSparseRows(featureActivations)) {
      if (featureActivations.columns !== this.numFeatures) {
        throw new InvalidArgumentError('featureActivations', `a batch with ${this.numFeatures} columns (numFeatures)`, featureActivations.columns);
      }
      return this.backend.tidy(() => tf.add(sparseMatmul(this.backend, featureActivations, this.#featureVectors), this.#bias));
    }
    const ok = featureActivations instanceof tf.Tensor && !featureActivations.isDisposed && featureActivations.dtype === 'float32' && featureActivations.rank === 2;
    if (!(ok && featureActivations.shape[1] === this.numFeatures)) {
      throw new InvalidArgumentError('featureActivations', `a live float32 tensor of shape [batch, ${this.numFeatures}] or SparseRows`, featureActivations);
    }
    return this.backend.tidy(() => tf.add(tf.matMul(featureActivations, this.#featureVectors), this.#bias));
  }

  /** True once {@link dispose} has run. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Frees the dictionary's tensors. Safe to call twice.
   *
   * @example
   * ```ts
   * dictionary.dispose();
   * ```
   * @throws Nothing.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#featureVectors.dispose();
    this.#bias.dispose();
  }
}
