/**
 * The Matryoshka BatchTopK SAE (SAELens `MatryoshkaBatchTopKTrainingSAE`): BatchTopK plus an
 * inner reconstruction loss for each nested prefix of the latents.
 */
import { InvalidArgumentError, assertInteger, matMulTransposeA, matMulTransposeB } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import type { BatchTopKSaeConfig, BatchTopKSaeOptions } from './batchtopk-sae';
import { columnSums } from './gradient-helpers';
import type { ExtraReconstructionGradients } from './topk-sae';
import type { TrainStepInput } from './train-step';
import { decoderNorms } from './training-sae';
import type { ForwardResult, SaeParams } from './training-sae';

/** Options of {@link MatryoshkaBatchTopKTrainingSAE}. */
export interface MatryoshkaBatchTopKSaeOptions extends BatchTopKSaeOptions {
  /** Widths of the nested levels, strictly increasing integers >= 1; `dSae` is appended if missing. */
  readonly matryoshkaWidths: readonly number[];
  /** Receives SAELens's warnings (`dSae` appended, a single level); default `console.warn`. */
  readonly onWarning?: (message: string) => void;
}

/** Validated {@link MatryoshkaBatchTopKSaeOptions}: the widths end with `dSae`. */
export interface MatryoshkaBatchTopKSaeConfig extends BatchTopKSaeConfig {
  readonly matryoshkaWidths: readonly number[];
}

/**
 * BatchTopK whose loss adds, for each level width `w` but the last (the base MSE covers it),
 * `inner_mse_loss_{w} = mean_b Σ_d (z[:, :w]·(1/‖W_dec‖)[:w]·W_dec[:w] + b_dec − x)²` (no
 * division by the norms without rescaling). Saved for inference as a JumpReLU, as BatchTopK.
 *
 * @remarks Widths must be integers >= 1 (SAELens does not check; a width of 0 would decode to
 * `b_dec` alone). An empty list is rejected (SAELens fails with an IndexError). As SAELens, a
 * width above `dSae` fails the strictly-increasing rule once `dSae` is appended.
 * @example
 * ```ts
 * const sae = new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 32, dSae: 64, k: 4, matryoshkaWidths: [8, 32, 64] });
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule ("cfg.matryoshka_widths must
 * be strictly increasing.").
 */
export class MatryoshkaBatchTopKTrainingSAE extends BatchTopKTrainingSAE<MatryoshkaBatchTopKSaeConfig> {
  /**
   * @param weights optional starting values by SAELens name (copied).
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: MatryoshkaBatchTopKSaeOptions, weights?: Readonly<Record<string, Tensor>>) {
    const matryoshkaWidths = resolveMatryoshkaWidths(options);
    super(backend, options, weights, (cfg) => ({ ...cfg, matryoshkaWidths }));
  }

  /** `'matryoshka_batchtopk'`. */
  override get architecture(): string {
    return 'matryoshka_batchtopk';
  }

  /** `z` as the decoder sees it: divided by the decoder norms when rescaling (inside a tidy). */
  #decoded(params: SaeParams, featureActs: Tensor2D): Tensor2D {
    if (!this.cfg.rescaleActsByDecoderNorm) return featureActs;
    return this.backend.tf.mul(featureActs, this.backend.tf.reciprocal(decoderNorms(this.backend, params.W_dec)));
  }

  /** `decoded[:, :w]·W_dec[:w] + b_dec − x` for each inner width (inside a tidy). */
  #innerResiduals(params: SaeParams, decoded: Tensor2D, x: Tensor2D): [number, Tensor2D, Tensor2D, Tensor2D][] {
    const { tf } = this.backend;
    const [batch, dIn] = x.shape;
    return this.cfg.matryoshkaWidths.slice(0, -1).map((w) => {
      const inner: Tensor2D = tf.slice(decoded, [0, 0], [batch, w]);
      const W_inner: Tensor2D = tf.slice(params.W_dec, [0, 0], [w, dIn]);
      return [w, inner, W_inner, tf.sub<Tensor2D>(tf.add(tf.matMul(inner, W_inner), params.b_dec), x)];
    });
  }

  protected override auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult, saeOut: Tensor2D): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const losses = super.auxLosses(params, input, result, saeOut);
    const batch = input.saeIn.shape[0];
    for (const [w, , , residual] of this.#innerResiduals(params, this.#decoded(params, result.featureActs), input.saeIn)) {
      losses[`inner_mse_loss_${w}`] = tf.div(tf.sum(tf.square(residual)), batch);
    }
    return losses;
  }

  protected override extraReconstructionGradients(params: SaeParams, decoded: Tensor2D, x: Tensor2D): ExtraReconstructionGradients | null {
    const { tf } = this.backend;
    const levels = this.#innerResiduals(params, decoded, x);
    if (levels.length === 0) return null;
    const [batch] = x.shape;
    const { dSae } = this.cfg;
    const losses: Record<string, Tensor<Rank.R0>> = {};
    let dDecoded: Tensor2D = tf.zerosLike(decoded);
    let dW_dec: Tensor2D = tf.zerosLike(params.W_dec);
    let db_dec: Tensor1D = tf.zerosLike(params.b_dec);
    for (const [w, inner, W_inner, residual] of levels) {
      losses[`inner_mse_loss_${w}`] = tf.div(tf.sum(tf.square(residual)), batch);
      const dOut = tf.mul<Tensor2D>(residual, 2 / batch);
      dDecoded = tf.add(dDecoded, tf.pad(matMulTransposeB(this.backend, dOut, W_inner), [[0, 0], [0, dSae - w]]));
      dW_dec = tf.add(dW_dec, tf.pad(matMulTransposeA(this.backend, inner, dOut), [[0, dSae - w], [0, 0]]));
      db_dec = tf.add(db_dec, columnSums(this.backend, dOut));
    }
    return { losses, dDecoded, dW_dec, db_dec };
  }

  protected override architectureConfigDict(): Record<string, unknown> {
    return { ...super.architectureConfigDict(), matryoshka_widths: [...this.cfg.matryoshkaWidths] };
  }
}

/** The widths with `dSae` appended if missing, checked as SAELens's `_validate_matryoshka_config`. */
function resolveMatryoshkaWidths(options: MatryoshkaBatchTopKSaeOptions): number[] {
  assertInteger('dSae', options.dSae, 1);
  const given: unknown = options.matryoshkaWidths;
  if (!Array.isArray(given) || given.length === 0) {
    throw new InvalidArgumentError('matryoshkaWidths', 'a non-empty array of widths', given);
  }
  given.forEach((w: unknown, i) => {
    if (!(typeof w === 'number' && Number.isInteger(w) && w >= 1)) throw new InvalidArgumentError(`matryoshkaWidths[${i}]`, 'an integer >= 1', w);
  });
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const widths = [...(given as number[])];
  if (widths.at(-1) !== options.dSae) {
    warn('WARNING: The final matryoshka level width is not set to cfg.d_sae. A final matryoshka level of width=cfg.d_sae will be added.');
    widths.push(options.dSae);
  }
  for (let i = 1; i < widths.length; i++) {
    if (!(widths[i - 1]! < widths[i]!)) {
      throw new InvalidArgumentError('matryoshkaWidths', `strictly increasing widths ending at dSae = ${options.dSae}`, widths, { detail: 'cfg.matryoshka_widths must be strictly increasing.' });
    }
  }
  if (widths.length === 1) {
    warn('WARNING: You have only set one matryoshka level. This is equivalent to using a standard BatchTopK SAE and is likely not what you want.');
  }
  return widths;
}
