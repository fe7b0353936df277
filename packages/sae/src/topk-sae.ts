/**
 * The TopK SAE with the AuxK dead-latent loss (SAELens `TopKTrainingSAE`).
 */
import { InvalidArgumentError, assertInteger, matMulTransposeA, matMulTransposeB } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { baseShapes, columnSums, encoderGradients, firingCounts, outputGradients, takeInitialWeights, totalLoss } from './gradient-helpers';
import { initBaseWeights } from './init-weights';
import { assertNumberAtLeast, initRng, resolveBaseConfig } from './sae-config';
import type { SaeBaseConfig, SaeBaseOptions } from './sae-config';
import { selectedLatents, selectionMask, sparseEncoderGradients, sparseOutputGradients } from './sparse-decode';
import type { SelectedLatents } from './sparse-decode';
import { rowTopKMask } from './topk-mask';
import type { TrainCoefficientConfig, TrainStepGradients, TrainStepInput } from './train-step';
import { TrainingSAE, decoderNorms, foldNorms } from './training-sae';
import type { ForwardResult, SaeParams } from './training-sae';

/** Options of {@link TopKTrainingSAE} (SAELens `TopKTrainingSAEConfig`). */
export interface TopKSaeOptions extends SaeBaseOptions {
  /** Latents kept per row (default 100; must be <= dSae). */
  readonly k?: number;
  /** Weight of the AuxK loss (default 1.0). */
  readonly auxLossCoefficient?: number;
  /** Rank latents by `pre·‖W_dec row‖` and divide by the norm when decoding (default true). */
  readonly rescaleActsByDecoderNorm?: boolean;
  /**
   * Decode the kept latents sparsely in training steps: the decoder, its gradients,
   * `∂/∂latents` and (while AuxK is inactive) `∂/∂W_enc` cost O(kept·dIn) instead of
   * O(batch·dSae·dIn) (default false).
   */
  readonly useSparseActivations?: boolean;
}

/** Validated {@link TopKSaeOptions}. */
export interface TopKSaeConfig extends SaeBaseConfig {
  readonly k: number;
  readonly auxLossCoefficient: number;
  readonly rescaleActsByDecoderNorm: boolean;
  readonly useSparseActivations: boolean;
}

/** Losses on extra reconstructions of the decoded latents, and their gradients (inside a tidy). */
export interface ExtraReconstructionGradients {
  readonly losses: Record<string, Tensor<Rank.R0>>;
  /** `∂/∂decoded` `[batch, dSae]`. */
  readonly dDecoded: Tensor2D;
  readonly dW_dec: Tensor2D;
  readonly db_dec: Tensor1D;
}

/** The latents, the pre-activations and the mask the activation kept. */
interface TopKForward extends ForwardResult {
  readonly mask: Tensor2D;
  /** The kept entries, when decoding sparsely. */
  readonly selected: SelectedLatents | null;
  readonly preScaled: Tensor2D;
  readonly norms: Tensor1D | null;
}

/** Shared validation of the TopK family's options. */
export function resolveTopKConfig(options: TopKSaeOptions, k: number): TopKSaeConfig {
  const base = resolveBaseConfig(options);
  const auxLossCoefficient = options.auxLossCoefficient ?? 1.0;
  assertNumberAtLeast('auxLossCoefficient', auxLossCoefficient, 0);
  const rescaleActsByDecoderNorm = options.rescaleActsByDecoderNorm ?? true;
  if (typeof rescaleActsByDecoderNorm !== 'boolean') throw new InvalidArgumentError('rescaleActsByDecoderNorm', 'a boolean', rescaleActsByDecoderNorm);
  const useSparseActivations = options.useSparseActivations ?? false;
  if (typeof useSparseActivations !== 'boolean') throw new InvalidArgumentError('useSparseActivations', 'a boolean', useSparseActivations);
  return { ...base, k, auxLossCoefficient, rescaleActsByDecoderNorm, useSparseActivations };
}

/**
 * `h = (x_c·W_enc + b_enc)·‖W_dec rows‖` (when rescaling), keep the top k of each row, ReLU;
 * decode divides by the norms again. The loss adds AuxK: with `D` dead latents (from the
 * trainer's mask), `k_aux = dIn // 2`, `scale = min(D/k_aux, 1)`, the top `min(k_aux, D)` raw
 * `h` among dead latents are decoded and fit to the detached residual `x − x̂`:
 * `auxiliary_reconstruction_loss = coef·scale·mean_b Σ_d (decode(aux) − residual)²`.
 *
 * @remarks `k` must be an integer in [1, dSae] (torch would fail later, in topk). With `dIn = 1`
 * AuxK is 0 (SAELens divides by `k_aux = 0`). With `useSparseActivations`, exactly k entries
 * per row are kept (torch.topk's rule; the dense path keeps every entry tied with the k-th) and
 * training steps decode with gathers and scatter-adds; `encode`/`decode` stay dense.
 * @example
 * ```ts
 * const sae = new TopKTrainingSAE(backend, { dIn: 32, dSae: 64, k: 4 });
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export class TopKTrainingSAE<Config extends TopKSaeConfig = TopKSaeConfig> extends TrainingSAE<Config> {
  /**
   * @param weights optional starting values by SAELens name (copied).
   * @throws InvalidArgumentError naming the option that breaks a rule.
   */
  constructor(backend: Backend, options: TopKSaeOptions, weights?: Readonly<Record<string, Tensor>>, cfg?: Config) {
    const resolved = cfg ?? (resolveTopKConfig(options, validateK(options)) as Config);
    super(backend, resolved, takeInitialWeights(backend, baseShapes(resolved), weights, () => initBaseWeights(backend, resolved.dIn, resolved.dSae, resolved.decoderInitNorm, initRng(options))));
  }

  /** `'topk'`. */
  get architecture(): string {
    return 'topk';
  }

  /**
   * None: TopK schedules no coefficient.
   *
   * @example
   * ```ts
   * sae.getCoefficients(); // {}
   * ```
   */
  getCoefficients(): Readonly<Record<string, TrainCoefficientConfig>> {
    return {};
  }

  /** The activation's keep-mask for (rescaled) pre-activations. */
  protected activationMask(preScaled: Tensor2D): Tensor2D {
    return rowTopKMask(this.backend, preScaled, this.cfg.k);
  }

  /** The kept entries for sparse decoding (the k largest of each row), or null to decode densely. */
  protected activationIndices(preScaled: Tensor2D): SelectedLatents | null {
    const { tf } = this.backend;
    const [batch] = preScaled.shape;
    const { k } = this.cfg;
    const rows = tf.reshape<Rank.R1>(tf.tile(tf.expandDims(tf.range(0, batch, 1, 'int32'), 1), [1, k]), [batch * k]);
    return selectedLatents(this.backend, rows, tf.reshape(tf.topk(preScaled, k, true).indices, [batch * k]));
  }

  #forward(params: SaeParams, x: Tensor2D): TopKForward {
    const { tf } = this.backend;
    const pre = tf.add<Tensor2D>(tf.matMul(this.processSaeIn(params, x), params.W_enc), params.b_enc);
    const norms = this.cfg.rescaleActsByDecoderNorm ? decoderNorms(this.backend, params.W_dec) : null;
    const preScaled = norms === null ? pre : tf.mul<Tensor2D>(pre, norms);
    const selected = this.cfg.useSparseActivations ? this.activationIndices(preScaled) : null;
    const mask = selected === null ? this.activationMask(preScaled) : selectionMask(this.backend, selected, preScaled.shape);
    return { hiddenPre: preScaled, preScaled: pre, featureActs: tf.mul(tf.relu(preScaled), mask), mask, norms, selected };
  }

  protected forwardEncode(params: SaeParams, x: Tensor2D): ForwardResult {
    const { featureActs, hiddenPre } = this.#forward(params, x);
    return { featureActs, hiddenPre };
  }

  protected override forwardDecode(params: SaeParams, featureActs: Tensor2D): Tensor2D {
    const { tf } = this.backend;
    const scaled = this.cfg.rescaleActsByDecoderNorm ? tf.mul<Tensor2D>(featureActs, tf.reciprocal(decoderNorms(this.backend, params.W_dec))) : featureActs;
    return tf.add(tf.matMul(scaled, params.W_dec), params.b_dec);
  }

  /** `[k_aux, scale]` for the dead mask, or null when AuxK is 0. Reads the dead count back. */
  #auxSettings(deadMask: Tensor1D | null): [number, number] | null {
    if (deadMask === null) return null;
    const count = this.backend.tidy(() => this.backend.tf.sum(this.backend.tf.cast(deadMask, 'int32')));
    const numDead = count.dataSync()[0]!;
    count.dispose();
    const kAux = Math.floor(this.cfg.dIn / 2);
    if (numDead === 0 || kAux === 0) return null;
    return [Math.min(kAux, numDead), Math.min(numDead / kAux, 1)];
  }

  /** Activations of the top `kAux` dead latents (raw `h`, not ReLU'd) and their mask. */
  #auxActs(hiddenPre: Tensor2D, deadMask: Tensor1D, kAux: number): [Tensor2D, Tensor2D] {
    const { tf } = this.backend;
    const candidates = tf.where<Tensor2D>(tf.broadcastTo(deadMask, hiddenPre.shape), hiddenPre, tf.fill(hiddenPre.shape, -Infinity));
    const mask = rowTopKMask(this.backend, candidates, kAux);
    return [tf.mul(hiddenPre, mask), mask];
  }

  protected auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult, saeOut: Tensor2D): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const settings = this.#auxSettings(input.deadNeuronMask);
    if (settings === null) return { auxiliary_reconstruction_loss: tf.scalar(0) };
    const [kAux, scale] = settings;
    const [auxActs] = this.#auxActs(result.hiddenPre, input.deadNeuronMask!, kAux);
    const residual = tf.sub(input.saeIn, saeOut);
    const recons = this.forwardDecode(params, auxActs);
    const loss = tf.div<Tensor<Rank.R0>>(tf.sum(tf.squaredDifference(recons, residual)), input.saeIn.shape[0]);
    return { auxiliary_reconstruction_loss: tf.mul(loss, this.cfg.auxLossCoefficient * scale) };
  }

  protected stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients {
    const { tf } = this.backend;
    const x = input.saeIn;
    const batch = x.shape[0];
    const xc = this.processSaeIn(params, x);
    const forward = this.#forward(params, x);
    const { norms, mask, featureActs: z, hiddenPre: h, preScaled: pre, selected } = forward;
    this.afterTrainingForward(z);
    const inverseNorms = norms === null ? null : tf.reciprocal(norms);
    const decoded = inverseNorms === null ? z : tf.mul<Tensor2D>(z, inverseNorms);
    const output =
      selected === null ? outputGradients(this.backend, decoded, params.W_dec, params.b_dec, x) : sparseOutputGradients(this.backend, selected, decoded, params.W_dec, params.b_dec, x);
    const extra = this.extraReconstructionGradients(params, decoded, x);
    let dW_dec = extra === null ? output.dW_dec : tf.add<Tensor2D>(output.dW_dec, extra.dW_dec);
    let db_dec = extra === null ? output.db_dec : tf.add<Tensor1D>(output.db_dec, extra.db_dec);
    const dDecoded = extra === null ? output.dLatents : tf.add<Tensor2D>(output.dLatents, extra.dDecoded);
    // d(decoded) → dz (÷ n) and d(1/n) = Σ_b d(decoded)·z.
    let dInverseNorms = inverseNorms === null ? null : columnSums(this.backend, tf.mul(dDecoded, z));
    const dz = inverseNorms === null ? dDecoded : tf.mul<Tensor2D>(dDecoded, inverseNorms);
    let dh = tf.mul<Tensor2D>(dz, tf.mul(mask, tf.step(h, 0)));
    const losses: Record<string, Tensor<Rank.R0>> = { mse_loss: output.mse };
    const settings = this.#auxSettings(input.deadNeuronMask);
    if (settings === null) {
      losses.auxiliary_reconstruction_loss = tf.scalar(0);
    } else {
      const [kAux, scale] = settings;
      const [auxActs, auxMask] = this.#auxActs(h, input.deadNeuronMask!, kAux);
      const auxDecoded = inverseNorms === null ? auxActs : tf.mul<Tensor2D>(auxActs, inverseNorms);
      const residual = tf.sub(x, output.saeOut);
      const error = tf.sub<Tensor2D>(tf.add(tf.matMul(auxDecoded, params.W_dec), params.b_dec), residual);
      const coefficient = this.cfg.auxLossCoefficient * scale;
      losses.auxiliary_reconstruction_loss = tf.mul(tf.div(tf.sum(tf.square(error)), batch), coefficient);
      const dRecons = tf.mul<Tensor2D>(error, (2 * coefficient) / batch);
      dW_dec = tf.add(dW_dec, matMulTransposeA(this.backend, auxDecoded, dRecons));
      db_dec = tf.add(db_dec, columnSums(this.backend, dRecons));
      const dAuxDecoded = matMulTransposeB(this.backend, dRecons, params.W_dec);
      const dAux = inverseNorms === null ? dAuxDecoded : tf.mul<Tensor2D>(dAuxDecoded, inverseNorms);
      if (dInverseNorms !== null) dInverseNorms = tf.add<Tensor1D>(dInverseNorms, tf.sum(tf.mul(dAuxDecoded, auxActs), 0));
      dh = tf.add(dh, tf.mul(dAux, auxMask));
    }
    let dPre = dh;
    if (norms !== null && inverseNorms !== null && dInverseNorms !== null) {
      dPre = tf.mul(dh, norms);
      // n from h = pre·n, and 1/n from decoding: dn = Σ_b dh·pre − d(1/n)/n².
      const dNorms = tf.sub(tf.sum(tf.mul(dh, pre), 0), tf.mul(dInverseNorms, tf.square(inverseNorms)));
      dW_dec = tf.add(dW_dec, tf.mul(params.W_dec, tf.expandDims(tf.mul(dNorms, inverseNorms), 1)));
    }
    // AuxK adds entries outside the selection to dPre; without it dPre lives on the selection.
    const encoder =
      selected === null || settings !== null
        ? encoderGradients(this.backend, xc, dPre, params.W_enc, this.cfg.applyBDecToInput)
        : sparseEncoderGradients(this.backend, selected, xc, dPre, params.W_enc, this.cfg.applyBDecToInput);
    if (extra !== null) Object.assign(losses, extra.losses);
    const loss = totalLoss(this.backend, output.mse, losses);
    return {
      loss,
      losses,
      firingCounts: firingCounts(this.backend, z),
      grads: { W_enc: encoder.dW_enc, W_dec: dW_dec, b_enc: encoder.db_enc, b_dec: tf.add(db_dec, encoder.db_decFromInput) },
    };
  }

  /**
   * Extra reconstructions of the decoded latents (`z`, divided by the decoder norms when
   * rescaling), with their losses and gradients: Matryoshka's inner MSEs. None for TopK.
   */
  protected extraReconstructionGradients(params: SaeParams, decoded: Tensor2D, x: Tensor2D): ExtraReconstructionGradients | null {
    void params;
    void decoded;
    void x;
    return null;
  }

  /**
   * Inference weights: decoder norms folded into the encoder when rescaling (SAELens
   * `process_state_dict_for_saving_inference`).
   *
   * @example
   * ```ts
   * const tensors = sae.inferenceStateDict();
   * ```
   */
  override inferenceStateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    const state = this.stateDict();
    if (!this.cfg.rescaleActsByDecoderNorm) return state;
    const folded = this.backend.tidy(() => foldNorms(this.backend, this.parameters()));
    for (const [name, tensor] of Object.entries(folded)) {
      state[name] = { shape: [...tensor.shape], data: tensor.dataSync() as Float32Array };
      tensor.dispose();
    }
    return state;
  }

  protected architectureConfigDict(): Record<string, unknown> {
    const { cfg } = this;
    return { k: cfg.k, use_sparse_activations: cfg.useSparseActivations, aux_loss_coefficient: cfg.auxLossCoefficient, rescale_acts_by_decoder_norm: cfg.rescaleActsByDecoderNorm };
  }

  protected override inferenceArchitectureConfigDict(): Record<string, unknown> {
    return { k: this.cfg.k, rescale_acts_by_decoder_norm: this.cfg.rescaleActsByDecoderNorm };
  }
}

function validateK(options: TopKSaeOptions): number {
  const k = options.k ?? 100;
  assertInteger('dSae', options.dSae, 1);
  assertInteger('k', k, 1, options.dSae);
  return k;
}
