// orthogonalizeEmbeddings at 4096 × 768 (blocks of 1024 rows), 5 Adam steps, on wasm.
// Each step is two float32 matmuls: with N ≥ 2d, EᵀE and E·(EᵀE), 2 · 2 · 4096 · 768² ≈ 9.7 GFLOP
// (the row-block form, E·Eᵀ then G·E, would be 2 · 2 · 4096² · 768 ≈ 51.5 GFLOP).
// Run: cd packages/dictionary && pnpm exec vitest bench --run src/orthogonalize.bench.ts
import { bench, describe } from 'vitest';
import { Rng, createBackend } from '@synth/core';
import { prefersGramGradient } from './gram-orthogonality-gradient';
import { orthogonalizeEmbeddings } from './orthogonalize-embeddings';

const backend = await createBackend('wasm');
const [rows, columns, numSteps] = [4096, 768, 5];
const start = Rng.fromSeed(1).split('bench').fillNormal(new Float32Array(rows * columns));

describe(`orthogonalizeEmbeddings ${rows}×${columns}, ${numSteps} steps`, () => {
  bench(backend.name, async () => {
    const began = performance.now();
    const out = await orthogonalizeEmbeddings(start, { backend, shape: [rows, columns], numSteps });
    // The largest |‖row‖ − 1| (a float32 sum over all rows would drift by ~N·ε on its own).
    const norms = backend.tidy(() => backend.tf.max(backend.tf.abs(backend.tf.sub(backend.tf.norm(out, 'euclidean', 1), 1))));
    const [worst] = await norms.data();
    const seconds = (performance.now() - began) / 1000;
    backend.tf.dispose([out, norms]);
    if (!(worst! < 1e-4)) throw new Error(`rows are not unit vectors (max |‖row‖ − 1| = ${worst})`);
    const flopsPerStep = 2 * 2 * rows * columns * (prefersGramGradient(rows, columns) ? columns : rows);
    process.stderr.write(`${backend.name}: ${(seconds / numSteps).toFixed(2)} s per step, ${(flopsPerStep / (seconds / numSteps) / 1e9).toFixed(1)} GFLOP/s in the matmuls\n`);
  }, { iterations: 1, warmupIterations: 0, time: 0 });
});
