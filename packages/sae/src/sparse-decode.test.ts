import { describe, expect, it } from 'vitest';
import type { Tensor } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { MatryoshkaBatchTopKTrainingSAE } from './matryoshka-batchtopk-sae';
import { randomTensor, randomWeights } from './testing/finite-difference';
import { trainingTensorCounts } from './testing/tensor-count';
import { TopKTrainingSAE } from './topk-sae';
import type { TopKSaeOptions } from './topk-sae';
import type { TrainingSAE } from './training-sae';

// The dense decoder is the reference: the sparse one (useSparseActivations) must give the same
// loss and gradients. (Torch parity of the sparse path is in sae-parity.test.ts.)
const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('sparse decoding on %s', (_name, backend) => {
  const { tf } = backend;
  const base = { dIn: 16, dSae: 64, k: 4 };
  const cases: [string, (options: TopKSaeOptions) => TrainingSAE][] = [
    ['topk', (o) => new TopKTrainingSAE(backend, o)],
    ['topk, not rescaled', (o) => new TopKTrainingSAE(backend, { ...o, rescaleActsByDecoderNorm: false })],
    ['batchtopk', (o) => new BatchTopKTrainingSAE(backend, { ...o, k: 2.5 })],
    ['matryoshka batchtopk', (o) => new MatryoshkaBatchTopKTrainingSAE(backend, { ...o, matryoshkaWidths: [8, 24, 64] })],
  ];

  // AuxK off; 22 dead latents (more than k_aux = dIn/2 = 8); 4 dead (fewer: k_aux becomes 4).
  const deadPatterns: [string, ((i: number) => boolean) | null][] = [
    ['no AuxK', null],
    ['22 dead latents', (i) => i % 3 === 0],
    ['4 dead latents', (i) => i % 17 === 5],
  ];
  const withAuxK = cases.flatMap(([label, make]) => deadPatterns.map(([deadLabel, isDead]) => [label, deadLabel, isDead, make] as const));
  it.each(withAuxK)('%s, %s: the same loss and gradients as the dense decoder', (_label, _deadLabel, isDead, make) => {
    const [dense, sparse] = [make(base), make({ ...base, useSparseActivations: true })];
    randomWeights(dense, 3, 0.3);
    randomWeights(sparse, 3, 0.3);
    const x = randomTensor(backend, 4, 48, 16);
    // The sparse path works on the dead latents' columns only; the dense one masks live ones out.
    const dead = isDead === null ? null : tf.tensor1d(Array.from({ length: 64 }, (_, i) => isDead(i)), 'bool');
    const input = { saeIn: x, coefficients: {}, deadNeuronMask: dead, nTrainingSteps: 0 };
    const [a, b] = [dense.computeGradients(input), sparse.computeGradients(input)];
    expect(Object.keys(b.losses).sort()).toEqual(Object.keys(a.losses).sort());
    const compare = (label: string, expected: Tensor, actual: Tensor): void => {
      const [e, v] = [expected.dataSync(), actual.dataSync()];
      // Same float32 terms summed in another order (at most 64 per sum): 1e-5 of the largest value.
      const tolerance = 1e-5 * Math.max(1, ...Array.from(e, Math.abs));
      e.forEach((value, i) => {
        if (!(Math.abs(value - v[i]!) <= tolerance)) expect.fail(`${label}[${i}]: ${v[i]} vs ${value}`);
      });
    };
    compare('loss', a.loss, b.loss);
    for (const name of Object.keys(a.losses)) compare(name, a.losses[name]!, b.losses[name]!);
    for (const name of Object.keys(a.grads)) compare(`grad ${name}`, a.grads[name]!, b.grads[name]!);
    compare('firingCounts', a.firingCounts, b.firingCounts);
    for (const step of [a, b]) tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
    tf.dispose([x, ...(dead === null ? [] : [dead])]);
    dense.dispose();
    sparse.dispose();
  });

  it('keeps the tensor count flat over 300 sparse training steps (matryoshka batchtopk, AuxK active)', async () => {
    const sae = new MatryoshkaBatchTopKTrainingSAE(backend, { dIn: 8, dSae: 6, k: 2, matryoshkaWidths: [2, 6], useSparseActivations: true });
    expect(await trainingTensorCounts(backend, sae, 300)).toHaveLength(4);
    sae.dispose();
  });
});
