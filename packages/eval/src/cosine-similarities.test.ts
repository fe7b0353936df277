import type { Backend, Tensor2D } from '@synth/core';
import { Rng, normalizeRows } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absCosineSimilarityRows, cosineSimilarities } from './cosine-similarities';

const backends = await loadTestBackends();

/**
 * The straightforward form the kernels replaced: `|normalize(A) · normalize(B)ᵀ|` with matMul's
 * transposeB flag, in one piece. Kept as the reference.
 */
function referenceAbsCosine(backend: Backend, a: Tensor2D, b: Tensor2D): Float64Array {
  const { tf } = backend;
  const cos = backend.tidy(() => tf.abs(tf.matMul(normalizeRows(backend, a), normalizeRows(backend, b), false, true)));
  const data = Float64Array.from(cos.dataSync());
  cos.dispose();
  return data;
}

describe.each(backends.map((b) => [b.name, b] as const))('cosine similarities on %s', (_name, backend) => {
  const { tf } = backend;
  // Dot products of unit vectors in d dimensions, summed in two orders: each is within
  // (d + 2)·ε of the exact value (Σ|a_k b_k| <= 1 for unit rows), so they differ by twice that.
  const tolerance = (width: number): number => 2 * (width + 2) * backend.epsilon + 4 * backend.epsilon;

  it('absCosineSimilarityRows matches the one-piece transposeB reference for any block size, without leaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 14 }), fc.nat(1000), async (rowsA, rowsB, width, blockRows, seed) => {
        const rng = Rng.fromSeed(seed).split('cosine-similarities');
        const dataA = rng.fillNormal(new Float32Array(rowsA * width));
        const dataB = rng.fillNormal(new Float32Array(rowsB * width));
        dataA.fill(0, 0, width); // a zero row stays 0, never NaN
        const got = new Float64Array(rowsA * rowsB);
        const want = await expectNoTensorLeak(backend, () => {
          const [a, b] = [tf.tensor2d(dataA, [rowsA, width]), tf.tensor2d(dataB, [rowsB, width])];
          const visited: number[] = [];
          absCosineSimilarityRows(backend, a, b, (first, block) => {
            visited.push(first);
            got.set(block, first * rowsB);
          }, { blockRows });
          expect(visited).toEqual(Array.from({ length: Math.ceil(rowsA / blockRows) }, (_, i) => i * blockRows));
          const reference = referenceAbsCosine(backend, a, b);
          tf.dispose([a, b]);
          return reference;
        });
        assertClose(got, want, () => tolerance(width));
      }),
      { numRuns: 30 },
    );
  });

  it('cosineSimilarities matches the transposeB reference, for one matrix and for two', async () => {
    const rng = Rng.fromSeed(11).split('cosine-similarities');
    const [rowsA, rowsB, width] = [7, 9, 50];
    const dataA = rng.fillNormal(new Float32Array(rowsA * width));
    const dataB = rng.fillNormal(new Float32Array(rowsB * width));
    await expectNoTensorLeak(backend, () => {
      const [a, b] = [tf.tensor2d(dataA, [rowsA, width]), tf.tensor2d(dataB, [rowsB, width])];
      for (const [x, y] of [[a, b], [a, a]] as const) {
        const cos = backend.tidy(() => tf.abs(cosineSimilarities(backend, x, y)));
        expect(cos.shape).toEqual([x.shape[0], y.shape[0]]);
        assertClose(Float64Array.from(cos.dataSync()), referenceAbsCosine(backend, x, y), () => tolerance(width));
        cos.dispose();
      }
      tf.dispose([a, b]);
    });
  });
});
