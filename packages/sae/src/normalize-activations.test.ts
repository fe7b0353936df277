import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import type { SparseRows, Tensor2D } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { evalSaeOnSyntheticData } from '@synth/eval';
import { GatedTrainingSAE } from './gated-sae';
import { SAETrainer } from './sae-trainer';
import { StandardTrainingSAE } from './standard-sae';
import { randomTensor } from './testing/finite-difference';
import { SyntheticActivationIterator } from './synthetic-activation-iterator';
import { basicToyWorkflow } from './toy-workflow';

const backends = await loadTestBackends(['cpu', 'wasm']);

describe.each(backends.map((b) => [b.name, b] as const))('activation normalisation on %s', (_name, backend) => {
  const { tf } = backend;

  it('folding s into the weights makes the SAE on raw x equal the SAE on s·x, rescaled', () => {
    const sae = new StandardTrainingSAE(backend, { dIn: 6, dSae: 9, seed: 2 });
    sae.setParameter('b_dec', tf.tensor1d(Rng.fromSeed(1).fillNormal(new Float32Array(6))));
    sae.setParameter('b_enc', tf.tensor1d(Rng.fromSeed(2).fillNormal(new Float32Array(9), 0, 0.1)));
    const x = tf.tensor2d(Rng.fromSeed(3).fillNormal(new Float32Array(5 * 6)), [5, 6]);
    const s = 3.7;
    const before = backend.tidy(() => tf.div(sae.decode(sae.encode(tf.mul(x, s))), s));
    sae.foldActivationNormScalingFactor(s);
    const after = backend.tidy(() => sae.decode(sae.encode(x)));
    const [a, b] = [before.dataSync(), after.dataSync()];
    // A handful of float32 products and sums of O(1) values: a few hundred ulps at most.
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(256 * backend.epsilon * (1 + Math.abs(a[i]!)));
    expect(() => sae.foldActivationNormScalingFactor(0)).toThrow(/Invalid scalingFactor/);
    tf.dispose([x, before, after]);
    sae.dispose();
  });

  it('a model trained with normalisation gives, after the fold, on raw x what it gave before on s·x (÷ s)', async () => {
    const { featureMap, generator } = basicToyWorkflow(backend, 6);
    const scaledMap = { featureVectors: featureMap.featureVectors, forward: (acts: Tensor2D | SparseRows): Tensor2D => backend.tidy(() => tf.mul(featureMap.forward(acts), 20)) };
    const sae = new GatedTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 1 });
    const x = randomTensor(backend, 7, 9, 32, 5);
    let beforeFold: Float32Array | null = null;
    const trainer = new SAETrainer(backend, sae, new SyntheticActivationIterator(backend, scaledMap, generator, 64), {
      totalTrainingSamples: 64 * 30,
      trainBatchSizeSamples: 64,
      lr: 5e-3,
      normalizeActivations: 'expected_average_only_in',
      normEstimateBatches: 5,
      // After the last step and before the fold: the trained SAE still expects s·x.
      afterStep: (t) => {
        if (t.nTrainingSteps !== t.totalTrainingSteps) return;
        const s = t.activationScalingFactor!;
        const out = backend.tidy(() => tf.div(sae.decode(sae.encode(tf.mul(x, s))), s));
        beforeFold = Float32Array.from(out.dataSync());
        out.dispose();
      },
    });
    await trainer.fit();
    const out = backend.tidy(() => sae.decode(sae.encode(x)));
    const afterFold = out.dataSync();
    expect(beforeFold).not.toBeNull();
    // The same float32 products regrouped (s·W_enc vs s·x): a few hundred ulps of O(|x|) values.
    beforeFold!.forEach((v, i) => expect(Math.abs(v - afterFold[i]!)).toBeLessThan(256 * backend.epsilon * (1 + Math.abs(v))));
    expect(sae.configDict().normalize_activations).toBe('none');
    tf.dispose([x, out]);
    trainer.dispose();
    sae.dispose();
    featureMap.dispose();
  });

  it("'expected_average_only_in' estimates sqrt(d_in)/mean‖x‖, trains on s·x and leaves an SAE for raw inputs", async () => {
    const { featureMap, generator, evalGenerator } = basicToyWorkflow(backend, 5);
    // Inputs 50× larger than the toy workflow's: without normalisation lr 5e-3 would crawl.
    const scaledMap = { featureVectors: featureMap.featureVectors, forward: (acts: Tensor2D | SparseRows): Tensor2D => backend.tidy(() => tf.mul(featureMap.forward(acts), 50)) };
    const sae = new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 0 });
    const iterator = new SyntheticActivationIterator(backend, scaledMap, generator, 256);
    const trainer = new SAETrainer(backend, sae, iterator, { totalTrainingSamples: 300_000, trainBatchSizeSamples: 256, lr: 5e-3, normalizeActivations: 'expected_average_only_in', normEstimateBatches: 20 });
    await trainer.fit();
    // Rows are sums of ~4 unit vectors at magnitude ~1, times 50: mean norm ≈ 50·E‖Σ‖, so s ≈ sqrt(32)/(50·~2).
    expect(trainer.activationScalingFactor).toBeGreaterThan(Math.sqrt(32) / (50 * 4));
    expect(trainer.activationScalingFactor).toBeLessThan(Math.sqrt(32) / (50 * 1));
    const result = await evalSaeOnSyntheticData(backend, sae, scaledMap, evalGenerator, { numSamples: 4096, batchSize: 1024 });
    // Normalised inputs have norm ≈ sqrt(32), so the MSE term (∝ s²) outweighs l1 more than in the
    // basic workflow and a few more latents fire: the bar is that the folded SAE reconstructs and
    // recovers the raw-space features (an unfolded one would be off by the factor 50·s).
    expect(result.mcc).toBeGreaterThan(0.95);
    expect(result.explainedVariance).toBeGreaterThan(0.9);
    expect(result.shrinkage).toBeGreaterThan(0.8);
    expect(result.shrinkage).toBeLessThan(1.2);
    trainer.dispose();
    sae.dispose();
    featureMap.dispose();
  });
});
