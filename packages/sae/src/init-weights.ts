/**
 * SAELens's initialisation of the shared parameters (`SAE.initialize_weights` +
 * `TrainingSAE.initialize_weights`).
 */
import type { Backend, Rng, Tensor, Tensor1D, Tensor2D } from '@synth/core';

/** The four base parameters, freshly made (the caller owns them). */
export interface BaseWeights {
  [name: string]: Tensor;
  W_enc: Tensor2D;
  W_dec: Tensor2D;
  b_enc: Tensor1D;
  b_dec: Tensor1D;
}

/**
 * `W_dec [dSae, dIn]` kaiming-uniform (torch defaults: a = 0, fan_in = dIn, so the bound is
 * `sqrt(2)·sqrt(3/dIn) = sqrt(6/dIn)`), then each row rescaled to norm `decoderInitNorm` unless
 * it is null; `W_enc = W_decᵀ`; both biases zero.
 *
 * @remarks The uniform draws come from synth's `Rng`, so the weights follow torch's law but are
 * not torch's numbers.
 * @example
 * ```ts
 * const weights = initBaseWeights(backend, 32, 16, 0.1, Rng.fromSeed(0));
 * ```
 */
export function initBaseWeights(backend: Backend, dIn: number, dSae: number, decoderInitNorm: number | null, rng: Rng): BaseWeights {
  const bound = Math.sqrt(6 / dIn);
  const decoder = rng.fillUniform(new Float32Array(dSae * dIn), -bound, bound);
  if (decoderInitNorm !== null) {
    for (let row = 0; row < dSae; row++) {
      let sum = 0;
      for (let c = 0; c < dIn; c++) sum += decoder[row * dIn + c]! ** 2;
      const scale = decoderInitNorm / Math.sqrt(sum);
      for (let c = 0; c < dIn; c++) decoder[row * dIn + c] = Math.fround(decoder[row * dIn + c]! * scale);
    }
  }
  const encoder = new Float32Array(dIn * dSae);
  for (let row = 0; row < dSae; row++) for (let c = 0; c < dIn; c++) encoder[c * dSae + row] = decoder[row * dIn + c]!;
  const { tf } = backend;
  backend.activate();
  return {
    W_dec: tf.tensor2d(decoder, [dSae, dIn]),
    W_enc: tf.tensor2d(encoder, [dIn, dSae]),
    b_enc: tf.zeros([dSae]),
    b_dec: tf.zeros([dIn]),
  };
}
