/**
 * `SyntheticActivationIterator` (SPEC §1.11): endless batches of hidden activations.
 */
import { assertInteger } from '@synth/core';
import type { Backend, SparseRows, Tensor2D } from '@synth/core';
import type { FeatureMap } from '@synth/eval';

/**
 * What the iterator samples from, e.g. an `ActivationGenerator`. `sampleSparseAsync`, when
 * present, serves {@link SyntheticActivationIterator.nextAsync} (a correlated generator samples
 * only asynchronously).
 */
export interface SparseActivationSource {
  sampleSparse(batchSize: number): SparseRows;
  sampleSparseAsync?(batchSize: number): Promise<SparseRows>;
  /** Serializable stream position (an `ActivationGenerator` has one). */
  readonly state?: unknown;
  restoreState?(state: never): unknown;
}

/**
 * An endless iterator: each `next()` returns `featureMap.forward(generator.sampleSparse(batchSize))`,
 * a `[batchSize, hiddenDim]` tensor the caller owns.
 *
 * @remarks SAELens's `autocast` (bfloat16) option is not offered: TensorFlow.js has no bfloat16.
 * Batches are drawn sparse, so sampling costs time proportional to the firings.
 * @example
 * ```ts
 * const batches = new SyntheticActivationIterator(backend, featureMap, generator, 1024);
 * const hidden = batches.next().value; // Tensor2D [1024, hiddenDim]
 * hidden.dispose();
 * ```
 * @throws InvalidArgumentError unless `batchSize` is an integer >= 1.
 */
export class SyntheticActivationIterator implements Iterator<Tensor2D>, Iterable<Tensor2D> {
  readonly backend: Backend;
  readonly featureMap: FeatureMap;
  readonly generator: SparseActivationSource;
  readonly batchSize: number;

  constructor(backend: Backend, featureMap: FeatureMap, generator: SparseActivationSource, batchSize: number) {
    assertInteger('batchSize', batchSize, 1);
    this.backend = backend;
    this.featureMap = featureMap;
    this.generator = generator;
    this.batchSize = batchSize;
  }

  /**
   * The next batch of hidden activations.
   *
   * @example
   * ```ts
   * const batch = batches.nextBatch();
   * ```
   * @throws ValidationError from the generator (e.g. a correlated one, which samples asynchronously).
   */
  nextBatch(): Tensor2D {
    this.backend.activate();
    return this.featureMap.forward(this.generator.sampleSparse(this.batchSize));
  }

  /**
   * The next batch, sampled asynchronously when the source can (any generator, correlated ones
   * included): what `trainToySae` uses.
   *
   * @example
   * ```ts
   * const { value: batch } = await batches.nextAsync();
   * ```
   */
  async nextAsync(): Promise<IteratorResult<Tensor2D>> {
    const features = this.generator.sampleSparseAsync === undefined
      ? this.generator.sampleSparse(this.batchSize)
      : await this.generator.sampleSparseAsync(this.batchSize);
    this.backend.activate();
    return { done: false, value: this.featureMap.forward(features) };
  }

  /** The generator's stream position, when it has one (saved with trainer checkpoints). */
  get state(): unknown {
    return this.generator.state;
  }

  /** Returns the generator to a saved {@link state}. */
  restoreState(state: unknown): void {
    this.generator.restoreState?.(state as never);
  }

  /** Iterator protocol: never done. */
  next(): IteratorResult<Tensor2D> {
    return { done: false, value: this.nextBatch() };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
