/**
 * Throughput of synth's core workloads on one backend (`?backend=webgl`), for comparison with a
 * real GPU. Sized to finish in seconds on SwiftShader: correctness is the tests' job, this only
 * records speed. Every workload checks its result so the work cannot be skipped.
 */
import { Rng, createSparseRows } from '@synth/core';
import type { Backend } from '@synth/core';
import { ActivationGenerator } from '@synth/activations';
import { FeatureDictionary } from '@synth/dictionary';
import { StandardTrainingSAE, trainToySae } from '@synth/sae';
import { basicToyWorkflow } from '../../../../packages/sae/src/toy-workflow';
import { preloadBackend } from './backends';
import type { BrowserBackend } from './protocol';

export interface Measurement { readonly workload: string; readonly msPerRun: number; readonly rate: string; readonly runs: number }

/** Runs `fn` once to warm up (shader compilation), then until `budgetMs` has passed (at least twice). */
async function time(fn: () => Promise<void>, budgetMs = 1500): Promise<{ msPerRun: number; runs: number }> {
  await fn();
  const start = performance.now();
  let runs = 0;
  while (runs < 2 || performance.now() - start < budgetMs) {
    await fn();
    runs++;
  }
  return { msPerRun: (performance.now() - start) / runs, runs };
}

async function matmul(backend: Backend, n: number): Promise<Measurement> {
  const { tf } = backend;
  const data = Rng.fromSeed(1).fillUniform(new Float32Array(n * n), -1, 1);
  const { msPerRun, runs } = await time(async () => {
    const total = backend.tidy(() => tf.sum(tf.matMul(tf.tensor2d(data, [n, n]), tf.tensor2d(data, [n, n]))));
    const [value] = await total.data();
    total.dispose();
    if (!Number.isFinite(value)) throw new Error('matmul produced a non-finite sum');
  });
  return { workload: `matMul ${n}×${n}×${n} (upload, matMul, sum, read)`, msPerRun, runs, rate: `${((2 * n ** 3) / msPerRun / 1e6).toFixed(2)} GFLOPS` };
}

async function sampleDense(backend: Backend, numFeatures: number, batch: number): Promise<Measurement> {
  const generator = new ActivationGenerator({ numFeatures, firingProbabilities: 0.01, stdFiringMagnitudes: 0.1, meanFiringMagnitudes: 1, seed: 1, backend });
  const { msPerRun, runs } = await time(async () => {
    const tensor = generator.sampleDense(batch);
    const sum = backend.tidy(() => backend.tf.sum(tensor));
    const [value] = await sum.data();
    backend.tf.dispose([tensor, sum]);
    if (!(value! > 0)) throw new Error('sampleDense produced no firings');
  });
  return { workload: `ActivationGenerator.sampleDense F=${numFeatures}, batch ${batch}`, msPerRun, runs, rate: `${((batch / msPerRun) * 1000).toFixed(0)} rows/s` };
}

async function dictionaryForward(backend: Backend, numFeatures: number, hiddenDim: number, batch: number, active: number): Promise<Measurement> {
  const dictionary = await FeatureDictionary.create({ backend, numFeatures, hiddenDim, initializer: null, seed: 1 });
  const rng = Rng.fromSeed(2);
  const columnIndices = new Int32Array(batch * active);
  for (let r = 0; r < batch; r++) columnIndices.set(rng.sampleWithoutReplacement(numFeatures, active).sort(), r * active);
  const rowOffsets = Int32Array.from({ length: batch + 1 }, (_, r) => r * active);
  const sparse = createSparseRows(batch, numFeatures, rowOffsets, columnIndices, rng.fillUniform(new Float32Array(batch * active), 0.5, 1.5));
  const { msPerRun, runs } = await time(async () => {
    const hidden = dictionary.forward(sparse);
    const total = backend.tidy(() => backend.tf.sum(backend.tf.abs(hidden)));
    const [value] = await total.data();
    backend.tf.dispose([hidden, total]);
    if (!(value! > 0)) throw new Error('forward produced no output');
  });
  dictionary.dispose();
  return { workload: `FeatureDictionary.forward sparse ${batch}×${numFeatures}→${hiddenDim}, ${active} active/row`, msPerRun, runs, rate: `${((batch / msPerRun) * 1000).toFixed(0)} rows/s` };
}

async function trainSae(backend: Backend, samples: number): Promise<Measurement> {
  const { featureMap, generator } = basicToyWorkflow(backend);
  const { msPerRun, runs } = await time(async () => {
    const sae = new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 3 });
    await trainToySae(backend, sae, featureMap, generator, { trainingSamples: samples, batchSize: 1024 });
    sae.dispose();
  }, 0);
  featureMap.dispose();
  return { workload: `trainToySae basic workflow (32→16), ${samples} samples, batch 1024`, msPerRun, runs, rate: `${((samples / msPerRun) * 1000).toFixed(0)} samples/s` };
}

async function main(): Promise<{ backend: string; label: string; device?: string; results: Measurement[] }> {
  const name = (new URLSearchParams(location.search).get('backend') ?? 'wasm') as BrowserBackend;
  const { backend, info } = await preloadBackend(name);
  const results = [
    await matmul(backend, 256),
    await matmul(backend, 512),
    await sampleDense(backend, 4096, 256),
    await dictionaryForward(backend, 4096, 256, 256, 30),
    await trainSae(backend, 16 * 1024),
  ];
  return { backend: name, ...info, results };
}

declare global {
  interface Window { __synthThroughput?: Promise<unknown> }
}
window.__synthThroughput = main().catch((error: unknown) => ({ fatal: String((error as Error)?.stack ?? error) }));
