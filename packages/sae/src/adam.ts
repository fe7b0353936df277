/**
 * `torch.optim.Adam` over a set of named parameters, with `clip_grad_norm_` before each update.
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import { assertNumberAtLeast } from './sae-config';
import type { Backend, Rank, Tensor } from '@synth/core';

type Variable = ReturnType<Backend['tf']['variable']>;

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** First-moment decay (default 0.9). */
  readonly beta1?: number;
  /** Second-moment decay (default 0.999). */
  readonly beta2?: number;
  /** Added after the square root of the bias-corrected second moment (default 1e-8). */
  readonly eps?: number;
  /** Global gradient-norm clip applied before every update (default 1.0; `null` disables it). */
  readonly maxGradNorm?: number | null;
}

/**
 * Adam exactly in torch's order of operations (single-tensor path, no weight decay):
 * `m ← m + (1 − β₁)(g − m)`, `v ← β₂v + (1 − β₂)g²`,
 * `p ← p − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + eps)`; bias corrections in float64 on the host.
 * Before the update, gradients are scaled by `min(1, maxGradNorm/(‖g‖ + 1e-6))` where `‖g‖` is
 * the global 2-norm over all parameters (torch `clip_grad_norm_`), on the device (no sync).
 *
 * @example
 * ```ts
 * const adam = new Adam(backend, sae.parameters());
 * adam.step(grads, 3e-4);
 * adam.dispose();
 * ```
 * @throws InvalidArgumentError for betas outside [0, 1), a negative eps or clip.
 */
export class Adam {
  readonly backend: Backend;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly maxGradNorm: number | null;
  readonly #params: Readonly<Record<string, Variable>>;
  readonly #firstMoment = new Map<string, Tensor>();
  readonly #secondMoment = new Map<string, Tensor>();
  #stepCount = 0;

  constructor(backend: Backend, params: Readonly<Record<string, Tensor>>, options: AdamOptions = {}) {
    this.backend = backend;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.maxGradNorm = options.maxGradNorm === undefined ? 1.0 : options.maxGradNorm;
    assertBeta('adamBeta1', this.beta1);
    assertBeta('adamBeta2', this.beta2);
    assertNumberAtLeast('eps', this.eps, 0);
    if (this.maxGradNorm !== null) assertNumberAtLeast('maxGradNorm', this.maxGradNorm, 0, true);
    this.#params = params as Readonly<Record<string, Variable>>;
    backend.activate();
    for (const [name, param] of Object.entries(params)) {
      this.#firstMoment.set(name, backend.tf.zerosLike(param));
      this.#secondMoment.set(name, backend.tf.zerosLike(param));
    }
  }

  /** Updates taken so far. */
  get stepCount(): number {
    return this.#stepCount;
  }

  /**
   * The step count and both moments of every parameter, as host arrays (for checkpoints).
   *
   * @example
   * ```ts
   * const { stepCount, moments } = adam.exportState(); // moments['m:W_enc'], moments['v:W_enc'], …
   * ```
   */
  exportState(): { stepCount: number; moments: Record<string, { shape: number[]; data: Float32Array }> } {
    const moments: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [prefix, map] of [['m', this.#firstMoment], ['v', this.#secondMoment]] as const) {
      for (const [name, tensor] of map) moments[`${prefix}:${name}`] = { shape: [...tensor.shape], data: Float32Array.from(tensor.dataSync()) };
    }
    return { stepCount: this.#stepCount, moments };
  }

  /**
   * Restores what {@link exportState} returned.
   *
   * @throws InvalidArgumentError for a missing moment or one of the wrong size.
   */
  importState(state: { stepCount: number; moments: Readonly<Record<string, { shape: readonly number[]; data: Float32Array }>> }): void {
    assertInteger('stepCount', state.stepCount, 0);
    for (const [prefix, map] of [['m', this.#firstMoment], ['v', this.#secondMoment]] as const) {
      for (const [name, tensor] of map) {
        const saved = state.moments[`${prefix}:${name}`];
        if (saved === undefined || saved.data.length !== tensor.size) throw new InvalidArgumentError(`moments['${prefix}:${name}']`, `${tensor.size} values`, saved?.data);
        this.backend.activate();
        const restored = this.backend.tf.tensor(saved.data, tensor.shape, 'float32');
        tensor.dispose();
        map.set(name, restored);
      }
    }
    this.#stepCount = state.stepCount;
  }

  /**
   * Clips `grads` (by global norm) and applies one Adam update at learning rate `lr`. Returns the
   * global gradient norm before clipping as a scalar tensor the caller disposes.
   *
   * @example
   * ```ts
   * adam.step(step.grads, lrAt(n)).dispose();
   * ```
   */
  step(grads: Readonly<Record<string, Tensor>>, lr: number): Tensor<Rank.R0> {
    const { tf } = this.backend;
    this.#stepCount++;
    const t = this.#stepCount;
    const stepSize = lr / (1 - this.beta1 ** t);
    const biasCorrection2Sqrt = Math.sqrt(1 - this.beta2 ** t);
    const names = Object.keys(this.#params);
    const [norm, updates] = this.backend.tidy(() => {
      const squares = names.map((name) => tf.sum(tf.square(grads[name]!)));
      const totalNorm = tf.sqrt(squares.length === 1 ? squares[0]! : tf.addN(squares));
      const scale = this.maxGradNorm === null ? null : tf.minimum(tf.div(this.maxGradNorm, tf.add(totalNorm, 1e-6)), 1);
      const out: Record<string, Tensor> = {};
      for (const name of names) {
        const g = scale === null ? grads[name]! : tf.mul(grads[name]!, scale);
        const m0 = this.#firstMoment.get(name)!;
        const v0 = this.#secondMoment.get(name)!;
        const m = tf.add(m0, tf.mul(tf.sub(g, m0), 1 - this.beta1));
        const v = tf.add(tf.mul(v0, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const denominator = tf.add(tf.div(tf.sqrt(v), biasCorrection2Sqrt), this.eps);
        out[`p:${name}`] = tf.sub(this.#params[name]!, tf.mul(tf.div(m, denominator), stepSize));
        out[`m:${name}`] = m;
        out[`v:${name}`] = v;
      }
      return [totalNorm as Tensor<Rank.R0>, out] as const;
    });
    for (const name of names) {
      this.#params[name]!.assign(updates[`p:${name}`]!);
      updates[`p:${name}`]!.dispose();
      this.#firstMoment.get(name)!.dispose();
      this.#secondMoment.get(name)!.dispose();
      this.#firstMoment.set(name, updates[`m:${name}`]!);
      this.#secondMoment.set(name, updates[`v:${name}`]!);
    }
    return norm;
  }

  /**
   * Frees the moment tensors (not the parameters).
   *
   * @example
   * ```ts
   * adam.dispose();
   * ```
   */
  dispose(): void {
    for (const tensor of [...this.#firstMoment.values(), ...this.#secondMoment.values()]) tensor.dispose();
    this.#firstMoment.clear();
    this.#secondMoment.clear();
  }
}

function assertBeta(parameter: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && value < 1)) throw new InvalidArgumentError(parameter, 'a number in [0, 1)', value);
}
