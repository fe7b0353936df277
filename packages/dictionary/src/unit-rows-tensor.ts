/**
 * The feature vectors' tensor, made from their `N(0, 1)` draws with no second `F × d` copy: each
 * row is normalised in place (as core's `normalizeRows` does it), then the tensor is made once.
 */
import { MIN_ROW_NORM, normalizeRows } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';

/** Rows normalised per backend call: 2^22 floats (16 MiB) bound the temporaries whatever F is. */
const CHUNK_FLOATS = 2 ** 22;

/**
 * Normalises the rows of `draws` (row-major `rows × columns`) in place, with the same float32
 * arithmetic as `normalizeRows(backend, tensor2d(draws))`, and returns `tensor2d(draws)`.
 *
 * On the cpu backend the arithmetic runs here, as tfjs-backend-cpu's kernels do it (Abs, Pow,
 * a float64 row Sum stored as float32, Sqrt, Maximum, RealDiv), and the tensor then wraps `draws`
 * itself, so the dictionary costs one `F × d` array. On other backends `normalizeRows` runs on
 * blocks of `chunkRows` rows, each written back into `draws`; every step is per element or per
 * row, so the values do not depend on the blocks (tested bit for bit). Before, the whole matrix
 * went through `normalizeRows` at once: the draws, the tensor, `|x|²` and the quotient were alive
 * together, 3–4 copies (12.6 GiB peak at 2^20 × 1024).
 *
 * The caller hands `draws` over: it must not use or change it afterwards.
 *
 * @example
 * ```ts
 * const vectors = await unitRowsTensor(backend, rng.fillNormal(new Float32Array(rows * columns)), rows, columns);
 * ```
 */
export async function unitRowsTensor(
  backend: Backend,
  draws: Float32Array,
  rows: number,
  columns: number,
  chunkRows = Math.max(1, Math.floor(CHUNK_FLOATS / Math.max(columns, 1))),
): Promise<Tensor2D> {
  if (backend.engineName === 'cpu') normalizeRowsLikeCpuBackend(draws, rows, columns);
  else await normalizeRowsInBlocks(backend, draws, rows, columns, chunkRows);
  return backend.tidy(() => backend.tf.tensor2d(draws, [rows, columns], 'float32'));
}

/**
 * `normalizeRows` on tfjs-backend-cpu, element for element: `tf.norm` is
 * `sqrt(sum(pow(abs(x), 2), 1))`, each kernel storing its output as float32 and the Sum adding a
 * row's float32 squares in float64 from 0; a zero norm becomes 1 (`where(norm > 0, norm, 1)`);
 * then `maximum` with float32 `MIN_ROW_NORM`, and `div`. Keep in step with core's
 * `normalizeRows`: `unit-rows-tensor.test.ts` compares the two bit for bit.
 */
function normalizeRowsLikeCpuBackend(data: Float32Array, rows: number, columns: number): void {
  const minNorm = Math.fround(MIN_ROW_NORM);
  for (let r = 0; r < rows; r++) {
    const start = r * columns;
    const end = start + columns;
    let sum = 0;
    for (let k = start; k < end; k++) sum += Math.fround(Math.pow(Math.abs(data[k]!), 2));
    const norm = Math.fround(Math.sqrt(Math.fround(sum)));
    const divisor = Math.max(norm > 0 ? norm : 1, minNorm);
    for (let k = start; k < end; k++) data[k] = data[k]! / divisor;
  }
}

async function normalizeRowsInBlocks(backend: Backend, data: Float32Array, rows: number, columns: number, chunkRows: number): Promise<void> {
  const { tf } = backend;
  for (let first = 0; first < rows; first += chunkRows) {
    const count = Math.min(chunkRows, rows - first);
    const block = data.subarray(first * columns, (first + count) * columns);
    const unit = backend.tidy(() => normalizeRows(backend, tf.tensor2d(block, [count, columns], 'float32')));
    try {
      block.set(await unit.data());
    } finally {
      unit.dispose();
    }
  }
}
