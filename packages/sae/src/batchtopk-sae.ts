/**
 * The BatchTopK SAE (SAELens `BatchTopKTrainingSAE`): top `k·B` activations over the whole batch,
 * saved for inference as a JumpReLU with a learned global threshold.
 */
import { assertInteger } from '@synth/core';
import type { Backend, Tensor, Tensor2D } from '@synth/core';
import { assertNumberAtLeast } from './sae-config';
import { selectedLatents } from './sparse-decode';
import type { SelectedLatents } from './sparse-decode';
import { batchTopKMask } from './topk-mask';
import { TopKTrainingSAE, resolveTopKConfig } from './topk-sae';
import type { TopKSaeConfig, TopKSaeOptions } from './topk-sae';

/** Options of {@link BatchTopKTrainingSAE}. */
export interface BatchTopKSaeOptions extends TopKSaeOptions {
  /** Mean latents kept per row (default 100; any number > 0). */
  readonly k?: number;
  /** EMA rate of the threshold (default 0.01). */
  readonly topkThresholdLr?: number;
  /** Starting threshold (default 0; loading sets the saved one). */
  readonly topkThreshold?: number;
}

/** Validated {@link BatchTopKSaeOptions}. */
export interface BatchTopKSaeConfig extends TopKSaeConfig {
  readonly topkThresholdLr: number;
}

/**
 * Like TopK (rescaling, AuxK), but the activation is `relu(h)` keeping the `floor(k·B)` largest
 * values of the whole batch, so encoding depends on the batch. After each training forward pass,
 * `threshold ← (1 − lr)·threshold + lr·min(positive activations)` in float64.
 *
 * @remarks `floor(k·B)` is capped at `B·dSae` (torch would fail). The threshold is a host float64.
 * @example
 * ```ts
 * const sae = new BatchTopKTrainingSAE(backend, { dIn: 32, dSae: 64, k: 4 });
 * console.log(sae.topkThreshold);
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export class BatchTopKTrainingSAE<Config extends BatchTopKSaeConfig = BatchTopKSaeConfig> extends TopKTrainingSAE<Config> {
  #threshold: number;

  /**
   * @param weights optional starting values by SAELens name (copied).
   * @param extendConfig adds a subclass's validated options to the config (Matryoshka's widths).
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: BatchTopKSaeOptions, weights?: Readonly<Record<string, Tensor>>, extendConfig?: (cfg: BatchTopKSaeConfig) => Config) {
    const k = options.k ?? 100;
    assertInteger('dSae', options.dSae, 1);
    assertNumberAtLeast('k', k, 0, true);
    const topkThresholdLr = options.topkThresholdLr ?? 0.01;
    assertNumberAtLeast('topkThresholdLr', topkThresholdLr, 0);
    const threshold = options.topkThreshold ?? 0;
    assertNumberAtLeast('topkThreshold', threshold, 0);
    const cfg: BatchTopKSaeConfig = { ...resolveTopKConfig(options, k), topkThresholdLr };
    super(backend, options, weights, extendConfig === undefined ? (cfg as Config) : extendConfig(cfg));
    this.#threshold = threshold;
  }

  /** `'batchtopk'`. */
  override get architecture(): string {
    return 'batchtopk';
  }

  /** The learned float64 threshold (JumpReLU threshold of the inference save). */
  get topkThreshold(): number {
    return this.#threshold;
  }

  protected override activationMask(preScaled: Tensor2D): Tensor2D {
    const [batch, width] = preScaled.shape;
    const count = Math.min(Math.floor(this.cfg.k * batch), batch * width);
    return batchTopKMask(this.backend, this.backend.tf.relu(preScaled), count);
  }

  /** The `floor(k·B)` largest ReLU'd entries of the batch; null (dense) when that is none. */
  protected override activationIndices(preScaled: Tensor2D): SelectedLatents | null {
    const { tf } = this.backend;
    const [batch, width] = preScaled.shape;
    const count = Math.min(Math.floor(this.cfg.k * batch), batch * width);
    if (count <= 0) return null;
    const flat = tf.topk(tf.reshape(tf.relu(preScaled), [-1]), count, true).indices;
    // An int32 divisor keeps the arithmetic in int32 (a plain number would promote to float32).
    const divisor = tf.scalar(width, 'int32');
    return selectedLatents(this.backend, tf.floorDiv(flat, divisor), tf.mod(flat, divisor));
  }

  protected override afterTrainingForward(latents: Tensor): void {
    const { tf } = this.backend;
    const smallest = tf.min(tf.where(tf.greater(latents, 0), latents, tf.fill(latents.shape, Infinity)));
    const value = smallest.dataSync()[0]!;
    if (Number.isFinite(value)) {
      const lr = this.cfg.topkThresholdLr;
      this.#threshold = (1 - lr) * this.#threshold + lr * value;
    }
  }

  protected override stepMetrics(): Record<string, number> {
    return { topk_threshold: this.#threshold };
  }

  /**
   * Training weights plus `topk_threshold` (float64 scalar), as SAELens's `save_model` writes.
   *
   * @example
   * ```ts
   * sae.stateDict().topk_threshold; // { shape: [], data: Float64Array [θ] }
   * ```
   */
  override trainingScalars(): Record<string, number> {
    return { topk_threshold: this.#threshold };
  }

  override setTrainingScalars(scalars: Readonly<Record<string, number>>): void {
    const { topk_threshold: threshold, ...rest } = scalars;
    super.setTrainingScalars(rest);
    if (threshold !== undefined) {
      assertNumberAtLeast('topk_threshold', threshold, 0);
      this.#threshold = threshold;
    }
  }

  override stateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    return { ...super.stateDict(), topk_threshold: { shape: [], data: Float64Array.of(this.#threshold) } };
  }

  /**
   * Inference weights: norms folded (when rescaling) and `threshold [dSae]` filled with the
   * learned threshold, `topk_threshold` dropped (a JumpReLU SAE).
   *
   * @example
   * ```ts
   * sae.inferenceStateDict().threshold;
   * ```
   */
  override inferenceStateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    const state = super.inferenceStateDict();
    delete state.topk_threshold;
    state.threshold = { shape: [this.cfg.dSae], data: new Float32Array(this.cfg.dSae).fill(this.#threshold) };
    return state;
  }

  protected override get inferenceArchitecture(): string {
    return 'jumprelu';
  }

  protected override inferenceArchitectureConfigDict(): Record<string, unknown> {
    return {};
  }

  protected override architectureConfigDict(): Record<string, unknown> {
    return { ...super.architectureConfigDict(), topk_threshold_lr: this.cfg.topkThresholdLr };
  }
}
