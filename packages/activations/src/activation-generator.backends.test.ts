import { describe, expect, it } from 'vitest';
import { sparseMatmul, sparseRowsToDense } from '@synth/core';
import type { Tensor2D } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { ActivationGenerator } from './activation-generator';
import type { ActivationGeneratorOptions } from './activation-generator-options';
import { fromDenseModifier } from './dense-modifier';

const backends = await loadTestBackends();

const options: ActivationGeneratorOptions = {
  numFeatures: 40,
  firingProbabilities: Float32Array.from({ length: 40 }, (_, i) => 0.4 / (1 + i)),
  stdFiringMagnitudes: 0.7,
  meanFiringMagnitudes: 0.5,
  seed: 17,
};

describe.each(backends.map((b) => [b.name, b] as const))('ActivationGenerator on %s', (_name, backend) => {
  it('gives dense and sparse outputs that agree exactly, without leaking tensors', async () => {
    const dense = new ActivationGenerator({ ...options, backend });
    const sparse = new ActivationGenerator({ ...options, backend, useSparseTensors: true });
    await expectNoTensorLeak(backend, () => {
      for (const size of [1, 63, 130]) {
        const tensor = dense.sample(size) as Tensor2D;
        expect(tensor.shape).toEqual([size, 40]);
        expect(tensor.dtype).toBe('float32');
        const batch = sparse.sample(size);
        expect(tensor.dataSync()).toEqual(sparseRowsToDense(batch as never));
        tensor.dispose();
      }
    });
    // useSparseTensors is mutable
    sparse.useSparseTensors = false;
    const tensor = sparse.sample(2) as Tensor2D;
    expect(tensor.shape).toEqual([2, 40]);
    tensor.dispose();
  });

  it('feeds a sparse batch straight into sparseMatmul (the dictionary forward)', async () => {
    const generator = new ActivationGenerator({ ...options, backend });
    await expectNoTensorLeak(backend, () => {
      const batch = generator.sampleSparse(16);
      const weights = backend.tf.tensor2d(Float32Array.from({ length: 200 }, (_, k) => Math.sin(k)), [40, 5]);
      const viaSparse = sparseMatmul(backend, batch, weights);
      const denseActs = backend.tf.tensor2d(sparseRowsToDense(batch), [16, 40]);
      const viaDense = backend.tf.matMul(denseActs, weights);
      const diff = backend.tidy(() => backend.tf.max(backend.tf.abs(backend.tf.sub(viaSparse, viaDense))));
      expect(diff.dataSync()[0]).toBeLessThan(1e-4);
      for (const t of [weights, viaSparse, denseActs, viaDense, diff]) t.dispose();
    });
  });

  it('runs dense SAELens-style modifiers through the adapter, then a ReLU, keeping stored zeros', async () => {
    const { tf } = backend;
    const shift = fromDenseModifier((acts) => tf.sub(acts, 0.5));
    const scale = fromDenseModifier((acts) => tf.mul(acts, 3));
    const plain = new ActivationGenerator({ ...options, backend, useSparseTensors: true });
    const modified = new ActivationGenerator({ ...options, backend, modifyActivations: [shift, scale] });
    await expectNoTensorLeak(backend, () => {
      const base = plain.sampleSparse(50);
      const tensor = modified.sampleDense(50);
      const expected = Float32Array.from(sparseRowsToDense(base), (v) => Math.max(0, Math.fround(Math.fround(v - 0.5) * 3)));
      expect(tensor.dataSync()).toEqual(expected);
      tensor.dispose();
      const identity = new ActivationGenerator({ ...options, backend, modifyActivations: fromDenseModifier((acts) => acts) });
      const same = identity.sampleSparse(50);
      expect(same).toEqual(new ActivationGenerator({ ...options }).sampleSparse(50));
    });
  });

  it('rejects a dense modifier of the wrong shape and a dense modifier without a backend', async () => {
    const { tf } = backend;
    const bad = new ActivationGenerator({ ...options, backend, modifyActivations: fromDenseModifier((acts) => tf.slice(acts, [0, 0], [1, 2])) });
    await expectNoTensorLeak(backend, () => {
      expect(() => bad.sampleSparse(4)).toThrow(/must return a tensor of shape \[4, 40\], got \[1, 2\]/);
    });
    const noBackend = new ActivationGenerator({ ...options, modifyActivations: fromDenseModifier((acts) => acts) });
    expect(() => noBackend.sampleSparse(4)).toThrow(/needs a backend/);
  });
});
