import { bench } from 'vitest';
import { createBackend } from '@synth/core';
import { evalSaeOnSyntheticData } from '@synth/eval';
import { StandardTrainingSAE } from './standard-sae';
import { basicToyWorkflow } from './toy-workflow';
import { trainToySae } from './train-toy-sae';

// The docs' basic workflow with trainToySae's defaults (10M samples, batch 1024, lr 3e-4) on wasm.
// Run: cd packages/sae && pnpm exec vitest bench --run src/train-toy-sae.bench.ts
const backend = await createBackend('wasm');

bench(
  'trainToySae basic workflow, 10M samples (wasm)',
  async () => {
    const { featureMap, generator, evalGenerator } = basicToyWorkflow(backend);
    const sae = new StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 3 });
    const start = performance.now();
    await trainToySae(backend, sae, featureMap, generator);
    const seconds = (performance.now() - start) / 1000;
    const result = await evalSaeOnSyntheticData(backend, sae, featureMap, { sample: (b) => evalGenerator.sampleSparse(b) });
    // Checked so the work cannot be optimised away.
    if (!(result.mcc > 0.99)) throw new Error(`MCC ${result.mcc}`);
    console.log(`${(10_000_000 / seconds).toFixed(0)} samples/s; MCC ${result.mcc.toFixed(5)}, L0 ${result.saeL0.toFixed(3)} (true ${result.trueL0.toFixed(3)}), shrinkage ${result.shrinkage.toFixed(4)}`);
    sae.dispose();
    featureMap.dispose();
  },
  { iterations: 1, warmupIterations: 0 },
);
