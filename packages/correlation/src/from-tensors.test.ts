import { InvalidArgumentError, ValidationError } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { describe, expect, it } from 'vitest';
import { correlationMatrixFromTensor, lowRankCorrelationFromTensors } from './from-tensors';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('tensor inputs on %s', (_name, backend) => {
  const { tf } = backend;

  it('reads a square matrix and leaves the tensor to the caller', async () => {
    const eye = tf.eye(3);
    const matrix = await expectNoTensorLeak(backend, () => correlationMatrixFromTensor(eye));
    expect(Array.from(matrix.data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const wide = tf.zeros([2, 3]);
    await expect(correlationMatrixFromTensor(wide)).rejects.toThrow('Correlation matrix must have shape (n, n), got (2, 3)');
    tf.dispose([eye, wide]);
  });

  it('reads and validates a low-rank pair with SAELens messages', async () => {
    const factor = tf.tensor2d([[0.6], [0.8]]);
    const diag = tf.tensor1d([0.64, 0.36]);
    const flat = tf.tensor1d([0.6, 0.8]);
    const shortDiag = tf.tensor1d([0.64]);
    const badDiag = tf.tensor1d([0.64, 0.5]);
    const lowRank = await lowRankCorrelationFromTensors(factor, diag);
    expect(lowRank).toMatchObject({ numFeatures: 2, rank: 1 });
    await expect(lowRankCorrelationFromTensors(flat, diag)).rejects.toThrow('correlation_factor must be 2D, got 1D');
    await expect(lowRankCorrelationFromTensors(factor, diag, 3)).rejects.toThrow('correlation_factor must have shape (3, rank), got (2, 1)');
    await expect(lowRankCorrelationFromTensors(factor, shortDiag)).rejects.toThrow('correlation_diag must have shape (2,), got (1,)');
    await expect(lowRankCorrelationFromTensors(factor, shortDiag)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(lowRankCorrelationFromTensors(factor, badDiag)).rejects.toBeInstanceOf(ValidationError);
    tf.dispose([factor, diag, flat, shortDiag, badDiag]);
  });
});
