import type { Backend, Tensor } from '@synth/core';
import { Rng, denseMatrix } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseCopulaKernel, lowRankCopulaKernel, transposeToFloat32 } from './copula-kernels';
import type { CopulaKernel } from './copula-kernels';

const backends = await loadTestBackends();

/** The latents `z = ε·Mᵀ` in float64 from float32 inputs, and `Σ|ε_k M_ik|` (their rounding scale). */
function referenceLatents(normals: Float32Array, rows: number, matrix: Float32Array, n: number, inner: number): { z: Float64Array; scale: Float64Array } {
  const z = new Float64Array(rows * n);
  const scale = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      let [sum, abs] = [0, 0];
      for (let k = 0; k < inner; k++) {
        const term = normals[r * inner + k]! * matrix[i * inner + k]!;
        sum += term;
        abs += Math.abs(term);
      }
      z[r * n + i] = sum;
      scale[r * n + i] = abs;
    }
  }
  return { z, scale };
}

async function fired(backend: Backend, make: () => Tensor): Promise<Uint8Array> {
  const t = make();
  const data = Uint8Array.from(await t.data());
  t.dispose();
  return data;
}

/**
 * `fire` against the straightforward form it replaced (`greater(matMul(ε, M, false, true), τ)`,
 * M untransposed) and against float64. Latents within float32 rounding of their threshold —
 * `(inner + 2)·ε·Σ|terms| + ε·|τ|` — may round either way, so those entries are skipped.
 */
async function expectKernelMatches(backend: Backend, kernel: CopulaKernel, normals: Float32Array, rows: number, reference: {
  matrix: Float32Array; n: number; inner: number; thresholds: Float64Array; diagonal?: Float32Array;
}): Promise<void> {
  const { tf, epsilon } = backend;
  const { matrix, n, inner, thresholds, diagonal } = reference;
  const stride = kernel.wordsPerRow; // a row is `inner` normals ε, then (low-rank) n normals η
  const epsilonRows = Float32Array.from({ length: rows * inner }, (_, k) => normals[Math.floor(k / inner) * stride + (k % inner)]!);
  const { z, scale } = referenceLatents(epsilonRows, rows, matrix, n, inner);
  if (diagonal !== undefined) {
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        const term = normals[r * stride + inner + i]! * diagonal[i]!; // η follows the `inner` ε words
        z[r * n + i]! += term;
        scale[r * n + i]! += Math.abs(term);
      }
    }
  }
  const got = await fired(backend, () => kernel.fire(normals, rows));
  const old = await fired(backend, () => backend.tidy(() => {
    let latents = tf.matMul(tf.tensor2d(epsilonRows, [rows, inner]), tf.tensor2d(matrix, [n, inner]), false, true);
    if (diagonal !== undefined) {
      const eta = Float32Array.from({ length: rows * n }, (_, k) => normals[Math.floor(k / n) * stride + inner + (k % n)]!);
      latents = tf.add(latents, tf.mul(tf.tensor2d(eta, [rows, n]), tf.tensor1d(diagonal)));
    }
    return tf.greater(latents, tf.tensor1d(Float32Array.from(thresholds)));
  }));
  expect(got.length).toBe(rows * n);
  let compared = 0;
  for (let k = 0; k < rows * n; k++) {
    const threshold = thresholds[k % n]!;
    if (Math.abs(z[k]! - threshold) <= (inner + 4) * epsilon * (scale[k]! + Math.abs(threshold))) continue;
    compared++;
    expect(got[k], `entry ${k}`).toBe(z[k]! > threshold ? 1 : 0);
    expect(old[k], `entry ${k} (reference form)`).toBe(got[k]);
  }
  expect(compared).toBeGreaterThan(0.95 * rows * n);
}

describe('transposeToFloat32', () => {
  it('transposes a row-major matrix and rounds to float32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (rows, columns) => {
        const data = Float64Array.from({ length: rows * columns }, (_, k) => k + 0.1);
        const out = transposeToFloat32(data, rows, columns);
        for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) expect(out[c * rows + r]).toBe(Math.fround(data[r * columns + c]!));
      }),
    );
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('copula kernels on %s', (_name, backend) => {
  it('dense: fire(ε) equals ε·Lᵀ > τ, as the transposeB form and float64 give it (n = 70)', async () => {
    const rng = Rng.fromSeed(21).split(`copula-kernels/${backend.name}`);
    const [n, rows] = [70, 33]; // n > 48: several blocks of the wasm fallback matmul
    const lower = rng.fillUniform(new Float64Array(n * n), -0.5, 0.5);
    for (let i = 0; i < n; i++) lower.fill(0, i * n + i + 1, (i + 1) * n); // lower triangular
    const thresholds = rng.fillUniform(new Float64Array(n), -1, 1);
    const normals = rng.fillNormal(new Float32Array(rows * n));
    await expectNoTensorLeak(backend, async () => {
      const kernel = denseCopulaKernel(backend, denseMatrix(n, n, lower), thresholds);
      expect(kernel.wordsPerRow).toBe(n);
      await expectKernelMatches(backend, kernel, normals, rows, { matrix: Float32Array.from(lower), n, inner: n, thresholds });
      kernel.dispose();
    });
  });

  it('low-rank: fire(ε, η) equals ε·Fᵀ + η⊙sqrt(D) > τ, as the transposeB form and float64 give it', async () => {
    const rng = Rng.fromSeed(22).split(`copula-kernels/${backend.name}`);
    const [n, rank, rows] = [90, 5, 17];
    const factor = rng.fillUniform(new Float64Array(n * rank), -0.4, 0.4);
    const diag = Float64Array.from({ length: n }, (_, i) => 1 - factor.subarray(i * rank, (i + 1) * rank).reduce((s, f) => s + f * f, 0));
    const thresholds = rng.fillUniform(new Float64Array(n), -1, 1);
    const normals = rng.fillNormal(new Float32Array(rows * (rank + n)));
    await expectNoTensorLeak(backend, async () => {
      const kernel = lowRankCopulaKernel(backend, { numFeatures: n, rank, correlationFactor: factor, correlationDiag: diag }, thresholds);
      expect(kernel.wordsPerRow).toBe(rank + n);
      await expectKernelMatches(backend, kernel, normals, rows, {
        matrix: Float32Array.from(factor), n, inner: rank, thresholds, diagonal: Float32Array.from(diag, Math.sqrt),
      });
      kernel.dispose();
    });
  });
});
