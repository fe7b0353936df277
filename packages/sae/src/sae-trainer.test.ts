import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, ValidationError } from '@synth/core';
import type { Backend } from '@synth/core';
import { liveTensorCount, loadTestBackends } from '@synth/core/testing';
import { ActivationGenerator } from '@synth/activations';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { GatedTrainingSAE } from './gated-sae';
import { initSaeToMatchFeatureDict } from './init-sae-to-match-feature-dict';
import { JumpReLUTrainingSAE } from './jumprelu-sae';
import { MatryoshkaBatchTopKTrainingSAE } from './matryoshka-batchtopk-sae';
import { SAETrainer, checkpointThresholds } from './sae-trainer';
import { StandardTrainingSAE } from './standard-sae';
import { SyntheticActivationIterator } from './synthetic-activation-iterator';
import { randomTensor, tensorFeatureMap } from './testing/finite-difference';
import { trainingTensorCounts } from './testing/tensor-count';
import { TopKTrainingSAE } from './topk-sae';
import { trainToySae } from './train-toy-sae';
import type { TrainingSAE } from './training-sae';

const backends = await loadTestBackends();

function toySetup(backend: Backend, numFeatures: number, hiddenDim: number, seed = 1) {
  const data = Rng.fromSeed(seed).fillNormal(new Float32Array(numFeatures * hiddenDim));
  for (let r = 0; r < numFeatures; r++) {
    let sum = 0;
    for (let c = 0; c < hiddenDim; c++) sum += data[r * hiddenDim + c]! ** 2;
    for (let c = 0; c < hiddenDim; c++) data[r * hiddenDim + c]! /= Math.sqrt(sum);
  }
  const featureMap = tensorFeatureMap(backend, backend.tf.tensor2d(data, [numFeatures, hiddenDim]));
  const generator = new ActivationGenerator({ numFeatures, firingProbabilities: 0.25, stdFiringMagnitudes: 0.05, meanFiringMagnitudes: 1, backend, seed: seed + 1 });
  return { featureMap, generator };
}

describe.each(backends.map((b) => [b.name, b] as const))('SAETrainer on %s', (_name, backend) => {
  const architectures: [string, () => TrainingSAE][] = [
    ['standard', () => new StandardTrainingSAE(backend, { dIn: 8, dSae: 6, l1Coefficient: 0.05 })],
    ['topk (AuxK active)', () => new TopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2 })],
    ['batchtopk (AuxK active)', () => new BatchTopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2 })],
    ['jumprelu (pre-act loss)', () => new JumpReLUTrainingSAE(backend, { dIn: 8, dSae: 6, preActLossCoefficient: 1e-3, l0WarmUpSteps: 10 })],
  ];
  // 400 steps span every periodic path several times between two counts (a count every 50
  // steps, 8 in all): the LR warm-up end (step 5), JumpReLU's L0 warm-up end (step 10), the
  // loss read-back (every 100 steps), the feature-statistics reset (every 60 steps) and, with
  // deadFeatureWindow 0, AuxK / the pre-act loss on every step after the first (no latent is
  // dead at step 0, so the no-dead path runs too). A leak on any of them shows as a rising count.
  const steps = 400;
  const countEvery = 50;
  it.each(architectures)(`keeps the tensor count flat over ${steps} steps (%s)`, async (_label, make) => {
    const { featureMap, generator } = toySetup(backend, 4, 8);
    const sae = make();
    const baseline = liveTensorCount(backend);
    const counts: number[] = [];
    let calls = 0;
    const iterator = new SyntheticActivationIterator(backend, featureMap, generator, 8);
    const counting = { next: () => (calls++ % countEvery === 0 && counts.push(liveTensorCount(backend)), iterator.next()) };
    // deadFeatureWindow 0: every latent that skips one batch is dead, so the AuxK / pre-act paths run.
    const trainer = new SAETrainer(backend, sae, counting, {
      totalTrainingSamples: 8 * steps,
      trainBatchSizeSamples: 8,
      lr: 1e-3,
      deadFeatureWindow: 0,
      featureSamplingWindow: 60,
      lrWarmUpSteps: 5,
    });
    await trainer.fit();
    expect(counts).toHaveLength(steps / countEvery);
    expect(new Set(counts).size).toBe(1);
    trainer.dispose();
    expect(liveTensorCount(backend)).toBe(baseline);
    sae.dispose();
    featureMap.dispose();
  });

  // Thousands of steps, as issue #5 asks: every architecture (sparse decoding included) for 2000
  // steps with every latent dead after one silent batch, counted every 500 steps.
  const longRuns: [string, () => TrainingSAE][] = [
    ...architectures,
    ['batchtopk, sparse decoding', () => new BatchTopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2, useSparseActivations: true })],
    ['matryoshka batchtopk, sparse decoding', () => new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2, matryoshkaWidths: [2, 6], useSparseActivations: true })],
    ['gated', () => new GatedTrainingSAE(backend, { dIn: 8, dSae: 6 })],
  ];
  it.each(longRuns)('keeps the tensor count flat over 2000 steps, counted every 500 (%s)', async (_label, make) => {
    const sae = make();
    expect(await trainingTensorCounts(backend, sae, 2000)).toHaveLength(4);
    sae.dispose();
  });

  it('fires snapshots at steps 6, 12, 19 and 25 for 4096 samples in batches of 128', async () => {
    const { featureMap, generator } = toySetup(backend, 4, 8);
    const sae = new StandardTrainingSAE(backend, { dIn: 8, dSae: 4 });
    const steps: number[] = [];
    await trainToySae(backend, sae, featureMap, generator, { trainingSamples: 4096, batchSize: 128, nSnapshots: 4, snapshotFn: (t) => void steps.push(t.nTrainingSteps) });
    expect(steps).toEqual([6, 12, 19, 25]);
    sae.dispose();
    featureMap.dispose();
  });

  it('rejects nSnapshots > 0 without a snapshotFn up front', async () => {
    const { featureMap, generator } = toySetup(backend, 4, 8);
    const sae = new StandardTrainingSAE(backend, { dIn: 8, dSae: 4 });
    await expect(trainToySae(backend, sae, featureMap, generator, { nSnapshots: 1 })).rejects.toThrow(ValidationError);
    await expect(trainToySae(backend, sae, featureMap, generator, { nSnapshots: 1 })).rejects.toThrow('snapshot_fn must be provided to take snapshots');
    sae.dispose();
    featureMap.dispose();
  });

  it('tracks dead latents: one that never fires is dead after deadFeatureWindow steps', async () => {
    const { featureMap, generator } = toySetup(backend, 4, 8);
    const sae = new StandardTrainingSAE(backend, { dIn: 8, dSae: 4 });
    // A latent with a very negative bias never fires.
    const bias = backend.tf.tensor1d([-100, 0, 0, 0]);
    sae.setParameter('b_enc', bias);
    bias.dispose();
    const trainer = new SAETrainer(backend, sae, new SyntheticActivationIterator(backend, featureMap, generator, 64), {
      totalTrainingSamples: 64 * 6,
      trainBatchSizeSamples: 64,
      deadFeatureWindow: 5,
    });
    await trainer.fit();
    expect(Array.from(trainer.deadNeurons)).toEqual([1, 0, 0, 0]);
    expect(trainer.featureSparsity[0]).toBe(0);
    trainer.dispose();
    sae.dispose();
    featureMap.dispose();
  });

  it('initSaeToMatchFeatureDict copies the (reordered) vectors into W_enc columns and sets W_dec = W_encᵀ', () => {
    const vectors = randomTensor(backend, 5, 3, 4);
    const sae = new StandardTrainingSAE(backend, { dIn: 4, dSae: 5 });
    const before = sae.W_enc.arraySync();
    initSaeToMatchFeatureDict(sae, { featureVectors: vectors }, { featureOrdering: [2, 0, 1] });
    const v = vectors.arraySync();
    const enc = sae.W_enc.arraySync();
    const dec = sae.W_dec.arraySync();
    for (let d = 0; d < 4; d++) {
      expect([enc[d]![0], enc[d]![1], enc[d]![2]]).toEqual([v[2]![d], v[0]![d], v[1]![d]]);
      expect([enc[d]![3], enc[d]![4]]).toEqual([before[d]![3], before[d]![4]]);
      for (let j = 0; j < 5; j++) expect(dec[j]![d]).toBe(enc[d]![j]);
    }
    expect(() => initSaeToMatchFeatureDict(sae, { featureVectors: vectors }, { featureOrdering: [3] })).toThrow('featureOrdering[0]');
    vectors.dispose();
    sae.dispose();
  });
});

describe('checkpointThresholds', () => {
  it('is range(0, total, ceil(total/(n+1)))[1:] (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 50 }), (total, n) => {
        const stride = Math.ceil(total / (n + 1));
        const expected: number[] = [];
        for (let t = 0; t < total; t += stride) expected.push(t);
        expect(checkpointThresholds(total, n)).toEqual(expected.slice(1));
      }),
    );
  });
});

