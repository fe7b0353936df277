import type { Tensor, Tensor2D } from '@synth/core';
import { InvalidArgumentError } from '@synth/core';
import type { Backend } from '@synth/core';

/**
 * Streaming mean of `‖x̂‖ / ‖x‖` over rows whose input norm exceeds `minInputNorm` (1 means the
 * SAE keeps the input's scale; below 1 it shrinks it).
 *
 * @example
 * ```ts
 * const shrinkage = new ShrinkageCalculator(backend);
 * shrinkage.addBatch(reconstruction, input);
 * shrinkage.compute(); // e.g. 0.975
 * ```
 */
export class ShrinkageCalculator {
  private ratioSum = 0;
  private rows = 0;

  constructor(private readonly backend: Backend, readonly minInputNorm = 1e-6) {}

  /** Adds reconstructions and inputs, both `[batch, d]`. */
  addBatch(output: Tensor2D, input: Tensor2D): void {
    assertSameShape(output, input);
    const { tf } = this.backend;
    const [ratioSum, rows] = this.backend.tidy((): [Tensor, Tensor] => {
      const inputNorm = tf.norm(input, 'euclidean', 1);
      const kept = tf.greater(inputNorm, this.minInputNorm);
      const ratios = tf.div(tf.norm(output, 'euclidean', 1), tf.maximum(inputNorm, this.minInputNorm));
      return [tf.sum(tf.where(kept, ratios, tf.zerosLike(ratios))), tf.sum(tf.cast(kept, 'float32'))];
    });
    this.ratioSum += ratioSum.dataSync()[0]!;
    this.rows += rows.dataSync()[0]!;
    ratioSum.dispose();
    rows.dispose();
  }

  /** Mean ratio over the kept rows, or 0 when none was kept. */
  compute(): number {
    return this.rows === 0 ? 0 : this.ratioSum / this.rows;
  }
}

/** @throws InvalidArgumentError when the two batches differ in shape. */
export function assertSameShape(output: Tensor2D, input: Tensor2D): void {
  if (output.shape[0] !== input.shape[0] || output.shape[1] !== input.shape[1]) {
    throw new InvalidArgumentError('output', `the input's shape [${input.shape.join(', ')}]`, output);
  }
}
