import type { Tensor, Tensor2D } from '@synth/core';
import { assertInteger } from '@synth/core';
import type { Backend } from '@synth/core';
import { assertSameShape } from './shrinkage-calculator';

/**
 * Streaming explained variance `1 − mean‖x − x̂‖² / (E‖x‖² − ‖E x‖²)`, from running sums in
 * float64 on the host.
 *
 * @example
 * ```ts
 * const ev = new ExplainedVarianceCalculator(backend, 768);
 * ev.addBatch(reconstruction, input);
 * ev.compute(); // e.g. 0.93
 * ```
 */
export class ExplainedVarianceCalculator {
  private readonly sum: Float64Array;
  private squaredNormSum = 0;
  private residualSum = 0;
  private rows = 0;

  constructor(private readonly backend: Backend, readonly hiddenDim: number) {
    assertInteger('hiddenDim', hiddenDim, 1);
    this.sum = new Float64Array(hiddenDim);
  }

  /** Adds reconstructions and inputs, both `[batch, hiddenDim]`. */
  addBatch(output: Tensor2D, input: Tensor2D): void {
    assertSameShape(output, input);
    const { tf } = this.backend;
    const [columnSums, squaredNorm, residual] = this.backend.tidy((): [Tensor, Tensor, Tensor] => [
      tf.sum(input, 0),
      tf.sum(tf.square(input)),
      tf.sum(tf.squaredDifference(input, output)),
    ]);
    const sums = columnSums.dataSync();
    for (let i = 0; i < this.hiddenDim; i++) this.sum[i]! += sums[i]!;
    this.squaredNormSum += squaredNorm.dataSync()[0]!;
    this.residualSum += residual.dataSync()[0]!;
    this.rows += input.shape[0];
    columnSums.dispose();
    squaredNorm.dispose();
    residual.dispose();
  }

  /**
   * The explained variance; 0 before any row, and for inputs with (near) zero variance 1 when the
   * reconstruction is (near) exact, else 0.
   */
  compute(): number {
    if (this.rows === 0) return 0;
    let meanSquaredNorm = 0;
    for (const s of this.sum) meanSquaredNorm += (s / this.rows) ** 2;
    const totalVariance = this.squaredNormSum / this.rows - meanSquaredNorm;
    if (totalVariance < 1e-10) return this.residualSum < 1e-10 ? 1 : 0;
    return 1 - this.residualSum / this.rows / totalVariance;
  }
}
