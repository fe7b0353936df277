import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import type { Rank } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { orthogonalityGradient } from './orthogonality-gradient';

const backends = await loadTestBackends();

/** L and ∂L/∂E in float64, straight from the definitions. */
function reference(e: Float32Array, rows: number, columns: number): { loss: number; gradient: Float64Array; magnitude: Float64Array } {
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < rows; j++) for (let k = 0; k < columns; k++) g[i * rows + j]! += e[i * columns + k]! * e[j * columns + k]!;
  let loss = 0;
  const gradient = new Float64Array(rows * columns);
  const magnitude = new Float64Array(rows * columns); // Σ|terms|, for the rounding bound
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      const gij = g[i * rows + j]!;
      const weight = i === j ? 4 * rows * (gij - 1) : 4 * gij;
      loss += i === j ? rows * (gij - 1) ** 2 : gij ** 2;
      for (let k = 0; k < columns; k++) {
        gradient[i * columns + k]! += weight * e[j * columns + k]!;
        magnitude[i * columns + k]! += Math.abs(weight * e[j * columns + k]!) + 4 * rows * Math.abs(e[j * columns + k]!);
      }
    }
  }
  return { loss, gradient, magnitude };
}

describe.each(backends.map((b) => [b.name, b] as const))('orthogonalityGradient on %s', (_name, backend) => {
  it('matches the float64 definition for any matrix and chunk size', async () => {
    const rng = Rng.fromSeed(9).split(`gradient/${backend.name}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), async (rows, columns, chunkSize) => {
        const e = rng.fillNormal(new Float32Array(rows * columns));
        const want = reference(e, rows, columns);
        const { tf } = backend;
        await expectNoTensorLeak(backend, async () => {
          const input = tf.tensor2d(e, [rows, columns]);
          const { gradient, loss } = orthogonalityGradient(backend, input, chunkSize);
          // Two float32 matmuls (inner sizes d and N) round each term: (N + d + 4)·ε·Σ|terms|.
          assertClose(await gradient.data(), want.gradient, (i) => (rows + columns + 4) * backend.epsilon * want.magnitude[i]!);
          expect(Math.abs((await loss.data())[0]! - want.loss)).toBeLessThanOrEqual((rows * rows + columns + 4) * backend.epsilon * (want.loss + rows * rows));
          tf.dispose([input, gradient, loss]);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('matches the float64 definition at sizes past the wasm matmul block (70 × 50, blocks of 32)', async () => {
    const [rows, columns] = [70, 50];
    const e = Rng.fromSeed(10).split(`gradient/${backend.name}`).fillNormal(new Float32Array(rows * columns));
    const want = reference(e, rows, columns);
    const { tf } = backend;
    await expectNoTensorLeak(backend, async () => {
      const input = tf.tensor2d(e, [rows, columns]);
      const { gradient, loss } = orthogonalityGradient(backend, input, 32);
      assertClose(await gradient.data(), want.gradient, (i) => (rows + columns + 4) * backend.epsilon * want.magnitude[i]!);
      expect(Math.abs((await loss.data())[0]! - want.loss)).toBeLessThanOrEqual((rows * rows + columns + 4) * backend.epsilon * (want.loss + rows * rows));
      tf.dispose([input, gradient, loss]);
    });
  });

  it('calls onChunk once per block of rows', () => {
    const { tf } = backend;
    const input = tf.ones<Rank.R2>([10, 3]);
    let calls = 0;
    const { gradient, loss } = orthogonalityGradient(backend, input, 4, () => calls++);
    expect(calls).toBe(3);
    tf.dispose([input, gradient, loss]);
  });
});
