/**
 * The JumpReLU SAE (SAELens `JumpReLUTrainingSAE`): a learnable per-latent threshold trained with
 * straight-through (rectangle-kernel) pseudo-gradients and an L0 penalty.
 */
import { InvalidArgumentError, assertInteger, assertOneOf } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { baseShapes, encoderGradients, firingCounts, outputGradients, safeReciprocal, takeInitialWeights, totalLoss } from './gradient-helpers';
import { initBaseWeights } from './init-weights';
import { assertNumberAtLeast, initRng, resolveBaseConfig } from './sae-config';
import type { SaeBaseConfig, SaeBaseOptions } from './sae-config';
import type { TrainCoefficientConfig, TrainStepGradients, TrainStepInput } from './train-step';
import { TrainingSAE, decoderNorms } from './training-sae';
import type { ForwardResult, SaeParams } from './training-sae';

/** Sparsity penalties: DeepMind's `step` L0, Anthropic's `tanh`. */
export const JUMPRELU_SPARSITY_LOSS_MODES = ['step', 'tanh'] as const;

/** Options of {@link JumpReLUTrainingSAE} (SAELens `JumpReLUTrainingSAEConfig`). */
export interface JumpReLUSaeOptions extends SaeBaseOptions {
  /** Starting threshold of every latent (default 0.01). */
  readonly jumpreluInitThreshold?: number;
  /** Width of the rectangle kernel of the pseudo-gradient (default 0.05). */
  readonly jumpreluBandwidth?: number;
  /** `step` (default) or `tanh`. */
  readonly jumpreluSparsityLossMode?: (typeof JUMPRELU_SPARSITY_LOSS_MODES)[number];
  /** Weight of the L0 penalty (default 1.0). */
  readonly l0Coefficient?: number;
  /** Warm-up steps of the L0 coefficient (default 0). */
  readonly l0WarmUpSteps?: number;
  /** Anthropic's pre-activation loss on dead latents (default null: off). */
  readonly preActLossCoefficient?: number | null;
  /** Scale inside `tanh` (default 4). */
  readonly jumpreluTanhScale?: number;
}

/** Validated {@link JumpReLUSaeOptions}. */
export interface JumpReLUSaeConfig extends SaeBaseConfig {
  readonly jumpreluInitThreshold: number;
  readonly jumpreluBandwidth: number;
  readonly jumpreluSparsityLossMode: 'step' | 'tanh';
  readonly l0Coefficient: number;
  readonly l0WarmUpSteps: number;
  readonly preActLossCoefficient: number | null;
  readonly jumpreluTanhScale: number;
}

/**
 * `pre = x_c·W_enc + b_enc`, `z = pre·[pre > θ]` with `θ = exp(log_threshold)`. Loss: mse +
 * `l0_loss` (`coef·mean_b Σ Step(pre, θ)`, or `coef·mean_b Σ tanh(scale·z·‖W_dec‖)`) + optional
 * `pre_act_loss` (`c·mean_b Σ relu(θ − pre)·dead·‖W_dec‖`). θ's gradient is the straight-through
 * estimate `−(θ/bw)·rect((pre − θ)/bw)·∂L/∂z` (and `−(1/bw)·rect(·)·∂L/∂Step`), summed over the batch.
 *
 * @remarks Saved inference weights hold `threshold = exp(log_threshold)`, as SAELens writes them.
 * @example
 * ```ts
 * const sae = new JumpReLUTrainingSAE(backend, { dIn: 32, dSae: 64, l0Coefficient: 1e-3 });
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export class JumpReLUTrainingSAE extends TrainingSAE<JumpReLUSaeConfig> {
  /**
   * @param weights optional starting values by SAELens name (copied); `threshold` is accepted
   * in place of `log_threshold`.
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: JumpReLUSaeOptions, weights?: Readonly<Record<string, Tensor>>) {
    const base = resolveBaseConfig(options);
    const cfg: JumpReLUSaeConfig = {
      ...base,
      jumpreluInitThreshold: options.jumpreluInitThreshold ?? 0.01,
      jumpreluBandwidth: options.jumpreluBandwidth ?? 0.05,
      jumpreluSparsityLossMode: options.jumpreluSparsityLossMode ?? 'step',
      l0Coefficient: options.l0Coefficient ?? 1.0,
      l0WarmUpSteps: options.l0WarmUpSteps ?? 0,
      preActLossCoefficient: options.preActLossCoefficient ?? null,
      jumpreluTanhScale: options.jumpreluTanhScale ?? 4.0,
    };
    assertNumberAtLeast('jumpreluInitThreshold', cfg.jumpreluInitThreshold, 0, true);
    assertNumberAtLeast('jumpreluBandwidth', cfg.jumpreluBandwidth, 0, true);
    assertOneOf('jumpreluSparsityLossMode', cfg.jumpreluSparsityLossMode, JUMPRELU_SPARSITY_LOSS_MODES);
    assertNumberAtLeast('l0Coefficient', cfg.l0Coefficient, 0);
    assertInteger('l0WarmUpSteps', cfg.l0WarmUpSteps, 0);
    if (cfg.preActLossCoefficient !== null) assertNumberAtLeast('preActLossCoefficient', cfg.preActLossCoefficient, 0);
    assertNumberAtLeast('jumpreluTanhScale', cfg.jumpreluTanhScale, 0);
    const shapes = { ...baseShapes(cfg), log_threshold: [cfg.dSae] };
    let given = weights;
    if (weights?.threshold !== undefined) {
      const { threshold, ...rest } = weights;
      backend.activate();
      given = { ...rest, log_threshold: backend.tf.log(threshold) };
    }
    const initial = takeInitialWeights(backend, shapes, given, () => ({
      ...initBaseWeights(backend, cfg.dIn, cfg.dSae, cfg.decoderInitNorm, initRng(options)),
      log_threshold: backend.tf.fill([cfg.dSae], Math.log(cfg.jumpreluInitThreshold)),
    }));
    if (given !== weights) given!.log_threshold!.dispose();
    super(backend, cfg, initial);
  }

  /** `'jumprelu'`. */
  get architecture(): string {
    return 'jumprelu';
  }

  /**
   * `{ l0: { value: l0Coefficient, warmUpSteps: l0WarmUpSteps } }`.
   *
   * @example
   * ```ts
   * sae.getCoefficients().l0.value;
   * ```
   */
  getCoefficients(): Readonly<Record<string, TrainCoefficientConfig>> {
    return { l0: { value: this.cfg.l0Coefficient, warmUpSteps: this.cfg.l0WarmUpSteps } };
  }

  protected forwardEncode(params: SaeParams, x: Tensor2D): ForwardResult {
    const { tf } = this.backend;
    const hiddenPre = tf.add<Tensor2D>(tf.matMul(this.processSaeIn(params, x), params.W_enc), params.b_enc);
    const threshold = tf.exp(params.log_threshold!);
    return { hiddenPre, featureActs: tf.mul(hiddenPre, tf.cast(tf.greater(hiddenPre, threshold), 'float32')) };
  }

  protected auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const coefficient = input.coefficients.l0!;
    const threshold = tf.exp(params.log_threshold!);
    const norms = decoderNorms(this.backend, params.W_dec);
    const perItem =
      this.cfg.jumpreluSparsityLossMode === 'step'
        ? tf.sum(tf.cast(tf.greater(result.hiddenPre, threshold), 'float32'), 1)
        : tf.sum(tf.tanh(tf.mul(tf.mul(result.featureActs, norms), this.cfg.jumpreluTanhScale)), 1);
    const losses: Record<string, Tensor<Rank.R0>> = { l0_loss: tf.mean(tf.mul(perItem, coefficient)) };
    const c = this.cfg.preActLossCoefficient;
    if (c !== null) {
      const dead = input.deadNeuronMask === null ? null : tf.cast(input.deadNeuronMask, 'float32');
      losses.pre_act_loss =
        dead === null ? tf.scalar(0) : tf.mul(tf.mean(tf.sum(tf.mul(tf.mul(tf.relu(tf.sub(threshold, result.hiddenPre)), dead), norms), 1)), c);
    }
    return losses;
  }

  protected stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients {
    const { tf } = this.backend;
    const x = input.saeIn;
    const batch = x.shape[0];
    const coefficient = input.coefficients.l0!;
    const bandwidth = this.cfg.jumpreluBandwidth;
    const xc = this.processSaeIn(params, x);
    const pre = tf.add<Tensor2D>(tf.matMul(xc, params.W_enc), params.b_enc);
    const threshold = tf.exp<Tensor1D>(params.log_threshold as Tensor1D);
    const gate = tf.cast(tf.greater<Tensor2D>(pre, threshold), 'float32');
    const z = tf.mul<Tensor2D>(pre, gate);
    const norms = decoderNorms(this.backend, params.W_dec);
    const output = outputGradients(this.backend, z, params.W_dec, params.b_dec, x);
    // rect((pre − θ)/bw): 1 strictly inside (−1/2, 1/2).
    const offset = tf.div(tf.sub(pre, threshold), bandwidth);
    const rect = tf.cast(tf.logicalAnd(tf.greater(offset, -0.5), tf.less(offset, 0.5)), 'float32');
    let dz: Tensor2D = output.dLatents;
    let dThreshold: Tensor1D;
    let dNorms: Tensor1D | null = null;
    let dPreExtra: Tensor2D | null = null;
    const losses: Record<string, Tensor<Rank.R0>> = { mse_loss: output.mse };
    if (this.cfg.jumpreluSparsityLossMode === 'step') {
      losses.l0_loss = tf.mul(tf.sum(gate), coefficient / batch);
      dThreshold = tf.mul(tf.sum<Tensor1D>(rect, 0), -coefficient / batch / bandwidth);
    } else {
      const t = tf.tanh(tf.mul(tf.mul(z, norms), this.cfg.jumpreluTanhScale));
      losses.l0_loss = tf.mul(tf.sum(t), coefficient / batch);
      const dInner = tf.mul<Tensor2D>(tf.sub(1, tf.square(t)), (coefficient / batch) * this.cfg.jumpreluTanhScale);
      dz = tf.add(dz, tf.mul(dInner, norms));
      dNorms = tf.sum<Tensor1D>(tf.mul(dInner, z), 0);
      dThreshold = tf.zeros([this.cfg.dSae]);
    }
    const c = this.cfg.preActLossCoefficient;
    if (c !== null) {
      if (input.deadNeuronMask === null) {
        losses.pre_act_loss = tf.scalar(0);
      } else {
        const dead = tf.cast<Tensor1D>(input.deadNeuronMask, 'float32');
        const gap = tf.sub<Tensor2D>(threshold, pre);
        losses.pre_act_loss = tf.mul(tf.sum(tf.mul(tf.mul(tf.relu(gap), dead), norms)), c / batch);
        const g = tf.mul<Tensor2D>(tf.mul(tf.step(gap, 0), tf.mul(dead, norms)), c / batch);
        dThreshold = tf.add(dThreshold, tf.sum<Tensor1D>(g, 0));
        dPreExtra = tf.neg(g);
        const fromNorms = tf.mul<Tensor1D>(tf.sum(tf.relu(gap), 0), tf.mul(dead, c / batch));
        dNorms = dNorms === null ? fromNorms : tf.add<Tensor1D>(dNorms, fromNorms);
      }
    }
    // JumpReLU backward: x passes where the gate is open; θ gets the straight-through estimate.
    let dPre = tf.mul<Tensor2D>(dz, gate);
    if (dPreExtra !== null) dPre = tf.add(dPre, dPreExtra);
    dThreshold = tf.add(dThreshold, tf.mul(tf.sum<Tensor1D>(tf.mul(rect, dz), 0), tf.div(threshold, -bandwidth)));
    let dW_dec = output.dW_dec;
    if (dNorms !== null) dW_dec = tf.add(dW_dec, tf.mul(params.W_dec, tf.expandDims(tf.mul(dNorms, safeReciprocal(this.backend, norms)), 1)));
    const encoder = encoderGradients(this.backend, xc, dPre, params.W_enc, this.cfg.applyBDecToInput);
    const loss = totalLoss(this.backend, output.mse, losses);
    return {
      loss,
      losses,
      firingCounts: firingCounts(this.backend, z),
      grads: {
        W_enc: encoder.dW_enc,
        W_dec: dW_dec,
        b_enc: encoder.db_enc,
        b_dec: tf.add(output.db_dec, encoder.db_decFromInput),
        log_threshold: tf.mul(dThreshold, threshold),
      },
    };
  }

  /**
   * Folds decoder norms into the encoder and scales the threshold by them (SAELens
   * `JumpReLUTrainingSAE.fold_W_dec_norm`).
   *
   * @example
   * ```ts
   * sae.foldWDecNorm();
   * ```
   */
  override foldWDecNorm(): void {
    const { tf } = this.backend;
    const params = this.parameters();
    const logThreshold = this.backend.tidy(() => tf.add(params.log_threshold!, tf.log(tf.maximum(decoderNorms(this.backend, params.W_dec), 1e-8))));
    super.foldWDecNorm();
    this.setParameter('log_threshold', logThreshold);
    logThreshold.dispose();
  }

  /**
   * Weights with `threshold = exp(log_threshold)` in place of `log_threshold` (SAELens
   * `process_state_dict_for_saving`, used by both saves).
   *
   * @example
   * ```ts
   * sae.stateDict().threshold;
   * ```
   */
  override stateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    const { log_threshold: logThreshold, ...rest } = super.stateDict();
    if (logThreshold === undefined) throw new InvalidArgumentError('log_threshold', 'a parameter', undefined);
    return { ...rest, threshold: { shape: logThreshold.shape, data: Float32Array.from(logThreshold.data, (v) => Math.exp(v)) } };
  }

  /** `threshold = exp(log_threshold)` `[dSae]`. */
  get threshold(): Tensor1D {
    return this.backend.tidy(() => this.backend.tf.exp<Tensor1D>(this.parameters().log_threshold as Tensor1D));
  }

  protected architectureConfigDict(): Record<string, unknown> {
    const { cfg } = this;
    return {
      jumprelu_init_threshold: cfg.jumpreluInitThreshold,
      jumprelu_bandwidth: cfg.jumpreluBandwidth,
      jumprelu_sparsity_loss_mode: cfg.jumpreluSparsityLossMode,
      l0_coefficient: cfg.l0Coefficient,
      l0_warm_up_steps: cfg.l0WarmUpSteps,
      pre_act_loss_coefficient: cfg.preActLossCoefficient,
      jumprelu_tanh_scale: cfg.jumpreluTanhScale,
    };
  }
}


