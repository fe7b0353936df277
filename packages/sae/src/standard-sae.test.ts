import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { StandardTrainingSAE } from './standard-sae';
import { finiteDifferenceCheck, kinkMargin, randomTensor, randomWeights } from './testing/finite-difference';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('StandardTrainingSAE on %s', (_name, backend) => {
  it('initialises as SAELens: decoder rows of norm 0.1, W_enc = W_decᵀ, zero biases', () => {
    const sae = new StandardTrainingSAE(backend, { dIn: 8, dSae: 5, seed: 3 });
    const norms = backend.tidy(() => backend.tf.norm(sae.W_dec, 'euclidean', 1)).dataSync();
    for (const n of norms) expect(n).toBeCloseTo(0.1, 6);
    const transposed = backend.tidy(() => backend.tf.transpose(sae.W_dec));
    expect(Array.from(sae.W_enc.dataSync())).toEqual(Array.from(transposed.dataSync()));
    transposed.dispose();
    expect(Array.from(sae.b_enc.dataSync())).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(sae.b_dec.dataSync())).toEqual(new Array(8).fill(0));
    sae.dispose();
  });

  it.each([
    ['lp 1, b_dec subtracted', { lpNorm: 1, applyBDecToInput: true }],
    ['lp 2, b_dec not subtracted', { lpNorm: 2, applyBDecToInput: false }],
  ])('hand-written gradients match central differences (%s)', (_label, extra) => {
    const sae = new StandardTrainingSAE(backend, { dIn: 4, dSae: 6, decoderInitNorm: null, ...extra });
    const x = randomTensor(backend, 11, 5, 4);
    let seed = 100;
    do randomWeights(sae, seed++);
    while (kinkMargin(sae, x) < 0.05);
    const result = finiteDifferenceCheck(sae, { saeIn: x, coefficients: { l1: 0.7 }, deadNeuronMask: null, nTrainingSteps: 0 });
    for (const name of ['W_enc', 'W_dec', 'b_enc', 'b_dec']) {
      expect(result.maxAbsGradient[name]).toBeGreaterThan(0.01);
      expect(result.maxAbsError[name]).toBeLessThan(2e-3);
    }
    x.dispose();
    sae.dispose();
  });

  it('encode/decode/trainingForwardPass leak nothing', async () => {
    const sae = new StandardTrainingSAE(backend, { dIn: 4, dSae: 6 });
    const x = randomTensor(backend, 1, 3, 4);
    await expectNoTensorLeak(backend, () => {
      const z = sae.encode(x);
      backend.tf.dispose([z, sae.decode(z)]);
      const out = sae.trainingForwardPass({ saeIn: x, coefficients: { l1: 1 }, deadNeuronMask: null, nTrainingSteps: 0 });
      backend.tf.dispose([out.saeOut, out.featureActs, out.hiddenPre, out.loss, ...Object.values(out.losses)]);
    });
    x.dispose();
    sae.dispose();
  });
});

describe('StandardTrainingSAE validation', () => {
  const backend = backends[0]!;
  it.each([
    [{ dIn: 0, dSae: 4 }, 'dIn'],
    [{ dIn: 4, dSae: 1.5 }, 'dSae'],
    [{ dIn: 4, dSae: 4, l1Coefficient: -1 }, 'l1Coefficient'],
    [{ dIn: 4, dSae: 4, lpNorm: 0.5 }, 'lpNorm'],
    [{ dIn: 4, dSae: 4, l1WarmUpSteps: -1 }, 'l1WarmUpSteps'],
    [{ dIn: 4, dSae: 4, decoderInitNorm: 0 }, 'decoderInitNorm'],
    [{ dIn: 4, dSae: 4, normalizeActivations: 'bogus' as 'none' }, 'normalize_activations must be none, expected_average_only_in, layer_norm, or constant_norm_rescale. Got bogus'],
  ])('rejects %o', (options, message) => {
    expect(() => new StandardTrainingSAE(backend, options)).toThrow(InvalidArgumentError);
    expect(() => new StandardTrainingSAE(backend, options)).toThrow(message);
  });

  it('rejects every NaN or negative coefficient (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(Number.NaN), fc.double({ max: -Number.MIN_VALUE, noNaN: true })), (l1Coefficient) => {
        expect(() => new StandardTrainingSAE(backend, { dIn: 2, dSae: 2, l1Coefficient })).toThrow(InvalidArgumentError);
      }),
    );
  });
});
