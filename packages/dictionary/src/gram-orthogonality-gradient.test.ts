import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import type { Rank } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { gramOrthogonalityGradient, prefersGramGradient } from './gram-orthogonality-gradient';
import { orthogonalityGradient } from './orthogonality-gradient';
import { orthogonalityReference } from './testing/orthogonality-reference';

const backends = await loadTestBackends();

describe('prefersGramGradient', () => {
  it('picks the Gram form from N = 2d on', () => {
    expect(prefersGramGradient(16_384, 768)).toBe(true);
    expect(prefersGramGradient(32, 16)).toBe(true);
    expect(prefersGramGradient(31, 16)).toBe(false);
    expect(prefersGramGradient(12, 16)).toBe(false);
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('gramOrthogonalityGradient on %s', (_name, backend) => {
  // Float32 rounding: M = EᵀE sums N terms, E·M sums d, G_ii sums d, and a few elementwise steps.
  const tolerance = (rows: number, columns: number): number => (rows + columns + 8) * backend.epsilon;

  it('matches the float64 definition for any matrix and chunk size', async () => {
    const rng = Rng.fromSeed(11).split(`gram-gradient/${backend.name}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 13 }), async (rows, columns, chunkSize) => {
        const e = rng.fillNormal(new Float32Array(rows * columns));
        const want = orthogonalityReference(e, rows, columns);
        const { tf } = backend;
        await expectNoTensorLeak(backend, async () => {
          const input = tf.tensor2d(e, [rows, columns]);
          const { gradient, loss } = gramOrthogonalityGradient(backend, input, chunkSize);
          assertClose(await gradient.data(), want.gradient, (i) => tolerance(rows, columns) * want.gramMagnitude[i]!);
          expect(Math.abs((await loss.data())[0]! - want.loss)).toBeLessThanOrEqual((rows + columns * columns + 8) * backend.epsilon * want.gramLossMagnitude);
          tf.dispose([input, gradient, loss]);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with the row-block form at 300 × 48 (N > 2d, past the wasm matmul blocks)', async () => {
    const [rows, columns] = [300, 48];
    const e = Rng.fromSeed(12).split(`gram-gradient/${backend.name}`).fillNormal(new Float32Array(rows * columns));
    const want = orthogonalityReference(e, rows, columns);
    const { tf } = backend;
    await expectNoTensorLeak(backend, async () => {
      const input = tf.tensor2d(e, [rows, columns]);
      const gram = gramOrthogonalityGradient(backend, input, 128);
      const blocks = orthogonalityGradient(backend, input, 128);
      const [gramGradient, blockGradient] = [await gram.gradient.data(), await blocks.gradient.data()];
      assertClose(gramGradient, want.gradient, (i) => tolerance(rows, columns) * want.gramMagnitude[i]!);
      assertClose(gramGradient, blockGradient, (i) => tolerance(rows, columns) * (want.gramMagnitude[i]! + want.magnitude[i]!));
      const [gramLoss, blockLoss] = [(await gram.loss.data())[0]!, (await blocks.loss.data())[0]!];
      expect(Math.abs(gramLoss / want.loss - 1)).toBeLessThan(1e-4);
      expect(Math.abs(gramLoss / blockLoss - 1)).toBeLessThan(1e-4);
      tf.dispose([input, gram.gradient, gram.loss, blocks.gradient, blocks.loss]);
    });
  });

  it('calls onChunk once per block of rows', () => {
    const { tf } = backend;
    const input = tf.ones<Rank.R2>([10, 3]);
    let calls = 0;
    const { gradient, loss } = gramOrthogonalityGradient(backend, input, 4, () => calls++);
    expect(calls).toBe(3);
    tf.dispose([input, gradient, loss]);
  });
});
