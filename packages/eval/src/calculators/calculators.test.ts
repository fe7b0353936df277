import type { Rank } from '@synth/core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, sparseRowsFromDense } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { ClassificationMetricsCalculator, computeClassificationMetrics } from './classification-metrics-calculator';
import { DeadLatentsCalculator } from './dead-latents-calculator';
import { ExplainedVarianceCalculator } from './explained-variance-calculator';
import { L0Calculator } from './l0-calculator';
import { ShrinkageCalculator } from './shrinkage-calculator';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('streaming calculators on %s', (_name, backend) => {
  const { tf } = backend;

  it('L0 averages positive entries per row over batches, dense or sparse (stored zeros do not count)', async () => {
    await expectNoTensorLeak(backend, () => {
      const l0 = new L0Calculator(backend);
      expect(l0.compute()).toBe(0);
      const dense = tf.tensor2d([[1, 0, 2], [0, 0, 0]]);
      l0.addBatch(dense);
      l0.addBatch({ ...sparseRowsFromDense(new Float32Array([3, 0, 0]), 1, 3) });
      l0.addBatch({ rows: 1, columns: 3, rowOffsets: new Int32Array([0, 1]), columnIndices: new Int32Array([2]), values: new Float32Array([0]) });
      expect(l0.compute()).toBeCloseTo(3 / 4, 12);
      dense.dispose();
    });
  });

  it('dead latents are those that never fired in any batch', () => {
    const dead = new DeadLatentsCalculator(backend, 4);
    expect(dead.compute()).toBe(4);
    const [a, b] = [tf.tensor2d([[0, 1, 0, 0], [0, 0, 0, -1]]), tf.tensor2d([[0, 0, 0.5, 0]])];
    dead.addBatch(a);
    dead.addBatch(b);
    expect(dead.compute()).toBe(2);
    expect(() => dead.addBatch(tf.zeros<Rank.R2>([1, 3]))).toThrow(InvalidArgumentError);
    tf.dispose([a, b]);
  });

  it('shrinkage is the mean norm ratio over rows above the minimum input norm', () => {
    const shrinkage = new ShrinkageCalculator(backend);
    expect(shrinkage.compute()).toBe(0);
    const input = tf.tensor2d([[3, 4], [0, 0], [1, 0]]);
    const output = tf.tensor2d([[3, 0], [5, 5], [2, 0]]);
    shrinkage.addBatch(output, input);
    expect(shrinkage.compute()).toBeCloseTo((3 / 5 + 2) / 2, 6);
    tf.dispose([input, output]);
  });

  it('explained variance: 1 for exact, 0 for the mean, special cases for zero variance', () => {
    const input = tf.tensor2d([[1, 2], [3, 6], [5, 4]]);
    const exact = new ExplainedVarianceCalculator(backend, 2);
    expect(exact.compute()).toBe(0);
    exact.addBatch(input, input);
    expect(exact.compute()).toBeCloseTo(1, 6);
    const mean = tf.tensor2d([[3, 4], [3, 4], [3, 4]]);
    const meanOnly = new ExplainedVarianceCalculator(backend, 2);
    meanOnly.addBatch(mean, input);
    expect(meanOnly.compute()).toBeCloseTo(0, 6);
    const constant = new ExplainedVarianceCalculator(backend, 2);
    constant.addBatch(mean, mean);
    expect(constant.compute()).toBe(1);
    const wrong = new ExplainedVarianceCalculator(backend, 2);
    wrong.addBatch(input, mean);
    expect(wrong.compute()).toBe(0);
    tf.dispose([input, mean]);
  });

  it('classification counts each latent against its best-matching feature, averaged over latents', () => {
    const trueFeatures = tf.tensor2d([[1, 0], [0, 1]]);
    const decoder = tf.tensor2d([[0.9, 0.1], [0.1, -0.9], [1, 0]]); // best matches: 0, 1, 0
    const latents = tf.tensor2d([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0]]);
    const truth = tf.tensor2d([[1, 0], [0, 1], [0, 1], [1, 0]]);
    // latent 0 vs feature 0: TP 1, FP 1, FN 1, TN 1 → P 0.5, R 0.5, F1 0.5, acc 0.5
    // latent 1 vs feature 1: TP 2, FP 0, FN 0, TN 2 → 1, 1, 1, 1
    // latent 2 (dead) vs feature 0: TP 0, FP 0, FN 2, TN 2 → 0, 0, 0, 0.5
    const metrics = computeClassificationMetrics(backend, latents, truth, decoder, trueFeatures);
    expect(metrics.precision).toBeCloseTo(1.5 / 3, 12);
    expect(metrics.recall).toBeCloseTo(1.5 / 3, 12);
    expect(metrics.f1Score).toBeCloseTo(1.5 / 3, 12);
    expect(metrics.accuracy).toBeCloseTo(2 / 3, 12);
    const sparseTruth = sparseRowsFromDense(new Float32Array([1, 0, 0, 1, 0, 1, 1, 0]), 4, 2);
    expect(computeClassificationMetrics(backend, latents, sparseTruth, decoder, trueFeatures)).toEqual(metrics);
    const none = new ClassificationMetricsCalculator(backend, tf.zeros<Rank.R2>([0, 2]), trueFeatures);
    expect(none.compute()).toEqual({ precision: 0, recall: 0, f1Score: 0, accuracy: 0 });
    tf.dispose([trueFeatures, decoder, latents, truth]);
  });
});
