import { bench, describe } from 'vitest';
import { createBackend } from '@synth/core';
import type { Backend, Tensor } from '@synth/core';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { randomTensor } from './testing/finite-difference';
import { TopKTrainingSAE } from './topk-sae';
import type { TrainingSAE } from './training-sae';

// One training step's gradients (no optimizer), dense decoder vs `useSparseActivations`, at
// batch 1024, dIn 128, dSae 2048, k 16, no dead latents: the decoder, its gradients and dW_enc
// are 1024·2048·128 multiply-adds each dense and 1024·16·128 sparse; x·W_enc is dense in both.
// Measured (load average ~7 on 2 cores, so ±20%): wasm topk 781 → 179 ms (4.4×), wasm
// batchtopk 362 → 227 ms (1.6×), cpu topk 7.9 → 5.5 s and batchtopk 7.9 → 5.6 s (1.4×).
// Run: cd packages/sae && pnpm exec vitest bench --run src/sparse-decode.bench.ts
const [batch, dIn, dSae, k] = [1024, 128, 2048, 16];

function stepOnce(backend: Backend, sae: TrainingSAE, x: ReturnType<typeof randomTensor>): void {
  const step = sae.computeGradients({ saeIn: x, coefficients: {}, deadNeuronMask: null, nTrainingSteps: 0 });
  // Read one value back so the work cannot be skipped, and check it.
  if (!Number.isFinite(step.loss.dataSync()[0])) throw new Error('non-finite loss');
  backend.tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
}

for (const name of ['wasm', 'cpu'] as const) {
  const backend = await createBackend(name);
  const x = randomTensor(backend, 1, batch, dIn);
  for (const [label, make] of [
    ['topk', (sparse: boolean) => new TopKTrainingSAE(backend, { dIn, dSae, k, useSparseActivations: sparse })],
    ['batchtopk', (sparse: boolean) => new BatchTopKTrainingSAE(backend, { dIn, dSae, k, useSparseActivations: sparse })],
  ] as const) {
    describe(`${label} step gradients, ${batch}×${dIn}→${dSae}, k ${k} (${name})`, () => {
      const dense = make(false);
      const sparse = make(true);
      bench('dense decoder', () => stepOnce(backend, dense, x), { iterations: 4, warmupIterations: 1 });
      bench('sparse decoder', () => stepOnce(backend, sparse, x), { iterations: 4, warmupIterations: 1 });
    });
  }
}

// AuxK active: BatchTopK 1024×256→1024, k 12 (the quality bar's shape, bench/quality), with 215
// dead latents (what that run has after ~4M samples). Dense, AuxK reads every latent; sparse,
// it works on the dead latents' 215 columns and dW_enc stays sparse. Measured 2026-11-27 with
// two 1-thread training runs beside it (load ~2 on 2 cores): dense 225 ms, sparse 91 ms (2.5×)
// mean per step; with nothing beside it, the sparse step before this change (AuxK and dW_enc
// dense; a build of commit 628dfba loaded in the same process, alternating) took 234 ms, after
// 68 ms (3.4×).
// Run: cd packages/sae && pnpm exec vitest bench --run src/sparse-decode.bench.ts -t "dead latents"
{
  const [batchA, dInA, dSaeA, kA, deadA] = [1024, 256, 1024, 12, 215];
  const backend = await createBackend('wasm');
  const x = randomTensor(backend, 2, batchA, dInA);
  const deadNeuronMask = backend.tf.tensor1d(Array.from({ length: dSaeA }, (_, i) => i % 5 === 0 && i / 5 < deadA), 'bool');
  const stepWithDead = (sae: TrainingSAE): void => {
    const step = sae.computeGradients({ saeIn: x, coefficients: {}, deadNeuronMask, nTrainingSteps: 0 });
    if (!Number.isFinite(step.loss.dataSync()[0])) throw new Error('non-finite loss');
    backend.tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
  };
  describe(`batchtopk step gradients, ${batchA}×${dInA}→${dSaeA}, k ${kA}, ${deadA} dead latents (wasm)`, () => {
    const dense = new BatchTopKTrainingSAE(backend, { dIn: dInA, dSae: dSaeA, k: kA });
    const sparse = new BatchTopKTrainingSAE(backend, { dIn: dInA, dSae: dSaeA, k: kA, useSparseActivations: true });
    bench('dense decoder', () => stepWithDead(dense), { iterations: 10, warmupIterations: 2 });
    bench('sparse decoder', () => stepWithDead(sparse), { iterations: 10, warmupIterations: 2 });
  });
}
