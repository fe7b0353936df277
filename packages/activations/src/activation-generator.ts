/**
 * `ActivationGenerator` (SPEC §1.6): batches of synthetic feature activations with given firing
 * probabilities, magnitude distributions, optional correlation and optional modifiers.
 */
import { InvalidArgumentError, ValidationError, assertInteger, sparseRowsToTensor } from '@synth/core';
import type { Backend, Rng, SparseRows, Tensor2D } from '@synth/core';
import { resolveGeneratorOptions, type ActivationGeneratorOptions } from './activation-generator-options';
import type { ActivationsModifier } from './activations-modifier';
import { applyModifier } from './apply-modifier';
import { BLOCK_ROWS, BlockStream, type BlockFiring } from './block-stream';
import type { CorrelationMatrixInput, LowRankCorrelationMatrix } from '@synth/correlation';
import { resolveCorrelation, type CorrelatedFiring } from './correlation-option';
import { parseGeneratorState, type ActivationGeneratorState } from './generator-state';
import { IndependentFiringSampler } from './independent-firing';

/** Largest dense output: TensorFlow.js indexes tensors with int32. */
const MAX_DENSE_ENTRIES = 2 ** 31 - 1;

/**
 * Generates batches of feature activations `[batchSize, numFeatures]`: each feature fires with its
 * probability (independently, or through a Gaussian copula when a correlation is given), a firing
 * feature takes the magnitude `relu(μ_i + σ_i·ξ)`, then the modifiers and a final ReLU run.
 *
 * Randomness is keyed by absolute row: rows are generated in blocks of 64, and block b draws its
 * firing from `rng.split('firing').split(b)` and its magnitudes from
 * `rng.split('magnitude').split(b)`. So the same seed gives the same rows whatever the batch
 * sizes, and {@link ActivationGenerator.state} resumes a run exactly.
 *
 * @remarks Differences from SAELens: randomness is synth's own seeded, chunk-invariant stream
 * (same distribution, not the same numbers); firing probabilities outside [0, 1] or NaN are
 * rejected (SAELens does not check them); without correlation, sampling costs time proportional
 * to the number of firings plus the batch, not `batchSize × numFeatures`; modifiers work on sparse
 * batches (wrap a dense SAELens-style one with `fromDenseModifier`); tensors are float32 only.
 * @example
 * ```ts
 * const backend = await createBackend('cpu');
 * const generator = new ActivationGenerator({ numFeatures: 1000, firingProbabilities: 0.01, stdFiringMagnitudes: 0.1, seed: 42, backend });
 * const acts = generator.sampleDense(256); // Tensor2D [256, 1000]
 * const sparse = generator.sampleSparse(256); // SparseRows, rows 256 … 511 of the stream
 * acts.dispose();
 * ```
 * @throws InvalidArgumentError from the constructor for an option that breaks a rule, and from the
 * sample methods for a bad `batchSize`; ValidationError for an unusable correlation, a missing
 * backend for dense output, or a modifier that returns a batch of another shape.
 */
export class ActivationGenerator {
  readonly numFeatures: number;
  readonly dtype: 'float32';
  readonly backend: Backend | undefined;
  /** The composed modifier, or `null` (SPEC `_normalize_modifiers`). */
  readonly modifyActivations: ActivationsModifier | null;
  /** The dense correlation matrix given, or `null`. */
  readonly correlationMatrix: CorrelationMatrixInput | null;
  /** The low-rank correlation given (a `[factor, diag]` pair becomes one), or `null`. */
  readonly lowRankCorrelation: LowRankCorrelationMatrix | null;
  /** `Φ⁻¹(1 − p_i)` when a correlation is given, else `null`. */
  readonly correlationThresholds: Float64Array | null;
  /** Whether {@link ActivationGenerator.sample} returns a sparse batch. Mutable. */
  useSparseTensors: boolean;
  readonly #probabilities: Float32Array;
  readonly #std: Float32Array;
  readonly #mean: Float32Array;
  readonly #correlated: CorrelatedFiring | null;
  #rng!: Rng;
  #blocks!: BlockStream;
  #rowsSampled = 0;
  /** Serialises async calls, so they take consecutive rows in call order. */
  #queue: Promise<void> = Promise.resolve();

  /**
   * @throws InvalidArgumentError naming the option that breaks a rule (see `ActivationGeneratorOptions`).
   * @throws ValidationError for a correlation that cannot be used.
   */
  constructor(options: ActivationGeneratorOptions) {
    const resolved = resolveGeneratorOptions(options);
    this.numFeatures = resolved.numFeatures;
    this.dtype = resolved.dtype;
    this.backend = resolved.backend;
    this.modifyActivations = resolved.modifyActivations;
    this.useSparseTensors = resolved.useSparseTensors;
    this.#probabilities = resolved.firingProbabilities;
    this.#std = resolved.stdFiringMagnitudes;
    this.#mean = resolved.meanFiringMagnitudes;
    this.#correlated = resolveCorrelation(resolved.correlation, this.#probabilities, resolved.backend);
    this.correlationMatrix = this.#correlated?.correlationMatrix ?? null;
    this.lowRankCorrelation = this.#correlated?.lowRankCorrelation ?? null;
    this.correlationThresholds = this.#correlated?.correlationThresholds ?? null;
    this.#reset(resolved.rng, 0);
  }

  #reset(rng: Rng, rowsSampled: number): void {
    this.#rng = rng;
    this.#rowsSampled = rowsSampled;
    const firingRoot = rng.split('firing');
    let firing: BlockFiring;
    if (this.#correlated === null) {
      const sampler = new IndependentFiringSampler(this.#probabilities);
      firing = { block: (b) => sampler.sampleBlock(firingRoot.split(b), BLOCK_ROWS) };
    } else {
      const { sampleFiring } = this.#correlated;
      firing = { range: (first, count) => sampleFiring(firingRoot, first * BLOCK_ROWS, count * BLOCK_ROWS) };
    }
    this.#blocks = new BlockStream(this.numFeatures, firing, this.#mean, this.#std, rng.split('magnitude'));
  }

  /** Firing probability of each feature (a copy, float32). */
  get firingProbabilities(): Float32Array {
    return this.#probabilities.slice();
  }

  /** σ of each feature's magnitude (a copy, float32). */
  get stdFiringMagnitudes(): Float32Array {
    return this.#std.slice();
  }

  /** μ of each feature's magnitude (a copy, float32). */
  get meanFiringMagnitudes(): Float32Array {
    return this.#mean.slice();
  }

  /** Rows produced so far: the absolute index of the next batch's first row. */
  get rowsSampled(): number {
    return this.#rowsSampled;
  }

  /**
   * A JSON-serializable snapshot of the stream position.
   *
   * @example
   * ```ts
   * const saved = JSON.stringify(generator.state);
   * ```
   */
  get state(): ActivationGeneratorState {
    return { version: 1, rng: this.#rng.state, rowsSampled: this.#rowsSampled };
  }

  /**
   * Continues from a saved {@link ActivationGenerator.state}: with the same options, the next
   * batches equal those the saved generator would have produced. Returns this generator.
   *
   * @example
   * ```ts
   * const resumed = new ActivationGenerator(options).restoreState(JSON.parse(saved));
   * ```
   * @throws InvalidArgumentError naming the malformed field.
   */
  restoreState(state: ActivationGeneratorState): this {
    const { rng, rowsSampled } = parseGeneratorState(state);
    this.#reset(rng, rowsSampled);
    return this;
  }

  /**
   * The next `batchSize` rows as a sparse batch (CSR, columns ascending within a row; zeros made
   * by a ReLU stay stored), which the feature dictionary's forward consumes directly.
   *
   * @example
   * ```ts
   * const batch = generator.sampleSparse(1024);
   * const hidden = dictionary.forward(batch);
   * ```
   * @throws InvalidArgumentError unless `batchSize` is an integer >= 0.
   * @throws ValidationError for a correlated generator (use {@link ActivationGenerator.sampleSparseAsync}),
   * or when a modifier returns something other than a batch of the same shape.
   */
  sampleSparse(batchSize: number): SparseRows {
    this.#checkBatchSize(batchSize, false);
    if (!this.#blocks.synchronous) {
      throw new ValidationError('A correlated ActivationGenerator samples asynchronously (its copula runs on the backend): use sampleAsync, sampleSparseAsync or sampleDenseAsync.');
    }
    return this.#finish(this.#rowsSampled, batchSize);
  }

  /**
   * The next `batchSize` rows as a dense float32 tensor `[batchSize, numFeatures]` on the
   * generator's backend; the same numbers as {@link ActivationGenerator.sampleSparse}. The caller
   * owns (and disposes) it.
   *
   * @example
   * ```ts
   * const acts = generator.sampleDense(1024);
   * ```
   * @throws ValidationError when the generator has no backend, or as `sampleSparse` does.
   * @throws InvalidArgumentError unless `batchSize` is an integer >= 0 with `batchSize × numFeatures < 2^31`.
   */
  sampleDense(batchSize: number): Tensor2D {
    const backend = this.#checkBatchSize(batchSize, true)!;
    return sparseRowsToTensor(backend, this.sampleSparse(batchSize));
  }

  /**
   * The next `batchSize` rows: sparse when `useSparseTensors`, else dense.
   *
   * @example
   * ```ts
   * generator.useSparseTensors = true;
   * const batch = generator.sample(512); // SparseRows
   * ```
   * @throws InvalidArgumentError and ValidationError as `sampleSparse` and `sampleDense` do.
   */
  sample(batchSize: number): Tensor2D | SparseRows {
    return this.useSparseTensors ? this.sampleSparse(batchSize) : this.sampleDense(batchSize);
  }

  /**
   * {@link ActivationGenerator.sampleSparse} for every generator, correlated ones included (their
   * firing is read back from the backend). Calls run one after another, in call order.
   *
   * @example
   * ```ts
   * const batch = await generator.sampleSparseAsync(1024);
   * ```
   * @throws InvalidArgumentError and ValidationError as `sampleSparse` does (as a rejected promise).
   */
  sampleSparseAsync(batchSize: number): Promise<SparseRows> {
    const run = this.#queue.then(async () => {
      this.#checkBatchSize(batchSize, false);
      const firstRow = this.#rowsSampled;
      await this.#blocks.prepare(firstRow, batchSize);
      return this.#finish(firstRow, batchSize);
    });
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * {@link ActivationGenerator.sampleDense} for every generator, correlated ones included.
   *
   * @example
   * ```ts
   * const acts = await generator.sampleDenseAsync(1024);
   * ```
   * @throws As `sampleDense` does (as a rejected promise).
   */
  async sampleDenseAsync(batchSize: number): Promise<Tensor2D> {
    const backend = this.#checkBatchSize(batchSize, true)!;
    return sparseRowsToTensor(backend, await this.sampleSparseAsync(batchSize));
  }

  /**
   * {@link ActivationGenerator.sample} for every generator, correlated ones included.
   *
   * @example
   * ```ts
   * const batch = await generator.sampleAsync(512);
   * ```
   * @throws As `sample` does (as a rejected promise).
   */
  sampleAsync(batchSize: number): Promise<Tensor2D | SparseRows> {
    return this.useSparseTensors ? this.sampleSparseAsync(batchSize) : this.sampleDenseAsync(batchSize);
  }

  /**
   * Frees the tensors of a correlated generator's copula sampler (nothing to free otherwise).
   *
   * @example
   * ```ts
   * generator.dispose();
   * ```
   */
  dispose(): void {
    this.#correlated?.dispose();
  }

  /** Checks `batchSize` (and, for dense output, the backend and size); returns the backend. */
  #checkBatchSize(batchSize: number, dense: boolean): Backend | undefined {
    assertInteger('batchSize', batchSize, 0, Number.MAX_SAFE_INTEGER - this.#rowsSampled);
    if (!dense) return this.backend;
    if (this.backend === undefined) {
      throw new ValidationError("Dense output needs a backend: pass { backend: await createBackend('cpu') } to the ActivationGenerator, or use sampleSparse.");
    }
    if (batchSize * this.numFeatures > MAX_DENSE_ENTRIES) {
      throw new InvalidArgumentError('batchSize', `an integer with batchSize × ${this.numFeatures} <= ${MAX_DENSE_ENTRIES}`, batchSize);
    }
    return this.backend;
  }

  /** Assembles rows `[firstRow, firstRow + batchSize)`, runs the modifiers, and advances the stream. */
  #finish(firstRow: number, batchSize: number): SparseRows {
    let batch = this.#blocks.rows(firstRow, batchSize);
    if (this.modifyActivations !== null) {
      batch = applyModifier(this.modifyActivations, batch, { rng: this.#rng.split('modifiers'), firstRow, backend: this.backend });
    }
    this.#rowsSampled = firstRow + batchSize;
    return batch;
  }
}
