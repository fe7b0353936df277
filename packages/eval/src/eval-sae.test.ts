import type { Tensor2D } from '@synth/core';
import { describe, expect, it } from 'vitest';
import { Rng, sparseMatmul, sparseRowsFromDense } from '@synth/core';
import type { Backend } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { isSparseRows } from './activation-batch';
import type { ActivationBatch } from './activation-batch';
import { evalSaeOnSyntheticData } from './eval-sae';

const backends = await loadTestBackends();

/** Features along the standard basis of R^n; feature i fires with probability 0.3 at magnitude 1 + i/10. */
function setup(backend: Backend, n: number) {
  const { tf } = backend;
  const basis = tf.eye(n);
  const rng = Rng.fromSeed(7).split('eval-test');
  const sampler = {
    sparse: false,
    sample(batchSize: number): ActivationBatch {
      const firing = new Uint8Array(batchSize * n);
      rng.fillBernoulli(firing, new Float64Array(n).fill(0.3), batchSize);
      const acts = Float32Array.from(firing, (f, k) => f * (1 + (k % n) / 10));
      return this.sparse ? sparseRowsFromDense(acts, batchSize, n) : tf.tensor2d(acts, [batchSize, n]);
    },
  };
  const featureMap = {
    featureVectors: basis,
    forward: (acts: ActivationBatch): Tensor2D => (isSparseRows(acts) ? sparseMatmul(backend, acts, basis) : tf.matMul(acts, basis)),
  };
  // A perfect SAE for this dictionary: encode = relu(x·Vᵀ), decode = z·V.
  const sae = {
    W_dec: basis,
    encode: (x: Tensor2D): Tensor2D => tf.relu(tf.matMul<Tensor2D>(x, basis, false, true)),
    decode: (z: Tensor2D): Tensor2D => tf.matMul(z, basis),
  };
  return { sampler, featureMap, sae, dispose: () => basis.dispose() };
}

describe.each(backends.map((b) => [b.name, b] as const))('evalSaeOnSyntheticData on %s', (_name, backend) => {
  it('scores a perfect SAE as perfect, in batches, dense or sparse, without leaking', async () => {
    const { sampler, featureMap, sae, dispose } = setup(backend, 6);
    for (const sparse of [false, true]) {
      sampler.sparse = sparse;
      const events: number[] = [];
      const result = await expectNoTensorLeak(backend, () =>
        evalSaeOnSyntheticData(backend, sae, featureMap, sampler, { numSamples: 5000, batchSize: 1024, onProgress: (e) => events.push(e.completed) }),
      );
      // true L0 ~ Binomial(6, 0.3)/row: mean 1.8 ± 5·sqrt(6·0.21/5000) ≈ 0.08
      expect(Math.abs(result.trueL0 - 1.8)).toBeLessThan(0.08);
      expect(result.saeL0).toBeCloseTo(result.trueL0, 10);
      expect(result.deadLatents).toBe(0);
      expect(result.shrinkage).toBeCloseTo(1, 5);
      expect(result.explainedVariance).toBeCloseTo(1, 5);
      expect(result.mcc).toBeCloseTo(1, 6);
      expect(result.uniqueness).toBe(1);
      expect(result.classification).toEqual({ precision: 1, recall: 1, f1Score: 1, accuracy: 1 });
      expect(events.at(-1)).toBe(5000);
    }
    dispose();
  });

  it('applies the activation scaler around the SAE and measures in the unscaled space', async () => {
    const { sampler, featureMap, sae, dispose } = setup(backend, 4);
    const { tf } = backend;
    let scaled = 0;
    const scaler = {
      scale: (x: Tensor2D): Tensor2D => { scaled++; return tf.mul(x, 2); },
      unscale: (x: Tensor2D): Tensor2D => tf.div(x, 2),
    };
    const result = await evalSaeOnSyntheticData(backend, sae, featureMap, sampler, { numSamples: 300, batchSize: 128, activationScaler: scaler });
    expect(scaled).toBe(3);
    expect(result.shrinkage).toBeCloseTo(1, 5);
    dispose();
  });

  it('rejects bad sample counts', async () => {
    const { sampler, featureMap, sae, dispose } = setup(backend, 2);
    await expect(evalSaeOnSyntheticData(backend, sae, featureMap, sampler, { numSamples: 0 })).rejects.toThrow(/Invalid numSamples/);
    await expect(evalSaeOnSyntheticData(backend, sae, featureMap, sampler, { batchSize: 1.5 })).rejects.toThrow(/Invalid batchSize/);
    dispose();
  });
});

describe('evalSaeOnSyntheticData with an ActivationGenerator', () => {
  it('drives a correlated generator through sampleAsync', async () => {
    const { ActivationGenerator } = await import('@synth/activations');
    const backend = backends[0]!;
    const { tf } = backend;
    const n = 4;
    // Rank-1 low-rank correlation: F_i = 0.6, D_i = 1 − 0.36 (unit implied diagonal).
    const generator = new ActivationGenerator({
      numFeatures: n,
      firingProbabilities: 0.25,
      correlationMatrix: [new Float32Array(n).fill(0.6), new Float32Array(n).fill(0.64)],
      backend,
      seed: 5,
    });
    const basis = tf.eye(n);
    const featureMap = { featureVectors: basis, forward: (acts: ActivationBatch): Tensor2D => (isSparseRows(acts) ? sparseMatmul(backend, acts, basis) : tf.matMul(acts, basis)) };
    const sae = { W_dec: basis, encode: (x: Tensor2D): Tensor2D => tf.relu(x), decode: (z: Tensor2D): Tensor2D => tf.clone(z) };
    const result = await evalSaeOnSyntheticData(backend, sae, featureMap, generator, { numSamples: 4000, batchSize: 1000 });
    // true L0 = 4 · 0.25 = 1; with positive correlation the count per row varies more, but its
    // mean stays 1: tolerance 5·sqrt(Var/n) with Var ≤ 4² / 4 = 4 per row → 5·sqrt(4/4000) ≈ 0.16.
    expect(Math.abs(result.trueL0 - 1)).toBeLessThan(0.16);
    expect(result.saeL0).toBeCloseTo(result.trueL0, 10);
    expect(result.mcc).toBeCloseTo(1, 6);
    generator.dispose();
    basis.dispose();
  });
});
