/**
 * The gated SAE (SAELens `GatedTrainingSAE`): a binary gate and a weight-shared magnitude path.
 */
import { assertInteger, matMulTransposeA, matMulTransposeB } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { columnSums, encoderGradients, firingCounts, outputGradients, safeReciprocal, takeInitialWeights } from './gradient-helpers';
import { initBaseWeights } from './init-weights';
import { assertNumberAtLeast, initRng, resolveBaseConfig } from './sae-config';
import type { SaeBaseConfig, SaeBaseOptions } from './sae-config';
import type { TrainCoefficientConfig, TrainStepGradients, TrainStepInput } from './train-step';
import { TrainingSAE, decoderNorms } from './training-sae';
import type { ForwardResult, SaeParams } from './training-sae';

/** Options of {@link GatedTrainingSAE} (SAELens `GatedTrainingSAEConfig`). */
export interface GatedSaeOptions extends SaeBaseOptions {
  /** Weight of the gate's sparsity penalty (default 1.0). */
  readonly l1Coefficient?: number;
  /** Steps over which `l1Coefficient` warms up linearly from 0 (default 0). */
  readonly l1WarmUpSteps?: number;
}

/** Validated {@link GatedSaeOptions}. */
export interface GatedSaeConfig extends SaeBaseConfig {
  readonly l1Coefficient: number;
  readonly l1WarmUpSteps: number;
}

/** The gate and magnitude pre-activations of a batch (inside a tidy). */
interface GatedForward extends ForwardResult {
  readonly xc: Tensor2D;
  readonly piGate: Tensor2D;
  readonly gate: Tensor2D;
  readonly magnitudeScale: Tensor1D;
}

/**
 * `π_gate = x_c·W_enc + b_gate`, `z = [π_gate > 0] ⊙ relu(x_c·(W_enc ⊙ e^{r_mag}) + b_mag)`,
 * `x̂ = z·W_dec + b_dec` (`hiddenPre` is the magnitude pre-activation). The loss adds
 * `l1_loss = coef·mean_b Σ relu(π_gate) ⊙ ‖W_dec rows‖` and
 * `auxiliary_reconstruction_loss = mean_b Σ_d (relu(π_gate)·W_dec + b_dec − x)²`; the gate itself
 * passes no gradient.
 *
 * @remarks Parameters are `W_enc`, `W_dec`, `b_dec`, `b_gate`, `r_mag` and `b_mag`: there is no
 * `b_enc` (the `b_enc` getter throws), as in SAELens.
 * @example
 * ```ts
 * const sae = new GatedTrainingSAE(backend, { dIn: 32, dSae: 64, l1Coefficient: 5e-2 });
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export class GatedTrainingSAE extends TrainingSAE<GatedSaeConfig> {
  /**
   * @param weights optional starting values by SAELens name (copied), e.g. when loading.
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: GatedSaeOptions, weights?: Readonly<Record<string, Tensor>>) {
    const base = resolveBaseConfig(options);
    const l1Coefficient = options.l1Coefficient ?? 1.0;
    assertNumberAtLeast('l1Coefficient', l1Coefficient, 0);
    const l1WarmUpSteps = options.l1WarmUpSteps ?? 0;
    assertInteger('l1WarmUpSteps', l1WarmUpSteps, 0);
    const cfg: GatedSaeConfig = { ...base, l1Coefficient, l1WarmUpSteps };
    const { dIn, dSae } = cfg;
    const shapes = { W_enc: [dIn, dSae], W_dec: [dSae, dIn], b_dec: [dIn], b_gate: [dSae], r_mag: [dSae], b_mag: [dSae] };
    super(backend, cfg, takeInitialWeights(backend, shapes, weights, () => initGatedWeights(backend, cfg, options)));
  }

  /** `'gated'`. */
  get architecture(): string {
    return 'gated';
  }

  /**
   * `{ l1: { value: l1Coefficient, warmUpSteps: l1WarmUpSteps } }`.
   *
   * @example
   * ```ts
   * sae.getCoefficients().l1.value;
   * ```
   */
  getCoefficients(): Readonly<Record<string, TrainCoefficientConfig>> {
    return { l1: { value: this.cfg.l1Coefficient, warmUpSteps: this.cfg.l1WarmUpSteps } };
  }

  #forward(params: SaeParams, x: Tensor2D): GatedForward {
    const { tf } = this.backend;
    const xc = this.processSaeIn(params, x);
    const piGate = tf.add<Tensor2D>(tf.matMul(xc, params.W_enc), params.b_gate!);
    const gate = tf.cast(tf.greater(piGate, 0), 'float32') as Tensor2D;
    const magnitudeScale = tf.exp(params.r_mag!) as Tensor1D;
    const hiddenPre = tf.add<Tensor2D>(tf.matMul(xc, tf.mul(params.W_enc, magnitudeScale)), params.b_mag!);
    return { xc, piGate, gate, magnitudeScale, hiddenPre, featureActs: tf.mul(gate, tf.relu(hiddenPre)) };
  }

  protected forwardEncode(params: SaeParams, x: Tensor2D): ForwardResult {
    const { featureActs, hiddenPre } = this.#forward(params, x);
    return { featureActs, hiddenPre };
  }

  protected auxLosses(params: SaeParams, input: TrainStepInput): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const batch = input.saeIn.shape[0];
    const gateActs = tf.relu<Tensor2D>(this.#forward(params, input.saeIn).piGate);
    const l1 = tf.mul<Tensor<Rank.R0>>(tf.div(tf.sum(tf.mul(gateActs, decoderNorms(this.backend, params.W_dec))), batch), input.coefficients.l1!);
    const viaGate = tf.add<Tensor2D>(tf.matMul(gateActs, params.W_dec), params.b_dec);
    return { l1_loss: l1, auxiliary_reconstruction_loss: tf.div(tf.sum(tf.squaredDifference(viaGate, input.saeIn)), batch) };
  }

  protected stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients {
    const { tf } = this.backend;
    const x = input.saeIn;
    const batch = x.shape[0];
    const coefficient = input.coefficients.l1!;
    const { xc, piGate, gate, magnitudeScale, hiddenPre, featureActs: z } = this.#forward(params, x);
    const output = outputGradients(this.backend, z, params.W_dec, params.b_dec, x);
    // Magnitude path: W_mag = W_enc ⊙ e^r, so dW_enc += dW_mag ⊙ e^r and dr = Σ_i dW_mag ⊙ W_mag.
    const W_mag = tf.mul<Tensor2D>(params.W_enc, magnitudeScale);
    const magnitude = encoderGradients(this.backend, xc, tf.mul<Tensor2D>(output.dLatents, tf.mul(gate, tf.step(hiddenPre, 0))), W_mag, this.cfg.applyBDecToInput);
    // Gate path: l1 and the auxiliary reconstruction both read g = relu(π_gate).
    const gateActs = tf.relu<Tensor2D>(piGate);
    const norms = decoderNorms(this.backend, params.W_dec);
    const l1 = tf.mul<Tensor<Rank.R0>>(tf.sum(tf.mul(gateActs, norms)), coefficient / batch);
    const error = tf.sub<Tensor2D>(tf.add(tf.matMul(gateActs, params.W_dec), params.b_dec), x);
    const aux = tf.div<Tensor<Rank.R0>>(tf.sum(tf.square(error)), batch);
    const dError = tf.mul<Tensor2D>(error, 2 / batch);
    const dGateActs = tf.add<Tensor2D>(matMulTransposeB(this.backend, dError, params.W_dec), tf.mul(norms, coefficient / batch));
    const gatePath = encoderGradients(this.backend, xc, tf.mul<Tensor2D>(dGateActs, tf.step(piGate, 0)), params.W_enc, this.cfg.applyBDecToInput);
    const dNorms = tf.mul(columnSums(this.backend, gateActs), coefficient / batch);
    const dW_dec = tf.add(
      tf.add(output.dW_dec, matMulTransposeA(this.backend, gateActs, dError)),
      tf.mul(params.W_dec, tf.expandDims(tf.mul(dNorms, safeReciprocal(this.backend, norms)), 1)),
    );
    const db_dec = tf.addN([output.db_dec, columnSums(this.backend, dError), magnitude.db_decFromInput, gatePath.db_decFromInput]);
    const losses = { mse_loss: output.mse, l1_loss: l1, auxiliary_reconstruction_loss: aux };
    return {
      loss: tf.addN([output.mse, l1, aux]),
      losses,
      firingCounts: firingCounts(this.backend, z),
      grads: {
        W_enc: tf.add(gatePath.dW_enc, tf.mul(magnitude.dW_enc, magnitudeScale)),
        W_dec: dW_dec,
        b_dec: db_dec,
        b_gate: gatePath.db_enc,
        r_mag: columnSums(this.backend, tf.mul(magnitude.dW_enc, W_mag)),
        b_mag: magnitude.db_enc,
      },
    };
  }

  /**
   * Folds the decoder row norms into the encoder (SAELens `GatedTrainingSAE.fold_W_dec_norm`):
   * `W_dec` rows become unit vectors; `W_enc` columns, `b_gate` and `b_mag` scale by the norms
   * (`r_mag` needs no change: the magnitude path shares `W_enc`).
   *
   * @example
   * ```ts
   * sae.foldWDecNorm();
   * ```
   */
  override foldWDecNorm(): void {
    const { tf } = this.backend;
    const params = this.parameters();
    const folded = this.backend.tidy(() => {
      const norms = tf.maximum(decoderNorms(this.backend, params.W_dec), 1e-8);
      return {
        W_dec: tf.div(params.W_dec, tf.expandDims(norms, 1)),
        W_enc: tf.mul(params.W_enc, norms),
        b_gate: tf.mul(params.b_gate!, norms),
        b_mag: tf.mul(params.b_mag!, norms),
      };
    });
    for (const [name, value] of Object.entries(folded)) {
      this.setParameter(name, value);
      value.dispose();
    }
  }

  protected architectureConfigDict(): Record<string, unknown> {
    return { l1_coefficient: this.cfg.l1Coefficient, l1_warm_up_steps: this.cfg.l1WarmUpSteps };
  }
}

/** SAELens's base initialisation without `b_enc`, plus zero `b_gate`, `r_mag` and `b_mag`. */
function initGatedWeights(backend: Backend, cfg: GatedSaeConfig, options: GatedSaeOptions): Record<string, Tensor> {
  const { b_enc, ...base } = initBaseWeights(backend, cfg.dIn, cfg.dSae, cfg.decoderInitNorm, initRng(options));
  b_enc.dispose();
  const { tf } = backend;
  return { ...base, b_gate: tf.zeros([cfg.dSae]), r_mag: tf.zeros([cfg.dSae]), b_mag: tf.zeros([cfg.dSae]) };
}
