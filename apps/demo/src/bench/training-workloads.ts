/**
 * Workloads that train an SAE: toy-train (the docs' basic workflow, then its MCC) and train-16k
 * (BatchTopK steps on SynthSAEBench-16k-shaped batches).
 */
import { Rng, sparseMatmul } from '@synth/core';
import type { Backend, SparseRows, Tensor2D } from '@synth/core';
import { ActivationGenerator, SyntheticModel } from '@synth/activations';
import { evalSaeOnSyntheticData } from '@synth/eval';
import type { FeatureMap } from '@synth/eval';
import { BatchTopKTrainingSAE, SAETrainer, StandardTrainingSAE, trainToySae } from '@synth/sae';
import { gen16kConfig } from './sampling-workloads';
import { defineWorkload } from './workload';

/** The docs' basic workflow data: 16 unit vectors in 32 dims, p = 0.25, magnitude N(1, 0.05²). */
function toyWorkflow(backend: Backend): { featureMap: FeatureMap & { dispose(): void }; generator: ActivationGenerator; evalGenerator: ActivationGenerator } {
  const numFeatures = 16;
  const hiddenDim = 32;
  const data = Rng.fromSeed(1).split('feature-vectors').fillNormal(new Float32Array(numFeatures * hiddenDim));
  for (let r = 0; r < numFeatures; r++) {
    let sum = 0;
    for (let c = 0; c < hiddenDim; c++) sum += data[r * hiddenDim + c]! ** 2;
    for (let c = 0; c < hiddenDim; c++) data[r * hiddenDim + c]! /= Math.sqrt(sum);
  }
  backend.activate();
  const featureVectors = backend.tf.tensor2d(data, [numFeatures, hiddenDim]);
  const featureMap = {
    featureVectors,
    forward: (acts: Tensor2D | SparseRows): Tensor2D =>
      ('rowOffsets' in acts ? sparseMatmul(backend, acts, featureVectors) : backend.tidy(() => backend.tf.matMul(acts, featureVectors))),
    dispose: () => featureVectors.dispose(),
  };
  const options = { numFeatures, firingProbabilities: 0.25, stdFiringMagnitudes: 0.05, meanFiringMagnitudes: 1, backend };
  return { featureMap, generator: new ActivationGenerator({ ...options, seed: 2 }), evalGenerator: new ActivationGenerator({ ...options, seed: 3 }) };
}

export const toyTrain = defineWorkload<{ samples: number; batch: number; evalSamples: number }>({
  goal: { ratio: 0.33, mccTolerance: 0.01 },
  plan: { repeats: 1, warmup: 0, rounds: 3 },
  backend: 'wasm',
  what: "docs' basic workflow: 16 features, 32 dims, standard SAE, trainToySae, then MCC",
  sizes: {
    full: { samples: 10_000_000, batch: 1024, evalSamples: 100_000 },
    smoke: { samples: 20_480, batch: 1024, evalSamples: 4096 },
  },
  setup(backend, size) {
    return Promise.resolve({
      run: async () => {
        const { featureMap, generator, evalGenerator } = toyWorkflow(backend);
        const sae = new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 3 });
        try {
          const started = performance.now();
          await trainToySae(backend, sae, featureMap, generator, { trainingSamples: size.samples, batchSize: size.batch });
          // Only training is timed, as on the SAELens side; the evaluation below checks it.
          const timedSeconds = (performance.now() - started) / 1000;
          const result = await evalSaeOnSyntheticData(backend, sae, featureMap, { sample: (b: number) => evalGenerator.sampleSparse(b) }, { numSamples: size.evalSamples });
          if (!(result.mcc > 0 && result.mcc <= 1)) throw new Error(`MCC ${result.mcc}`);
          return { timedSeconds, mcc: result.mcc, saeL0: result.saeL0, trueL0: result.trueL0 };
        } finally {
          sae.dispose();
          featureMap.dispose();
        }
      },
      dispose: () => {},
    });
  },
});

export const train16k = defineWorkload<{ numFeatures: number; hiddenDim: number; roots: number; batch: number; dSae: number; k: number; steps: number; pool: number }>({
  goal: { ratio: 1.0 },
  plan: { repeats: 2, warmup: 1, rounds: 2 },
  backend: 'wasm',
  what: 'BatchTopK d_sae 4096, k 25, batch 1024, SAETrainer steps on pre-generated gen-16k batches',
  sizes: {
    full: { numFeatures: 16_384, hiddenDim: 768, roots: 128, batch: 1024, dSae: 4096, k: 25, steps: 20, pool: 4 },
    smoke: { numFeatures: 1024, hiddenDim: 64, roots: 8, batch: 64, dSae: 128, k: 8, steps: 3, pool: 2 },
  },
  throughput: (size) => size.steps * size.batch,
  async setup(backend, size) {
    const model = await SyntheticModel.create(gen16kConfig(size), { backend, onWarning: () => {} });
    const pool: Tensor2D[] = [];
    for (let i = 0; i < size.pool; i++) pool.push(await model.sampleAsync(size.batch));
    model.dispose();
    return {
      run: async () => {
        // Sparse decoding (SAELens `use_sparse_activations`, off by default there and in the peer
        // run): the same training math on the k·B kept entries, float32 summation order aside.
        const sae = new BatchTopKTrainingSAE(backend, { dIn: size.hiddenDim, dSae: size.dSae, k: size.k, seed: 1, useSparseActivations: true });
        let served = 0;
        // The trainer disposes each batch it is given; a clone shares the pooled data.
        const data = { next: () => ({ done: false as const, value: backend.tf.clone(pool[served++ % pool.length]!) }) };
        const trainer = new SAETrainer(backend, sae, data, { totalTrainingSamples: size.steps * size.batch, trainBatchSizeSamples: size.batch, lr: 3e-4 });
        try {
          await trainer.fit();
        } finally {
          trainer.dispose();
          sae.dispose();
        }
        if (served < size.steps) throw new Error(`trainer took ${served} batches, expected ${size.steps}`);
        return { steps: size.steps };
      },
      dispose: () => {
        for (const t of pool) t.dispose();
      },
    };
  },
});
