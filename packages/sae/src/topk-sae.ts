/**
 * The TopK SAE with the AuxK dead-latent loss (SAELens `TopKTrainingSAE`).
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { auxKActivations, auxKGradients } from './auxk';
import type { AuxKBlock } from './auxk';
import { baseShapes, encoderGradients, firingCounts, outputGradients, takeInitialWeights, totalLoss } from './gradient-helpers';
import { initBaseWeights } from './init-weights';
import { assertNumberAtLeast, initRng, resolveBaseConfig } from './sae-config';
import type { SaeBaseConfig, SaeBaseOptions } from './sae-config';
import { selectedLatents, selectionMask, sparseEncoderGradients, sparseFiringCounts, sparseOutputGradients } from './sparse-decode';
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
  /** `x_c·W_enc + b_enc`, before the rescaling that gives `hiddenPre`. */
  readonly pre: Tensor2D;
  /** Decoder-row norms `n` and `1/n`, or null when not rescaling. */
  readonly norms: { readonly n: Tensor1D; readonly inverse: Tensor1D } | null;
}

/** AuxK's part of a step; `dPre` `[batch, C]` covers only `columns` when those are given (`dW_dec` is whole). */
interface AuxKStep {
  readonly loss: Tensor<Rank.R0>;
  readonly dW_dec: Tensor2D;
  readonly db_dec: Tensor1D;
  readonly dPre: Tensor2D;
  readonly columns: Tensor1D | null;
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
    const normPair = norms === null ? null : { n: norms, inverse: tf.reciprocal<Tensor1D>(norms) };
    return { hiddenPre: preScaled, pre, featureActs: tf.mul(tf.relu(preScaled), mask), mask, norms: normPair, selected };
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

  /**
   * AuxK's `kAux`, `scale` and the dead latents' columns, or null when AuxK is 0. Reads the dead
   * mask back (one sync per step, as the count needed).
   */
  #auxSettings(deadMask: Tensor1D | null): AuxSettings | null {
    if (deadMask === null) return null;
    const mask = deadMask.dataSync();
    const deadColumns = Int32Array.from(mask.keys()).filter((column) => mask[column] !== 0);
    const kAux = Math.floor(this.cfg.dIn / 2);
    if (deadColumns.length === 0 || kAux === 0) return null;
    return { kAux: Math.min(kAux, deadColumns.length), scale: Math.min(deadColumns.length / kAux, 1), deadColumns };
  }

  protected auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult, saeOut: Tensor2D): Record<string, Tensor<Rank.R0>> {
    const { tf } = this.backend;
    const settings = this.#auxSettings(input.deadNeuronMask);
    if (settings === null) return { auxiliary_reconstruction_loss: tf.scalar(0) };
    const livePenalty = this.#livePenalty(input.deadNeuronMask!);
    const { acts } = auxKActivations(this.backend, { h: result.hiddenPre, livePenalty }, settings.kAux);
    const residual = tf.sub(input.saeIn, saeOut);
    const recons = this.forwardDecode(params, acts);
    const loss = tf.div<Tensor<Rank.R0>>(tf.sum(tf.squaredDifference(recons, residual)), input.saeIn.shape[0]);
    return { auxiliary_reconstruction_loss: tf.mul(loss, this.cfg.auxLossCoefficient * settings.scale) };
  }

  /** 0 at dead latents, −∞ at live ones. */
  #livePenalty(deadMask: Tensor1D): Tensor1D {
    const { tf } = this.backend;
    return tf.where(deadMask, tf.zeros(deadMask.shape), tf.fill(deadMask.shape, -Infinity));
  }

  /**
   * AuxK's loss and gradients, or null when it is 0: over every latent (live ones masked out)
   * when decoding densely, on the dead latents' columns only when decoding sparsely.
   */
  #auxKStep(params: SaeParams, deadMask: Tensor1D | null, forward: TopKForward, residual: Tensor2D): AuxKStep | null {
    const settings = this.#auxSettings(deadMask);
    if (settings === null) return null;
    const { tf } = this.backend;
    const { kAux, scale, deadColumns } = settings;
    const coefficient = this.cfg.auxLossCoefficient * scale;
    if (forward.selected === null) {
      const block = { h: forward.hiddenPre, W_dec: params.W_dec, norms: forward.norms, livePenalty: this.#livePenalty(deadMask!) };
      return { ...auxKGradients(this.backend, block, residual, params.b_dec, kAux, coefficient), columns: null };
    }
    const columns = tf.tensor1d(deadColumns, 'int32');
    const aux = auxKGradients(this.backend, deadColumnBlock(this.backend, columns, forward.pre, params.W_dec, forward.norms), residual, params.b_dec, kAux, coefficient);
    return { ...aux, dW_dec: tf.scatterND<Rank.R2>(tf.expandDims(columns, 1), aux.dW_dec, params.W_dec.shape), columns };
  }

  protected stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients {
    const { tf } = this.backend;
    const x = input.saeIn;
    const xc = this.processSaeIn(params, x);
    const forward = this.#forward(params, x);
    const { norms, mask, featureActs: z, hiddenPre: h, selected } = forward;
    // Sparse: the kept entries' values stand for z (zero elsewhere) in the statistics below.
    const kept = selected === null ? null : { selected, values: tf.gatherND(z, selected.indices) };
    this.afterTrainingForward(kept?.values ?? z);
    const decoded = norms === null ? z : tf.mul<Tensor2D>(z, norms.inverse);
    const output =
      selected === null ? outputGradients(this.backend, decoded, params.W_dec, params.b_dec, x) : sparseOutputGradients(this.backend, selected, decoded, params.W_dec, params.b_dec, x);
    const extra = this.extraReconstructionGradients(params, decoded, x);
    const aux = this.#auxKStep(params, input.deadNeuronMask, forward, tf.sub(x, output.saeOut));
    const dW_dec = [output.dW_dec, extra?.dW_dec, aux?.dW_dec].filter((t) => t !== undefined).reduce((sum, t) => tf.add(sum, t));
    const db_dec = [output.db_dec, extra?.db_dec, aux?.db_dec].filter((t) => t !== undefined).reduce((sum, t) => tf.add(sum, t));
    const dDecoded = extra === null ? output.dLatents : tf.add<Tensor2D>(output.dLatents, extra.dDecoded);
    // ∂/∂pre = d(decoded)·(1/n)·n where the activation kept h, zero elsewhere. No gradient reaches
    // the norms: decoded = relu(pre·n)·mask/n = relu(pre)·mask, so n only chooses the kept latents.
    const dh = tf.mul<Tensor2D>(norms === null ? dDecoded : tf.mul(dDecoded, norms.inverse), tf.mul(mask, tf.step(h, 0)));
    const dPre = norms === null ? dh : tf.mul<Tensor2D>(dh, norms.n);
    const { applyBDecToInput } = this.cfg;
    const encoder =
      selected === null
        ? encoderGradients(this.backend, xc, aux === null ? dPre : tf.add(dPre, aux.dPre), params.W_enc, applyBDecToInput)
        : sparseEncoderGradients(this.backend, selected, xc, dPre, params.W_enc, applyBDecToInput, aux?.columns ? { columns: aux.columns, dPre: aux.dPre } : undefined);
    const losses: Record<string, Tensor<Rank.R0>> = { mse_loss: output.mse, auxiliary_reconstruction_loss: aux?.loss ?? tf.scalar(0), ...extra?.losses };
    return {
      loss: totalLoss(this.backend, output.mse, losses),
      losses,
      firingCounts: kept === null ? firingCounts(this.backend, z) : sparseFiringCounts(this.backend, kept.selected, kept.values, z.shape[1]),
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

/** What AuxK needs for a step: `k_aux = min(dIn // 2, D)`, `scale = min(D / (dIn // 2), 1)`, the D dead columns. */
interface AuxSettings {
  readonly kAux: number;
  readonly scale: number;
  readonly deadColumns: Int32Array;
}

/** The dead latents' slice of a step for {@link auxKGradients} (inside a tidy). */
function deadColumnBlock(backend: Backend, columns: Tensor1D, pre: Tensor2D, W_dec: Tensor2D, norms: TopKForward['norms']): AuxKBlock {
  const { tf } = backend;
  const preDead = tf.gather<Tensor2D>(pre, columns, 1);
  // Gathering rows with [D, 1] indices by gatherND: on wasm much faster than tf.gather.
  const W_decDead = tf.gatherND(W_dec, tf.expandDims(columns, 1)) as Tensor2D;
  if (norms === null) return { h: preDead, W_dec: W_decDead, norms: null, livePenalty: null };
  const deadNorms = { n: tf.gather<Tensor1D>(norms.n, columns), inverse: tf.gather<Tensor1D>(norms.inverse, columns) };
  // h = pre·n entry by entry, so gathering first gives the same values as gathering h.
  return { h: tf.mul(preDead, deadNorms.n), W_dec: W_decDead, norms: deadNorms, livePenalty: null };
}
