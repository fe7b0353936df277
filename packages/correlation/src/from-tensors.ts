/**
 * Reading correlation inputs held in tfjs tensors into the host arrays this package computes with.
 */
import { InvalidArgumentError } from '@synth/core';
import type { DenseMatrix, Tensor } from '@synth/core';
import { validateLowRankCorrelation, type LowRankCorrelationMatrix } from './low-rank-correlation-matrix';

/**
 * Reads a square 2-D tensor into a float64 {@link DenseMatrix} (the tensor is not disposed).
 *
 * @example
 * ```ts
 * const matrix = await correlationMatrixFromTensor(backend.tf.eye(4));
 * matrix.rows; // 4
 * ```
 * @throws InvalidArgumentError with "Correlation matrix must have shape (n, n), got …" when the
 * tensor is not square and 2-D.
 */
export async function correlationMatrixFromTensor(tensor: Tensor): Promise<DenseMatrix> {
  const shape = tensor.shape;
  if (shape.length !== 2 || shape[0] !== shape[1]) {
    throw new InvalidArgumentError('correlationMatrix', 'a square 2-D tensor', tensor, {
      detail: `(Correlation matrix must have shape (n, n), got (${shape.join(', ')}))`,
    });
  }
  const n = shape[0];
  return { rows: n, columns: n, data: Float64Array.from(await tensor.data()) };
}

/**
 * Reads a low-rank pair held in tensors (`factor` of shape `[numFeatures, rank]`, `diag` of shape
 * `[numFeatures]`) and validates it with {@link validateLowRankCorrelation} (the tensors are not
 * disposed). `numFeatures` defaults to the factor's first dimension.
 *
 * @example
 * ```ts
 * const { tf } = backend;
 * const lowRank = await lowRankCorrelationFromTensors(tf.tensor2d([[0.6], [0.8]]), tf.tensor1d([0.64, 0.36]));
 * ```
 * @throws InvalidArgumentError with "correlation_factor must be 2D, got {k}D", "correlation_factor
 * must have shape (n, rank), got …", "correlation_diag must have shape (n,), got …" or
 * "correlation_diag must have all positive values".
 * @throws ValidationError when an implied diagonal entry `‖F_i‖² + D_i` is not 1.
 */
export async function lowRankCorrelationFromTensors(factor: Tensor, diag: Tensor, numFeatures?: number): Promise<LowRankCorrelationMatrix> {
  const n = numFeatures ?? factor.shape[0] ?? 0;
  if (factor.shape.length !== 2) {
    throw new InvalidArgumentError('correlationFactor', 'a 2-D tensor', factor, {
      detail: `(correlation_factor must be 2D, got ${factor.shape.length}D)`,
    });
  }
  if (factor.shape[0] !== n) {
    throw new InvalidArgumentError('correlationFactor', `a tensor of shape [${n}, rank]`, factor, {
      detail: `(correlation_factor must have shape (${n}, rank), got (${factor.shape.join(', ')}))`,
    });
  }
  if (diag.shape.length !== 1 || diag.shape[0] !== n) {
    throw new InvalidArgumentError('correlationDiag', `a tensor of shape [${n}]`, diag, {
      detail: `(correlation_diag must have shape (${n},), got (${diag.shape.join(', ')}${diag.shape.length === 1 ? ',' : ''}))`,
    });
  }
  const [factorData, diagData] = await Promise.all([factor.data(), diag.data()]);
  return validateLowRankCorrelation(Float32Array.from(factorData), Float32Array.from(diagData), n, factor.shape[1]);
}
