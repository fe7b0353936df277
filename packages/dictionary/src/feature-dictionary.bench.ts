// FeatureDictionary.forward for a batch of 1024 over 16384 × 768 feature vectors, on wasm:
// a sparse batch (30 active features per row, SparseRows) against the same batch dense.
// Run: cd packages/dictionary && pnpm exec vitest bench --run src/feature-dictionary.bench.ts
import { bench, describe } from 'vitest';
import { Rng, createBackend, createSparseRows, sparseRowsToDense } from '@synth/core';
import { FeatureDictionary } from './feature-dictionary';

const backend = await createBackend('wasm');
const [batch, numFeatures, hiddenDim, active] = [1024, 16384, 768, 30];
const dictionary = await FeatureDictionary.create({ backend, numFeatures, hiddenDim, initializer: null, seed: 1 });

const rng = Rng.fromSeed(2).split('bench');
const rowOffsets = Int32Array.from({ length: batch + 1 }, (_, r) => r * active);
const columnIndices = new Int32Array(batch * active);
for (let r = 0; r < batch; r++) {
  columnIndices.set(rng.sampleWithoutReplacement(numFeatures, active).sort(), r * active);
}
const values = rng.fillUniform(new Float32Array(batch * active), 0.5, 1.5);
const sparse = createSparseRows(batch, numFeatures, rowOffsets, columnIndices, values);
const dense = backend.tidy(() => backend.tf.tensor2d(sparseRowsToDense(sparse), [batch, numFeatures]));

function checked(hidden: ReturnType<FeatureDictionary['forward']>): void {
  const total = backend.tidy(() => backend.tf.sum(backend.tf.abs(hidden)));
  const [value] = total.dataSync();
  backend.tf.dispose([hidden, total]);
  if (!(value! > 0 && Number.isFinite(value))) throw new Error('forward produced no output');
}

describe(`forward ${batch} × ${numFeatures} → ${hiddenDim} (${active} active per row)`, () => {
  bench('sparse (SparseRows)', () => checked(dictionary.forward(sparse)), { iterations: 10, time: 0 });
  bench('dense tensor', () => checked(dictionary.forward(dense)), { iterations: 3, time: 0 });
});
