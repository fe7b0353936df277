// `a·bᵀ` three ways, for a 512 × 768 block against 4096 × 768 rows (1.6 GFLOP), on wasm and cpu:
// the transposeB flag, matMulTransposeB (transposes per call), and a `bᵀ` transposed once and
// reused (the layout the hot loops keep). Then sparseMatmul (host loop on these backends) and the
// gather/scatter form GPUs use, batch 1024 × 16384 → 768 with 30
// stored entries per row, against the same batch as a dense matmul.
// Run: cd packages/core && pnpm exec vitest bench --run src/tensor-ops.bench.ts
import type { Tensor2D } from '@tensorflow/tfjs-core';
import { bench, describe } from 'vitest';
import { createBackend } from './backend';
import type { Backend } from './backend';
import { Rng } from './rng';
import { createSparseRows, sparseRowsToDense } from './sparse-rows';
import { matMulTransposeB, sparseMatmul, sparseMatmulOnDevice } from './tensor-ops';

const backends: Backend[] = [await createBackend('wasm'), await createBackend('cpu')];
const rng = Rng.fromSeed(4).split('tensor-ops-bench');
const [blockRows, rows, width] = [512, 4096, 768];
const blockData = rng.fillNormal(new Float32Array(blockRows * width));
const rowsData = rng.fillNormal(new Float32Array(rows * width));

/** Sums the product on the backend and checks it, so the work cannot be skipped. */
function checkedSum(backend: Backend, product: () => Tensor2D): void {
  const total = backend.tidy(() => backend.tf.sum(backend.tf.abs(product())));
  const [value] = total.dataSync();
  total.dispose();
  if (!(value! > 0 && Number.isFinite(value))) throw new Error('the product is empty or not finite');
}

for (const backend of backends) {
  const { tf } = backend;
  const block = tf.tensor2d(blockData, [blockRows, width]);
  const b = tf.tensor2d(rowsData, [rows, width]);
  const bTransposed = backend.tidy(() => tf.transpose(b));
  describe(`a·bᵀ ${blockRows} × ${rows} × ${width} on ${backend.name}`, () => {
    bench('matMul(a, b, false, true)', () => checkedSum(backend, () => tf.matMul(block, b, false, true)), { iterations: 3, time: 0 });
    bench('matMulTransposeB(a, b)', () => checkedSum(backend, () => matMulTransposeB(backend, block, b)), { iterations: 3, time: 0 });
    bench('matMul(a, bᵀ) with bᵀ kept', () => checkedSum(backend, () => tf.matMul(block, bTransposed)), { iterations: 3, time: 0 });
  });
}

const [batch, numFeatures, active] = [1024, 16_384, 30];
const rowOffsets = Int32Array.from({ length: batch + 1 }, (_, r) => r * active);
const columnIndices = new Int32Array(batch * active);
for (let r = 0; r < batch; r++) columnIndices.set(rng.sampleWithoutReplacement(numFeatures, active).sort(), r * active);
const sparse = createSparseRows(batch, numFeatures, rowOffsets, columnIndices, rng.fillUniform(new Float32Array(batch * active), 0.5, 1.5));
const weightsData = rng.fillNormal(new Float32Array(numFeatures * width));

for (const backend of backends) {
  const { tf } = backend;
  const weights = tf.tensor2d(weightsData, [numFeatures, width]);
  const dense = tf.tensor2d(sparseRowsToDense(sparse), [batch, numFeatures]);
  describe(`sparse ${batch} × ${numFeatures} → ${width} (${active} per row) on ${backend.name}`, () => {
    bench('sparseMatmul', () => checkedSum(backend, () => sparseMatmul(backend, sparse, weights)), { iterations: 5, time: 0 });
    bench('sparseMatmulOnDevice (gather, scatterND)', () => checkedSum(backend, () => sparseMatmulOnDevice(backend, sparse, weights)), { iterations: 2, time: 0 });
    bench('weights.dataSync() alone', () => {
      if (weights.dataSync().length !== numFeatures * width) throw new Error('short read');
    }, { iterations: 5, time: 0 });
    // 26 GFLOP: on cpu (pure JS) that is most of a minute, so the dense row runs on wasm only.
    if (backend.name === 'wasm') bench('dense matMul', () => checkedSum(backend, () => tf.matMul(dense, weights)), { iterations: 2, time: 0 });
  });
}
