/**
 * Test helper: train an SAE for many small steps and check the live tensor count stays flat.
 */
import { expect } from 'vitest';
import type { Backend, Tensor2D } from '@synth/core';
import { liveTensorCount } from '@synth/core/testing';
import { SAETrainer } from '../sae-trainer';
import type { DataProvider } from '../sae-trainer';
import type { TrainingSAE } from '../training-sae';
import { randomTensor } from './finite-difference';

/**
 * Trains `sae` for `steps` steps of 8 rows (cycling four fixed random batches, so the data costs
 * nothing), with `deadFeatureWindow: 0` so every dead-latent path runs, and a coefficient warm-up
 * running. Expects the live tensor count, read every `steps / 4` steps, to stay the same, and to return
 * to its starting value once the trainer is disposed. Returns the counts read (four).
 */
export async function trainingTensorCounts(backend: Backend, sae: TrainingSAE, steps: number): Promise<number[]> {
  const pool: Tensor2D[] = [0, 1, 2, 3].map((seed) => randomTensor(backend, 50 + seed, 8, sae.cfg.dIn));
  const baseline = liveTensorCount(backend);
  const counts: number[] = [];
  let step = 0;
  const interval = Math.ceil(steps / 4);
  const data: DataProvider = {
    next: () => {
      if (step % interval === 0) counts.push(liveTensorCount(backend));
      return { done: false, value: backend.tf.clone(pool[step++ % pool.length]!) };
    },
  };
  const trainer = new SAETrainer(backend, sae, data, { totalTrainingSamples: 8 * steps, trainBatchSizeSamples: 8, lr: 1e-3, deadFeatureWindow: 0, featureSamplingWindow: interval + 1 });
  await trainer.fit();
  trainer.dispose();
  expect(new Set(counts).size).toBe(1);
  expect(liveTensorCount(backend)).toBe(baseline);
  backend.tf.dispose(pool);
  return counts;
}
