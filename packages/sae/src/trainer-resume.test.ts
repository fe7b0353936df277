import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTestBackends } from '@synth/core/testing';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { GatedTrainingSAE } from './gated-sae';
import { SAETrainer } from './sae-trainer';
import type { DataProvider } from './sae-trainer';
import { StandardTrainingSAE } from './standard-sae';
import { SyntheticActivationIterator } from './synthetic-activation-iterator';
import { basicToyWorkflow } from './toy-workflow';
import { TrainingDivergedError } from './training-diverged-error';
import type { TrainingSAE } from './training-sae';

const backends = await loadTestBackends(['cpu', 'wasm']);
const scratch = mkdtempSync(join(tmpdir(), 'synth-trainer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Stops after `limit` batches (an interrupted run). */
function limited(provider: DataProvider, limit: number): DataProvider {
  let served = 0;
  return {
    next: () => (served++ < limit ? provider.next() : { done: true, value: undefined }),
    get state() {
      return provider.state;
    },
    restoreState: (state) => provider.restoreState?.(state),
  };
}

const options = { totalTrainingSamples: 40 * 64, trainBatchSizeSamples: 64, lr: 3e-3, lrWarmUpSteps: 5, lrSchedulerName: 'cosineannealing', deadFeatureWindow: 3, featureSamplingWindow: 7, nCheckpoints: 3 } as const;

describe.each(backends.map((b) => [b.name, b] as const))('SAETrainer state on %s', (_name, backend) => {
  it.each([
    ['standard', () => new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, l1WarmUpSteps: 10, seed: 0 })],
    ['batchtopk', () => new BatchTopKTrainingSAE(backend, { dIn: 32, dSae: 16, k: 3, seed: 0 })],
    ['gated', () => new GatedTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, l1WarmUpSteps: 10, seed: 0 })],
  ] as const)('%s: a run resumed from a saved state ends with bit-identical weights', async (_arch, makeSae) => {
    const run = async (interruptAt: number | null): Promise<Record<string, Float32Array>> => {
      const { featureMap, generator } = basicToyWorkflow(backend, 3);
      const iterator = new SyntheticActivationIterator(backend, featureMap, generator, 64);
      let sae: TrainingSAE = makeSae();
      let trainer = new SAETrainer(backend, sae, interruptAt === null ? iterator : limited(iterator, interruptAt), options);
      await trainer.fit();
      if (interruptAt !== null) {
        const dir = join(scratch, `${backend.name}-${_arch}`);
        await trainer.saveState(dir);
        trainer.dispose();
        sae.dispose();
        // A fresh process would rebuild everything from the same config, then restore.
        const fresh = basicToyWorkflow(backend, 3);
        sae = makeSae();
        trainer = new SAETrainer(backend, sae, new SyntheticActivationIterator(backend, fresh.featureMap, fresh.generator, 64), options);
        await trainer.restoreState(dir);
        await trainer.fit();
        fresh.featureMap.dispose();
      }
      const weights = Object.fromEntries(Object.entries(sae.parameters()).map(([name, t]) => [name, Float32Array.from(t.dataSync())]));
      const scalars = sae.trainingScalars();
      for (const [name, value] of Object.entries(scalars)) weights[name] = Float32Array.of(value);
      trainer.dispose();
      sae.dispose();
      featureMap.dispose();
      return weights;
    };
    const uninterrupted = await run(null);
    const resumed = await run(17);
    expect(Object.keys(resumed)).toEqual(Object.keys(uninterrupted));
    for (const name of Object.keys(uninterrupted)) expect(resumed[name]).toEqual(uninterrupted[name]);
  });

  it('stops with TrainingDivergedError on a non-finite loss, before touching the weights', async () => {
    const { tf } = backend;
    const sae = new StandardTrainingSAE(backend, { dIn: 4, dSae: 4, seed: 0 });
    let step = 0;
    const data: DataProvider = { next: () => ({ done: false, value: (step++ < 3 ? tf.ones([8, 4]) : tf.fill([8, 4], Number.NaN)) }) };
    const trainer = new SAETrainer(backend, sae, data, { totalTrainingSamples: 80, trainBatchSizeSamples: 8 });
    const error = await trainer.fit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as TrainingDivergedError).step).toBe(3);
    expect(Float32Array.from(sae.parameters().W_enc.dataSync()).every(Number.isFinite)).toBe(true);
    trainer.dispose();
    sae.dispose();
  });
});
