import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, sparseRowsFromDense } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FeatureDictionary } from './feature-dictionary';
import { flatten, forwardFixture } from './testing/fixtures';

const backends = await loadTestBackends();
const fixture = forwardFixture();

/** Σ|terms| of each output entry, for a summation-order rounding bound. */
function magnitudes(acts: Float32Array, vectors: Float32Array, bias: ArrayLike<number>, batch: number, n: number, d: number): Float64Array {
  const out = new Float64Array(batch * d);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < d; j++) {
      let sum = Math.abs(bias[j]!);
      for (let i = 0; i < n; i++) sum += Math.abs(acts[b * n + i]! * vectors[i * d + j]!);
      out[b * d + j] = sum;
    }
  }
  return out;
}

describe.each(backends.map((b) => [b.name, b] as const))('FeatureDictionary.forward on %s', (_name, backend) => {
  const { tf } = backend;

  async function dictionaryWith(vectors: Float32Array, bias: Float32Array, n: number, d: number): Promise<FeatureDictionary> {
    const dictionary = await FeatureDictionary.create({ backend, numFeatures: n, hiddenDim: d, initializer: null });
    const v = tf.tensor2d(vectors, [n, d]);
    const b = tf.tensor1d(bias);
    dictionary.setFeatureVectors(v);
    dictionary.setBias(b);
    tf.dispose([v, b]);
    return dictionary;
  }

  it('matches SAELens FeatureDictionary.forward, dense and sparse', async () => {
    const { numFeatures: n, hiddenDim: d } = fixture;
    const acts = flatten(fixture.activations);
    const batch = fixture.activations.length;
    const vectors = flatten(fixture.featureVectors);
    await expectNoTensorLeak(backend, async () => {
      const dictionary = await dictionaryWith(vectors, Float32Array.from(fixture.bias), n, d);
      const input = tf.tensor2d(acts, [batch, n]);
      const dense = dictionary.forward(input);
      const sparse = dictionary.forward(sparseRowsFromDense(acts, batch, n));
      // Each side sums n + 1 float32 products in its own order: (n + 2)·ε·Σ|terms| apart at most.
      const magnitude = magnitudes(acts, vectors, fixture.bias, batch, n, d);
      const bound = (i: number): number => (n + 2) * backend.epsilon * magnitude[i]!;
      assertClose(await dense.data(), flatten(fixture.expected), bound);
      assertClose(await sparse.data(), flatten(fixture.expectedSparse), bound);
      tf.dispose([input, dense, sparse]);
      dictionary.dispose();
    });
  });

  it('gives the same values for dense and sparse batches of any shape and sparsity', async () => {
    const rng = Rng.fromSeed(17).split(`forward/${backend.name}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), async (batch, n, d, density) => {
        const acts = rng.fillNormal(new Float32Array(batch * n));
        const keep = rng.fillUniform(new Float32Array(batch * n));
        acts.forEach((_, i) => { if (keep[i]! >= density) acts[i] = 0; });
        const vectors = rng.fillNormal(new Float32Array(n * d));
        const bias = rng.fillNormal(new Float32Array(d));
        await expectNoTensorLeak(backend, async () => {
          const dictionary = await dictionaryWith(vectors, bias, n, d);
          const input = tf.tensor2d(acts, [batch, n]);
          const dense = dictionary.forward(input);
          const sparse = dictionary.forward(sparseRowsFromDense(acts, batch, n));
          expect(sparse.shape).toEqual([batch, d]);
          const magnitude = magnitudes(acts, vectors, bias, batch, n, d);
          assertClose(await sparse.data(), await dense.data(), (i) => 2 * (n + 2) * backend.epsilon * magnitude[i]!);
          tf.dispose([input, dense, sparse]);
          dictionary.dispose();
        });
      }),
      { numRuns: 30 },
    );
  });

  it('maps an empty sparse batch to the bias', async () => {
    const dictionary = await dictionaryWith(new Float32Array(6), Float32Array.of(1, 2), 3, 2);
    const out = dictionary.forward(sparseRowsFromDense(new Float32Array(6), 2, 3));
    expect(Array.from(await out.data())).toEqual([1, 2, 1, 2]);
    out.dispose();
    dictionary.dispose();
  });
});
