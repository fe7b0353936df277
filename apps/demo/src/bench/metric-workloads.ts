/**
 * Workloads of the evaluation and dictionary maths: mcc-planted, mcc-random (the assignment behind
 * MCC) and orthogonalize.
 */
import { Rng } from '@synth/core';
import { orthogonalizeEmbeddings } from '@synth/dictionary';
import { meanCorrelationCoefficient } from '@synth/eval';
import { defineWorkload } from './workload';

/** Rows of Gaussian noise, float32. */
function gaussianRows(rng: Rng, rows: number, d: number): Float32Array {
  return rng.fillNormal(new Float32Array(rows * d));
}

export const mccPlanted = defineWorkload<{ latents: number; features: number; d: number }>({
  goal: { ratio: 1.0 },
  plan: { repeats: 2, warmup: 0, rounds: 2 },
  backend: 'wasm',
  what: 'meanCorrelationCoefficient: 4096 latents = planted true features + ¼ noise, vs 16384 true, d 768',
  sizes: { full: { latents: 4096, features: 16_384, d: 768 }, smoke: { latents: 64, features: 256, d: 32 } },
  setup(backend, { latents, features, d }) {
    const rng = Rng.fromSeed(3).split('mcc-bench');
    const trueData = gaussianRows(rng, features, d);
    const chosen = rng.sampleWithoutReplacement(features, latents);
    const noise = gaussianRows(rng, latents, d);
    const planted = Float32Array.from(noise, (v, k) => trueData[chosen[Math.floor(k / d)]! * d + (k % d)]! + 0.25 * v);
    backend.activate();
    const trueFeatures = backend.tf.tensor2d(trueData, [features, d]);
    const sae = backend.tf.tensor2d(planted, [latents, d]);
    return Promise.resolve({
      run: () => {
        const mcc = meanCorrelationCoefficient(backend, sae, trueFeatures);
        // Each latent's own feature has |cos| = 1/√(1 + 1/16) ≈ 0.970.
        if (!(mcc > 0.95 && mcc < 0.99)) throw new Error(`planted MCC ${mcc} should be near 0.97`);
        return Promise.resolve({ mcc });
      },
      dispose: () => {
        trueFeatures.dispose();
        sae.dispose();
      },
    });
  },
});

export const mccRandom = defineWorkload<{ rows: number; d: number }>({
  goal: { ratio: 1.0 },
  plan: { repeats: 1, warmup: 0, rounds: 1 },
  backend: 'wasm',
  what: 'meanCorrelationCoefficient: two random 16384 × 768 sets (a 16384² assignment)',
  sizes: { full: { rows: 16_384, d: 768 }, smoke: { rows: 256, d: 32 } },
  setup(backend, size) {
    const rng = Rng.fromSeed(4).split('mcc-random');
    backend.activate();
    const a = backend.tf.tensor2d(gaussianRows(rng, size.rows, size.d), [size.rows, size.d]);
    const b = backend.tf.tensor2d(gaussianRows(rng, size.rows, size.d), [size.rows, size.d]);
    return Promise.resolve({
      run: () => {
        const mcc = meanCorrelationCoefficient(backend, a, b);
        if (!(mcc > 0 && mcc < 0.5)) throw new Error(`random MCC ${mcc} out of range`);
        return Promise.resolve({ mcc });
      },
      dispose: () => {
        a.dispose();
        b.dispose();
      },
    });
  },
});

export const orthogonalize = defineWorkload<{ rows: number; d: number; steps: number; chunk: number }>({
  goal: { ratio: 2.0 },
  plan: { repeats: 1, warmup: 0, rounds: 2 },
  backend: 'wasm',
  what: 'orthogonalizeEmbeddings 16384 × 768, lr 3e-4, chunk 1024',
  sizes: { full: { rows: 16_384, d: 768, steps: 100, chunk: 1024 }, smoke: { rows: 256, d: 32, steps: 2, chunk: 64 } },
  setup(backend, size) {
    const data = gaussianRows(Rng.fromSeed(5).split('orthogonalize'), size.rows, size.d);
    return Promise.resolve({
      run: async () => {
        const out = await orthogonalizeEmbeddings(data, { backend, shape: [size.rows, size.d], numSteps: size.steps, lr: 3e-4, chunkSize: size.chunk });
        const values = await out.data();
        out.dispose();
        if (!Number.isFinite(values[values.length - 1])) throw new Error('non-finite embeddings');
        return { steps: size.steps };
      },
      dispose: () => {},
    });
  },
});
