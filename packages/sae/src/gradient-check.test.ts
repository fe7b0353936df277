import { describe, expect, it } from 'vitest';
import type { Backend } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { GatedTrainingSAE } from './gated-sae';
import { JumpReLUTrainingSAE } from './jumprelu-sae';
import { MatryoshkaBatchTopKTrainingSAE } from './matryoshka-batchtopk-sae';
import { finiteDifferenceCheck, kinkMargin, randomTensor, randomWeights } from './testing/finite-difference';
import { TopKTrainingSAE } from './topk-sae';
import type { TrainingSAE } from './training-sae';

// Central differences on the cpu backend (float32); see finiteDifferenceCheck for the step and the
// 2e-3 tolerance. The standard SAE is checked in standard-sae.test.ts. AuxK is off here: its
// residual is detached by design (SAELens), so its gradient is not the derivative of the loss
// value; it, the JumpReLU threshold's straight-through estimate and every other gradient are
// checked against torch autograd at 1e-5 in sae-parity.test.ts.
const [backend] = await loadTestBackends(['cpu']);

/**
 * Top-k gap: the smallest distance between the k-th and (k+1)-th largest value of any row of `h`
 * (`perRow`), or of the whole ReLU'd batch for BatchTopK (`k` per row on average).
 */
function topKGap(sae: TrainingSAE, b: Backend, k: number, perRow: boolean): (x: ReturnType<typeof randomTensor>) => number {
  return (x) => {
    const [z, h] = sae.encodeWithHiddenPre(x);
    const rows = h.arraySync();
    b.tf.dispose([z, h]);
    const gap = (values: number[], count: number): number => {
      const sorted = [...values].sort((p, q) => q - p);
      return sorted[count - 1]! - sorted[count]!;
    };
    if (perRow) return Math.min(...rows.map((row) => gap(row, k)));
    return gap(rows.flat().map((v) => Math.max(v, 0)), k * rows.length);
  };
}

/** Smallest |π_gate| of a gated SAE: how far the nearest gate flip is (the gate passes no gradient). */
function gateMargin(sae: TrainingSAE, b: Backend, x: ReturnType<typeof randomTensor>): number {
  if (!(sae instanceof GatedTrainingSAE)) return Infinity;
  const params = sae.parameters();
  const pi = b.tidy(() => b.tf.abs(b.tf.add(b.tf.matMul(b.tf.sub(x, params.b_dec), params.W_enc), params.b_gate!)));
  const values = pi.dataSync();
  pi.dispose();
  return Math.min(...values);
}

describe('hand-written gradients vs central differences', () => {
  const b = backend!;
  const cases: [string, () => TrainingSAE, number, boolean][] = [
    ['topk, rescaled', () => new TopKTrainingSAE(b, { dIn: 4, dSae: 6, k: 2, decoderInitNorm: null }), 2, true],
    ['topk, not rescaled', () => new TopKTrainingSAE(b, { dIn: 4, dSae: 6, k: 3, rescaleActsByDecoderNorm: false, decoderInitNorm: null }), 3, true],
    ['batchtopk', () => new BatchTopKTrainingSAE(b, { dIn: 4, dSae: 6, k: 2, decoderInitNorm: null }), 2, false],
    ['matryoshka batchtopk (inner MSEs at 2 and 4)', () => new MatryoshkaBatchTopKTrainingSAE(b, { dIn: 4, dSae: 6, k: 2, matryoshkaWidths: [2, 4, 6], decoderInitNorm: null }), 2, false],
    ['gated (gate, magnitude, l1 and auxiliary reconstruction)', () => new GatedTrainingSAE(b, { dIn: 4, dSae: 6, l1Coefficient: 0.3, decoderInitNorm: null }), 0, true],
    ['jumprelu tanh (W and b; log_threshold is straight-through)', () => new JumpReLUTrainingSAE(b, { dIn: 4, dSae: 6, jumpreluSparsityLossMode: 'tanh', decoderInitNorm: null }), 0, true],
  ];
  it.each(cases)('%s', (_label, make, k, perRow) => {
    const sae = make();
    const x = randomTensor(b, 11, 5, 4);
    const dead = null;
    let seed = 200;
    const gap = k > 0 ? topKGap(sae, b, k, perRow) : () => Infinity;
    do randomWeights(sae, seed++);
    while (kinkMargin(sae, x) < 0.05 || gap(x) < 0.05 || gateMargin(sae, b, x) < 0.05);
    if (sae instanceof JumpReLUTrainingSAE) {
      // Thresholds well below the pre-activations' kinks: log θ = log 0.01.
      const t = b.tf.fill([6], Math.log(0.01));
      sae.setParameter('log_threshold', t);
      t.dispose();
    }
    const result = finiteDifferenceCheck(sae, { saeIn: x, coefficients: { l0: 0.3, l1: 0.3 }, deadNeuronMask: dead, nTrainingSteps: 0 });
    for (const name of Object.keys(sae.parameters()).filter((n) => n !== 'log_threshold')) {
      expect(result.maxAbsGradient[name]).toBeGreaterThan(0.01);
      expect(result.maxAbsError[name], name).toBeLessThan(2e-3);
    }
    x.dispose();
    sae.dispose();
  });
});
