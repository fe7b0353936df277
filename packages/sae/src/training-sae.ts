/**
 * `TrainingSAE`: the parameters, encode/decode and training contract every architecture shares
 * (SAELens `TrainingSAE`).
 */
import { InvalidArgumentError, SynthError } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import type { SaeBaseConfig } from './sae-config';
import { SAE_LENS_FORMAT_VERSION } from './sae-config';
import type { TrainCoefficientConfig, TrainStepGradients, TrainStepInput, TrainStepOutput } from './train-step';

type Variable = ReturnType<Backend['tf']['variable']>;

/** Parameter tensors by SAELens name; every architecture has the four base ones. */
export interface SaeParams {
  readonly W_enc: Tensor2D;
  readonly W_dec: Tensor2D;
  readonly b_enc: Tensor1D;
  readonly b_dec: Tensor1D;
  readonly [name: string]: Tensor;
}

/** The architecture-specific part of a forward pass, computed from explicit parameter tensors. */
export interface ForwardResult {
  readonly featureActs: Tensor2D;
  readonly hiddenPre: Tensor2D;
}

/**
 * Base class of synth's SAEs. Parameters live in TensorFlow.js variables (stable identities:
 * `sae.W_dec` stays the same tensor across training steps).
 *
 * Subclasses implement the forward pass on explicit parameters (so tests can perturb them) and a
 * hand-written gradient of the training loss, which the trainer uses (TF.js autodiff emits
 * transposed matMuls, about 6× slower on wasm; every hand-written gradient is checked against
 * finite differences in the tests).
 */
export abstract class TrainingSAE<Config extends SaeBaseConfig = SaeBaseConfig> {
  /** The backend holding the parameters. */
  readonly backend: Backend;
  /** The validated configuration. */
  readonly cfg: Config;
  readonly #params = new Map<string, Variable>();
  #disposed = false;

  protected constructor(backend: Backend, cfg: Config, initial: Readonly<Record<string, Tensor>>) {
    this.backend = backend;
    this.cfg = cfg;
    backend.activate();
    for (const [name, tensor] of Object.entries(initial)) {
      this.#params.set(name, backend.tf.variable(tensor, true));
      tensor.dispose();
    }
  }

  /** SAELens's architecture name (`standard`, `topk`, …). */
  abstract get architecture(): string;

  /** Encoder weights `[dIn, dSae]`. */
  get W_enc(): Tensor2D {
    return this.#param('W_enc') as Tensor2D;
  }

  /** Decoder weights `[dSae, dIn]`. */
  get W_dec(): Tensor2D {
    return this.#param('W_dec') as Tensor2D;
  }

  /** Encoder bias `[dSae]`. */
  get b_enc(): Tensor1D {
    return this.#param('b_enc') as Tensor1D;
  }

  /** Decoder bias `[dIn]`. */
  get b_dec(): Tensor1D {
    return this.#param('b_dec') as Tensor1D;
  }

  /**
   * Every trainable parameter by SAELens name (the variables themselves; do not dispose them).
   *
   * @example
   * ```ts
   * for (const [name, tensor] of Object.entries(sae.parameters())) console.log(name, tensor.shape);
   * ```
   * @throws SynthError after {@link TrainingSAE.dispose}.
   */
  parameters(): SaeParams {
    this.#assertLive();
    return Object.fromEntries(this.#params) as unknown as SaeParams;
  }

  /**
   * Replaces a parameter's value (same shape).
   *
   * @example
   * ```ts
   * sae.setParameter('b_dec', backend.tf.zeros([sae.cfg.dIn]));
   * ```
   * @throws InvalidArgumentError for an unknown name or a tensor of another shape.
   */
  setParameter(name: string, value: Tensor): void {
    const variable = this.#param(name);
    if (value.shape.length !== variable.shape.length || value.shape.some((d, i) => d !== variable.shape[i])) {
      throw new InvalidArgumentError(name, `a tensor of shape [${variable.shape.join(', ')}]`, value.shape);
    }
    this.backend.activate();
    variable.assign(value.dtype === 'float32' ? value : this.backend.tf.cast(value, 'float32'));
  }

  /**
   * Folds an input scaling factor `s` into the weights (SAELens
   * `fold_activation_norm_scaling_factor`): an SAE trained on `s·x` then works on raw `x`, since
   * `(s·x − b_dec)·W_enc = (x − b_dec/s)·(s·W_enc)` and its decoded `s·x̂` divided by `s` is
   * `z·(W_dec/s) + b_dec/s`. So `W_enc ·= s`, `W_dec /= s`, `b_dec /= s`.
   *
   * @example
   * ```ts
   * sae.foldActivationNormScalingFactor(trainer.activationScalingFactor);
   * ```
   * @throws InvalidArgumentError unless `s` is a finite number > 0.
   */
  foldActivationNormScalingFactor(s: number): void {
    if (!(s > 0 && Number.isFinite(s))) throw new InvalidArgumentError('scalingFactor', 'a finite number > 0', s);
    const { tf } = this.backend;
    const params = this.parameters();
    const folded = this.backend.tidy(() => ({ W_enc: tf.mul(params.W_enc, s), W_dec: tf.div(params.W_dec, s), b_dec: tf.div(params.b_dec, s) }));
    for (const [name, value] of Object.entries(folded)) {
      this.setParameter(name, value);
      value.dispose();
    }
  }

  /**
   * Training state that lives outside the parameters (BatchTopK's threshold), for checkpoints.
   *
   * @example
   * ```ts
   * const scalars = sae.trainingScalars(); // {} for most architectures
   * ```
   */
  trainingScalars(): Record<string, number> {
    return {};
  }

  /**
   * Restores what {@link trainingScalars} returned.
   *
   * @throws InvalidArgumentError for a name this architecture does not have.
   */
  setTrainingScalars(scalars: Readonly<Record<string, number>>): void {
    const [name] = Object.keys(scalars);
    if (name !== undefined) throw new InvalidArgumentError(name, 'a training scalar of this architecture', scalars[name]);
  }

  /** `x − b_dec` when `applyBDecToInput`, else `x` (SAELens `process_sae_in`). */
  protected processSaeIn(params: SaeParams, x: Tensor2D): Tensor2D {
    return this.cfg.applyBDecToInput ? this.backend.tf.sub(x, params.b_dec) : x;
  }

  /** Latents and pre-activations for `x`, from explicit parameters (inside a tidy). */
  protected abstract forwardEncode(params: SaeParams, x: Tensor2D): ForwardResult;

  /** Reconstruction from latents, from explicit parameters (inside a tidy). */
  protected forwardDecode(params: SaeParams, featureActs: Tensor2D): Tensor2D {
    const { tf } = this.backend;
    return tf.add(tf.matMul(featureActs, params.W_dec), params.b_dec);
  }

  /** Auxiliary losses of a forward pass (inside a tidy). */
  protected abstract auxLosses(params: SaeParams, input: TrainStepInput, result: ForwardResult, saeOut: Tensor2D): Record<string, Tensor<Rank.R0>>;

  /**
   * Loss and hand-written gradients of one training step, plus which latents fired. Runs
   * inside a tidy; the caller disposes the result. May update non-gradient state (BatchTopK's
   * threshold), as SAELens's `training_forward_pass` does.
   */
  protected abstract stepGradients(params: SaeParams, input: TrainStepInput): TrainStepGradients;

  /**
   * Coefficients the trainer schedules, by name (`l1` for standard).
   *
   * @example
   * ```ts
   * const { l1 } = sae.getCoefficients(); // { value: 1, warmUpSteps: 0 }
   * ```
   */
  abstract getCoefficients(): Readonly<Record<string, TrainCoefficientConfig>>;

  /**
   * Latents `[batch, dSae]` for `x` `[batch, dIn]`.
   *
   * @example
   * ```ts
   * const z = sae.encode(x);
   * ```
   * @throws InvalidArgumentError unless `x` is a float32 `[batch, dIn]` tensor; SynthError after dispose.
   */
  encode(x: Tensor2D): Tensor2D {
    const [featureActs, hiddenPre] = this.encodeWithHiddenPre(x);
    hiddenPre.dispose();
    return featureActs;
  }

  /**
   * `[latents, hiddenPre]` for `x` (the caller disposes both).
   *
   * @example
   * ```ts
   * const [z, pre] = sae.encodeWithHiddenPre(x);
   * ```
   * @throws InvalidArgumentError unless `x` is a float32 `[batch, dIn]` tensor; SynthError after dispose.
   */
  encodeWithHiddenPre(x: Tensor2D): [Tensor2D, Tensor2D] {
    this.#assertInput('x', x, this.cfg.dIn);
    const params = this.parameters();
    return this.backend.tidy(() => {
      const { featureActs, hiddenPre } = this.forwardEncode(params, x);
      return [featureActs, hiddenPre];
    });
  }

  /**
   * Reconstruction `[batch, dIn]` from latents `[batch, dSae]`.
   *
   * @example
   * ```ts
   * const xHat = sae.decode(sae.encode(x));
   * ```
   * @throws InvalidArgumentError unless `z` is a float32 `[batch, dSae]` tensor; SynthError after dispose.
   */
  decode(z: Tensor2D): Tensor2D {
    this.#assertInput('z', z, this.cfg.dSae);
    const params = this.parameters();
    return this.backend.tidy(() => this.forwardDecode(params, z));
  }

  /**
   * The full training forward pass: latents, reconstruction, `mse_loss = mean_b Σ_d (x̂ − x)²`
   * and the architecture's auxiliary losses (SAELens `training_forward_pass`). Does not change
   * any state. The caller disposes the returned tensors (except `saeIn`, which is the input).
   *
   * @example
   * ```ts
   * const out = sae.trainingForwardPass({ saeIn: x, coefficients: { l1: 5e-2 }, deadNeuronMask: null, nTrainingSteps: 0 });
   * console.log(out.loss.dataSync()[0]);
   * ```
   * @throws InvalidArgumentError for a bad batch or a missing coefficient; SynthError after dispose.
   */
  trainingForwardPass(input: TrainStepInput): TrainStepOutput {
    this.#checkStepInput(input);
    const params = this.parameters();
    const { tf } = this.backend;
    const out = this.backend.tidy(() => {
      const result = this.forwardEncode(params, input.saeIn);
      const saeOut = this.forwardDecode(params, result.featureActs);
      const mse = tf.div<Tensor<Rank.R0>>(tf.sum(tf.squaredDifference(saeOut, input.saeIn)), input.saeIn.shape[0]);
      const aux = this.auxLosses(params, input, result, saeOut);
      this.afterTrainingForward(result.featureActs);
      let loss: Tensor<Rank.R0> = mse;
      for (const value of Object.values(aux)) loss = tf.add(loss, value);
      return { saeOut, featureActs: result.featureActs, hiddenPre: result.hiddenPre, loss, losses: { mse_loss: mse, ...aux } };
    });
    return { saeIn: input.saeIn, ...out, metrics: this.stepMetrics() };
  }

  /**
   * Updates state that follows the training activations (BatchTopK's threshold); inside a tidy.
   * `latents` is the `[batch, dSae]` activation or, when decoding sparsely, the kept entries'
   * values (the rest are zeros).
   */
  protected afterTrainingForward(latents: Tensor): void {
    void latents;
  }

  /** Extra readings reported with a step (BatchTopK's threshold). */
  protected stepMetrics(): Record<string, number> {
    return {};
  }

  /**
   * Loss, its parts, the fired-latents mask and hand-written gradients for one step (what the
   * trainer calls). The caller disposes every tensor returned.
   *
   * @example
   * ```ts
   * const step = sae.computeGradients({ saeIn: x, coefficients: { l1: 1 }, deadNeuronMask: null, nTrainingSteps: 0 });
   * ```
   * @throws InvalidArgumentError for a bad batch or a missing coefficient; SynthError after dispose.
   */
  computeGradients(input: TrainStepInput): TrainStepGradients {
    this.#checkStepInput(input);
    const params = this.parameters();
    return this.backend.tidy(() => this.stepGradients(params, input) as unknown as Record<string, Tensor>) as unknown as TrainStepGradients;
  }

  /**
   * Fold the decoder row norms into the encoder (SAELens `fold_W_dec_norm`): `W_dec` rows become
   * unit vectors, `W_enc` columns and `b_enc` scale by the norms.
   *
   * @example
   * ```ts
   * sae.foldWDecNorm();
   * ```
   * @throws SynthError after dispose.
   */
  foldWDecNorm(): void {
    const { tf } = this.backend;
    const params = this.parameters();
    const folded = this.backend.tidy(() => foldNorms(this.backend, params));
    for (const [name, value] of Object.entries(folded)) {
      this.setParameter(name, value);
      value.dispose();
    }
    void tf;
  }

  /**
   * Weights for `sae_weights.safetensors` of a training checkpoint (SAELens `save_model`), as
   * host arrays by tensor name.
   *
   * @example
   * ```ts
   * const tensors = sae.stateDict();
   * ```
   * @throws SynthError after dispose.
   */
  stateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    const out: Record<string, { shape: number[]; data: Float32Array | Float64Array }> = {};
    for (const [name, variable] of Object.entries(this.parameters())) {
      out[name] = { shape: [...variable.shape], data: variable.dataSync() as Float32Array };
    }
    return out;
  }

  /**
   * Weights for an inference save (SAELens `save_inference_model`): architectures that fold
   * norms or convert thresholds override this.
   *
   * @example
   * ```ts
   * const tensors = sae.inferenceStateDict();
   * ```
   * @throws SynthError after dispose.
   */
  inferenceStateDict(): Record<string, { shape: number[]; data: Float32Array | Float64Array }> {
    return this.stateDict();
  }

  /** Architecture-specific config keys, snake_case, in SAELens's field order. */
  protected abstract architectureConfigDict(): Record<string, unknown>;

  /**
   * `cfg.json` of a training checkpoint, with SAELens's keys (`TrainingSAEConfig.to_dict`).
   *
   * @example
   * ```ts
   * console.log(sae.configDict().architecture);
   * ```
   */
  configDict(): Record<string, unknown> {
    return {
      ...this.#baseConfigDict(),
      decoder_init_norm: this.cfg.decoderInitNorm,
      ...this.architectureConfigDict(),
      architecture: this.architecture,
    };
  }

  /**
   * `cfg.json` of an inference save (`get_inference_sae_cfg_dict`).
   *
   * @example
   * ```ts
   * console.log(sae.inferenceConfigDict().architecture);
   * ```
   */
  inferenceConfigDict(): Record<string, unknown> {
    return { ...this.#baseConfigDict(), ...this.inferenceArchitectureConfigDict(), architecture: this.inferenceArchitecture };
  }

  /** Architecture name of the inference save (BatchTopK saves as `jumprelu`). */
  protected get inferenceArchitecture(): string {
    return this.architecture;
  }

  /** Architecture-specific keys of the inference config (none by default). */
  protected inferenceArchitectureConfigDict(): Record<string, unknown> {
    return {};
  }

  #baseConfigDict(): Record<string, unknown> {
    const { cfg } = this;
    return {
      d_in: cfg.dIn,
      d_sae: cfg.dSae,
      dtype: cfg.dtype,
      device: cfg.device,
      apply_b_dec_to_input: cfg.applyBDecToInput,
      normalize_activations: cfg.normalizeActivations,
      reshape_activations: 'none',
      metadata: { sae_lens_version: SAE_LENS_FORMAT_VERSION, sae_lens_training_version: SAE_LENS_FORMAT_VERSION },
    };
  }

  /** True once {@link TrainingSAE.dispose} has run. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Frees the parameters. Safe to call twice.
   *
   * @example
   * ```ts
   * sae.dispose();
   * ```
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const variable of this.#params.values()) variable.dispose();
    this.#params.clear();
    this.disposeState();
  }

  /** Frees architecture state that is not a parameter. */
  protected disposeState(): void {}

  #param(name: string): Variable {
    this.#assertLive();
    const variable = this.#params.get(name);
    if (variable === undefined) throw new InvalidArgumentError('name', `one of ${[...this.#params.keys()].join(', ')}`, name);
    return variable;
  }

  #assertLive(): void {
    if (this.#disposed) throw new SynthError(`This ${this.architecture} SAE has been disposed.`);
  }

  #assertInput(parameter: string, x: Tensor2D, width: number): void {
    this.#assertLive();
    const { tf } = this.backend;
    const ok = x instanceof tf.Tensor && !x.isDisposed && x.dtype === 'float32' && x.rank === 2 && x.shape[1] === width;
    if (!ok) throw new InvalidArgumentError(parameter, `a live float32 tensor of shape [batch, ${width}]`, x);
  }

  #checkStepInput(input: TrainStepInput): void {
    this.#assertInput('saeIn', input.saeIn, this.cfg.dIn);
    for (const name of Object.keys(this.getCoefficients())) {
      const value = input.coefficients[name];
      if (!(typeof value === 'number' && Number.isFinite(value))) {
        throw new InvalidArgumentError(`coefficients.${name}`, 'a finite number', value);
      }
    }
    const mask = input.deadNeuronMask;
    if (mask !== null && !(mask.rank === 1 && mask.shape[0] === this.cfg.dSae && mask.dtype === 'bool')) {
      throw new InvalidArgumentError('deadNeuronMask', `null or a bool tensor of shape [${this.cfg.dSae}]`, mask);
    }
  }
}

/** Row norms of `W_dec` `[dSae]` (inside a tidy). */
export function decoderNorms(backend: Backend, W_dec: Tensor2D): Tensor1D {
  const { tf } = backend;
  return tf.sqrt(tf.sum<Tensor1D>(tf.square(W_dec), 1));
}

/** `{W_enc, W_dec, b_enc}` with the decoder norms (clamped at 1e-8) folded in (inside a tidy). */
export function foldNorms(backend: Backend, params: SaeParams): { W_enc: Tensor2D; W_dec: Tensor2D; b_enc: Tensor1D } {
  const { tf } = backend;
  const norms = tf.maximum(decoderNorms(backend, params.W_dec), 1e-8);
  return {
    W_dec: tf.div(params.W_dec, tf.expandDims(norms, 1)),
    W_enc: tf.mul(params.W_enc, norms),
    b_enc: tf.mul(params.b_enc, norms),
  };
}
