import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '@synth/core';
import type { Tensor } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { MatryoshkaBatchTopKTrainingSAE } from './matryoshka-batchtopk-sae';
import type { MatryoshkaBatchTopKSaeOptions } from './matryoshka-batchtopk-sae';
import { randomTensor, randomWeights } from './testing/finite-difference';
import { trainingTensorCounts } from './testing/tensor-count';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('MatryoshkaBatchTopKTrainingSAE on %s', (_name, backend) => {
  const { tf } = backend;

  it('appends dSae with SAELens’s warning and names one inner MSE per inner width', () => {
    const warnings: string[] = [];
    const sae = new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 4, dSae: 6, k: 2, matryoshkaWidths: [2, 4], onWarning: (m) => warnings.push(m) });
    expect(sae.cfg.matryoshkaWidths).toEqual([2, 4, 6]);
    expect(warnings).toEqual(['WARNING: The final matryoshka level width is not set to cfg.d_sae. A final matryoshka level of width=cfg.d_sae will be added.']);
    expect(sae.configDict()).toMatchObject({ architecture: 'matryoshka_batchtopk', matryoshka_widths: [2, 4, 6], topk_threshold_lr: 0.01 });
    expect(sae.inferenceConfigDict().architecture).toBe('jumprelu');
    const x = randomTensor(backend, 3, 5, 4);
    const step = sae.computeGradients({ saeIn: x, coefficients: {}, deadNeuronMask: null, nTrainingSteps: 0 });
    expect(Object.keys(step.losses).sort()).toEqual(['auxiliary_reconstruction_loss', 'inner_mse_loss_2', 'inner_mse_loss_4', 'mse_loss']);
    tf.dispose([x, step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
    sae.dispose();
  });

  it('with the single level [dSae] equals BatchTopK exactly (loss, gradients, threshold)', () => {
    const warnings: string[] = [];
    const matryoshka = new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 4, dSae: 6, k: 1.5, matryoshkaWidths: [6], onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringContaining('only set one matryoshka level') as string]);
    const plain = new BatchTopKTrainingSAE(backend, { dIn: 4, dSae: 6, k: 1.5 });
    randomWeights(matryoshka, 9);
    randomWeights(plain, 9);
    const x = randomTensor(backend, 4, 7, 4);
    const dead = tf.tensor1d([true, false, true, false, false, true], 'bool');
    const input = { saeIn: x, coefficients: {}, deadNeuronMask: dead, nTrainingSteps: 0 };
    const [a, b] = [matryoshka.computeGradients(input), plain.computeGradients(input)];
    expect(a.loss.dataSync()).toEqual(b.loss.dataSync());
    for (const name of Object.keys(b.grads)) expect(a.grads[name]!.dataSync()).toEqual(b.grads[name]!.dataSync());
    expect(matryoshka.topkThreshold).toBe(plain.topkThreshold);
    for (const step of [a, b]) tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
    tf.dispose([x, dead]);
    matryoshka.dispose();
    plain.dispose();
  });

  it('encode/decode/trainingForwardPass leak nothing, and the tensor count stays flat over 300 training steps', async () => {
    const sae = new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2, matryoshkaWidths: [2, 4, 6] });
    const x = randomTensor(backend, 1, 3, 8);
    await expectNoTensorLeak(backend, () => {
      const z = sae.encode(x);
      tf.dispose([z, sae.decode(z)]);
      const out = sae.trainingForwardPass({ saeIn: x, coefficients: {}, deadNeuronMask: null, nTrainingSteps: 0 });
      tf.dispose([out.saeOut, out.featureActs, out.hiddenPre, out.loss, ...Object.values(out.losses)]);
    });
    x.dispose();
    expect(await trainingTensorCounts(backend, sae, 300)).toHaveLength(4);
    sae.dispose();
  });
});

describe('MatryoshkaBatchTopKTrainingSAE validation', () => {
  const backend = backends[0]!;
  const quiet = { dIn: 4, dSae: 6, onWarning: () => undefined };
  it.each([
    [{ matryoshkaWidths: [] }, 'Invalid matryoshkaWidths: expected a non-empty array'],
    [{ matryoshkaWidths: [2, 0, 6] }, 'Invalid matryoshkaWidths[1]: expected an integer >= 1'],
    [{ matryoshkaWidths: [2.5, 6] }, 'Invalid matryoshkaWidths[0]'],
    [{ matryoshkaWidths: [4, 2, 6] }, 'cfg.matryoshka_widths must be strictly increasing.'],
    [{ matryoshkaWidths: [3, 3, 6] }, 'cfg.matryoshka_widths must be strictly increasing.'],
    [{ matryoshkaWidths: [2, 8] }, 'cfg.matryoshka_widths must be strictly increasing.'],
    [{ matryoshkaWidths: [2, 6], k: -1 }, 'Invalid k'],
    [{ matryoshkaWidths: [2, 6], topkThresholdLr: Number.NaN }, 'Invalid topkThresholdLr'],
  ] as [Partial<MatryoshkaBatchTopKSaeOptions>, string][])('rejects %o', (options, message) => {
    const make = (): MatryoshkaBatchTopKTrainingSAE => new MatryoshkaBatchTopKTrainingSAE(backend, { ...quiet, matryoshkaWidths: [6], ...options });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it('accepts exactly the strictly increasing widths in [1, dSae] (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }), (widths) => {
        const withLast = widths.at(-1) === 6 ? widths : [...widths, 6];
        const valid = withLast.every((w, i) => i === 0 || withLast[i - 1]! < w);
        const make = (): MatryoshkaBatchTopKTrainingSAE => new MatryoshkaBatchTopKTrainingSAE(backend, { ...quiet, matryoshkaWidths: widths });
        if (valid) {
          const sae = make();
          expect(sae.cfg.matryoshkaWidths).toEqual(withLast);
          sae.dispose();
        } else expect(make).toThrow('cfg.matryoshka_widths must be strictly increasing.');
      }),
      { numRuns: 60 },
    );
  });
});
