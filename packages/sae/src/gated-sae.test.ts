import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { GatedTrainingSAE } from './gated-sae';
import { randomTensor, randomWeights } from './testing/finite-difference';
import { trainingTensorCounts } from './testing/tensor-count';

const backends = await loadTestBackends();

/** `decode(encode(x))` read back. */
function reconstruct(backend: Backend, sae: GatedTrainingSAE, x: Tensor2D): Float32Array {
  const out = backend.tidy(() => sae.decode(sae.encode(x)));
  const data = Float32Array.from(out.dataSync());
  out.dispose();
  return data;
}

describe.each(backends.map((b) => [b.name, b] as const))('GatedTrainingSAE on %s', (_name, backend) => {
  const { tf } = backend;

  it('initialises as SAELens: base weights without b_enc, zero b_gate, r_mag and b_mag', () => {
    const sae = new GatedTrainingSAE(backend, { dIn: 8, dSae: 5, seed: 3 });
    expect(Object.keys(sae.parameters()).sort()).toEqual(['W_dec', 'W_enc', 'b_dec', 'b_gate', 'b_mag', 'r_mag']);
    for (const name of ['b_gate', 'r_mag', 'b_mag']) expect(Array.from(sae.parameters()[name]!.dataSync())).toEqual([0, 0, 0, 0, 0]);
    const transposed = backend.tidy(() => tf.transpose(sae.W_dec));
    expect(Array.from(sae.W_enc.dataSync())).toEqual(Array.from(transposed.dataSync()));
    transposed.dispose();
    expect(() => sae.b_enc).toThrow(InvalidArgumentError);
    expect(sae.configDict()).toMatchObject({ architecture: 'gated', l1_coefficient: 1, l1_warm_up_steps: 0 });
    sae.dispose();
  });

  it('foldWDecNorm and foldActivationNormScalingFactor keep what the SAE computes', () => {
    const sae = new GatedTrainingSAE(backend, { dIn: 4, dSae: 6 });
    randomWeights(sae, 5);
    const x = randomTensor(backend, 6, 7, 4);
    const before = reconstruct(backend, sae, x);
    sae.foldWDecNorm();
    const norms = backend.tidy(() => tf.norm(sae.W_dec, 'euclidean', 1)).dataSync();
    for (const n of norms) expect(n).toBeCloseTo(1, 5);
    const afterNorm = reconstruct(backend, sae, x);
    const s = 2.5;
    const scaled = backend.tidy(() => tf.mul<Tensor2D>(x, s));
    const onScaled = reconstruct(backend, sae, scaled).map((v) => v / s);
    sae.foldActivationNormScalingFactor(s);
    const afterScale = reconstruct(backend, sae, x);
    // A few float32 products and sums of O(1) values: a few hundred ulps at most.
    const close = (a: Float32Array, b: Float32Array): void => a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(256 * backend.epsilon * (1 + Math.abs(v))));
    close(before, afterNorm);
    close(onScaled, afterScale);
    tf.dispose([x, scaled]);
    sae.dispose();
  });

  it('encode/decode/trainingForwardPass leak nothing, and the tensor count stays flat over 300 training steps', async () => {
    const sae = new GatedTrainingSAE(backend, { dIn: 8, dSae: 6, l1Coefficient: 5e-2, l1WarmUpSteps: 10 });
    const x = randomTensor(backend, 1, 3, 8);
    await expectNoTensorLeak(backend, () => {
      const z = sae.encode(x);
      tf.dispose([z, sae.decode(z)]);
      const out = sae.trainingForwardPass({ saeIn: x, coefficients: { l1: 1 }, deadNeuronMask: null, nTrainingSteps: 0 });
      tf.dispose([out.saeOut, out.featureActs, out.hiddenPre, out.loss, ...Object.values(out.losses)]);
    });
    x.dispose();
    expect(await trainingTensorCounts(backend, sae, 300)).toHaveLength(4);
    sae.dispose();
  });
});

describe('GatedTrainingSAE validation', () => {
  const backend = backends[0]!;
  it.each([
    [{ dIn: 0, dSae: 4 }, 'dIn'],
    [{ dIn: 4, dSae: 0 }, 'dSae'],
    [{ dIn: 4, dSae: 4, l1Coefficient: -1 }, 'l1Coefficient'],
    [{ dIn: 4, dSae: 4, l1WarmUpSteps: 0.5 }, 'l1WarmUpSteps'],
    [{ dIn: 4, dSae: 4, decoderInitNorm: -1 }, 'decoderInitNorm'],
  ])('rejects %o', (options, parameter) => {
    expect(() => new GatedTrainingSAE(backend, options)).toThrow(InvalidArgumentError);
    expect(() => new GatedTrainingSAE(backend, options)).toThrow(`Invalid ${parameter}`);
  });

  it('rejects weights with a b_enc (gated SAEs have none)', () => {
    const weights = { W_enc: backend.tf.zeros([2, 3]), W_dec: backend.tf.zeros([3, 2]), b_enc: backend.tf.zeros([3]), b_dec: backend.tf.zeros([2]) };
    expect(() => new GatedTrainingSAE(backend, { dIn: 2, dSae: 3 }, weights)).toThrow(/only the parameters W_enc, W_dec, b_dec, b_gate, r_mag, b_mag/);
    backend.tf.dispose(Object.values(weights));
  });

  it('rejects every NaN or negative l1 coefficient (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(Number.NaN), fc.double({ max: -Number.MIN_VALUE, noNaN: true })), (l1Coefficient) => {
        expect(() => new GatedTrainingSAE(backend, { dIn: 2, dSae: 2, l1Coefficient })).toThrow(InvalidArgumentError);
      }),
    );
  });
});
