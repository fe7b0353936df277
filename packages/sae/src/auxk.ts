/**
 * The TopK family's AuxK dead-latent loss and its hand-written gradients, on a block of latent
 * columns: every latent (dense decoding, live ones masked out with −∞) or only the dead ones
 * (sparse decoding). AuxK reads nothing but dead latents, so the dead block costs
 * O(batch·D·dIn) for D dead latents instead of O(batch·dSae·dIn).
 */
import { matMulTransposeA, matMulTransposeB } from '@synth/core';
import type { Backend, Rank, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { columnSums } from './gradient-helpers';
import { rowTopKMask } from './topk-mask';

/** The latent columns AuxK works on, `C` of them. */
export interface AuxKBlock {
  /** Rescaled pre-activations `h = pre·n` (`pre` itself when not rescaling), `[batch, C]`. */
  readonly h: Tensor2D;
  /** The block's decoder rows `[C, dIn]`. */
  readonly W_dec: Tensor2D;
  /** Decoder-row norms `n` and `1/n` `[C]`, or null when not rescaling. */
  readonly norms: { readonly n: Tensor1D; readonly inverse: Tensor1D } | null;
  /** 0 at dead latents, −∞ at live ones `[C]`; null when every column of the block is dead. */
  readonly livePenalty: Tensor1D | null;
}

/** AuxK's loss and its gradients on one {@link AuxKBlock}. */
export interface AuxKGradients {
  readonly loss: Tensor<Rank.R0>;
  /** `∂/∂pre` `[batch, C]`. */
  readonly dPre: Tensor2D;
  /** `∂/∂W_dec` of the block's rows `[C, dIn]`, through the linear decoder only. */
  readonly dW_dec: Tensor2D;
  readonly db_dec: Tensor1D;
}

/**
 * The `kAux` largest raw `h` of each row among dead latents (not ReLU'd) and their mask
 * (inside a tidy). `kAux` must not exceed the number of dead latents in the block.
 */
export function auxKActivations(backend: Backend, block: Pick<AuxKBlock, 'h' | 'livePenalty'>, kAux: number): { acts: Tensor2D; mask: Tensor2D } {
  const { tf } = backend;
  // Adding a [C] row of 0 / −∞ is ~15x faster on wasm than `where` over a broadcast mask.
  const candidates = block.livePenalty === null ? block.h : tf.add<Tensor2D>(block.h, block.livePenalty);
  const mask = rowTopKMask(backend, candidates, kAux);
  return { acts: tf.mul(block.h, mask), mask };
}

/**
 * `coefficient · mean_b Σ_d (decode(aux) − residual)²` with `decode(aux) = (aux/n)·W_dec + b_dec`,
 * and its gradients (inside a tidy). `residual` is the detached `x − x̂` `[batch, dIn]`. No
 * gradient reaches the norms: `aux/n = pre·mask`, so `n` only chooses the kept latents.
 */
export function auxKGradients(backend: Backend, block: AuxKBlock, residual: Tensor2D, b_dec: Tensor1D, kAux: number, coefficient: number): AuxKGradients {
  const { tf } = backend;
  const batch = residual.shape[0];
  const { acts, mask } = auxKActivations(backend, block, kAux);
  const decoded = block.norms === null ? acts : tf.mul<Tensor2D>(acts, block.norms.inverse);
  const error = tf.sub<Tensor2D>(tf.add(tf.matMul(decoded, block.W_dec), b_dec), residual);
  const loss = tf.mul<Tensor<Rank.R0>>(tf.div(tf.sum(tf.square(error)), batch), coefficient);
  const dRecons = tf.mul<Tensor2D>(error, (2 * coefficient) / batch);
  const dDecoded = matMulTransposeB(backend, dRecons, block.W_dec);
  const dAux = block.norms === null ? dDecoded : tf.mul<Tensor2D>(tf.mul(dDecoded, block.norms.inverse), block.norms.n);
  return { loss, dPre: tf.mul(dAux, mask), dW_dec: matMulTransposeA(backend, decoded, dRecons), db_dec: columnSums(backend, dRecons) };
}
