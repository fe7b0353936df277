import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import type { Rank } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { orthogonalityGradient } from './orthogonality-gradient';
import { orthogonalityReference as reference } from './testing/orthogonality-reference';

const backends = await loadTestBackends();

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
