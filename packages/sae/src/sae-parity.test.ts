import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SafetensorsTensor, Tensor } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import type { BatchTopKTrainingSAE } from './batchtopk-sae';
import { loadSae, saeFromConfigDict, saveSae } from './sae-io';

const backends = await loadTestBackends();
const fixtures = new URL('./__fixtures__/', import.meta.url).pathname;
const forward = JSON.parse(readFileSync(join(fixtures, 'sae-forward.json'), 'utf8')) as {
  cases: {
    name: string;
    config: Record<string, unknown>;
    weights: Record<string, number[] | number[][]>;
    input: number[][];
    coefficients: Record<string, number>;
    deadNeuronMask: boolean[] | null;
    featureActs: number[][];
    hiddenPre: number[][];
    saeOut: number[][];
    encode: number[][];
    decode: number[][];
    loss: number;
    losses: Record<string, number>;
    grads: Record<string, number[] | number[][]>;
    topkThresholdAfter?: number;
  }[];
};
const saved = JSON.parse(readFileSync(join(fixtures, 'sae-saved.json'), 'utf8')) as {
  cases: Record<string, { input: number[][]; encode: number[][]; decode: number[][] }>;
};

/** Float32 results of a few dozen ops on O(1) values: 1e-5 relative to max(1, |expected|). */
function expectClose(actual: ArrayLike<number>, expected: unknown, label: string): void {
  const flat = [expected].flat(3) as number[];
  expect(actual.length, label).toBe(flat.length);
  flat.forEach((e, i) => {
    const tolerance = 1e-5 * Math.max(1, Math.abs(e));
    if (!(Math.abs(actual[i]! - e) <= tolerance)) expect.fail(`${label}[${i}]: ${actual[i]} vs ${e}`);
  });
}

function weightsOf(weights: Record<string, number[] | number[][]>): Record<string, SafetensorsTensor> {
  const out: Record<string, SafetensorsTensor> = {};
  for (const [name, value] of Object.entries(weights)) {
    const shape = Array.isArray(value[0]) ? [value.length, value[0].length] : [value.length];
    out[name] = { dtype: 'F32', shape, data: Float32Array.from(value.flat()) };
  }
  return out;
}

describe.each(backends.map((b) => [b.name, b] as const))('SAELens parity on %s', (_name, backend) => {
  const { tf } = backend;
  it.each(forward.cases.map((c) => [c.name, c] as const))('%s: forward, losses and gradients match torch to 1e-5', async (_n, c) => {
    const sae = saeFromConfigDict(backend, c.config, weightsOf(c.weights));
    const x = tf.tensor2d(c.input);
    const dead = c.deadNeuronMask === null ? null : tf.tensor1d(c.deadNeuronMask, 'bool');
    const input = { saeIn: x, coefficients: c.coefficients, deadNeuronMask: dead, nTrainingSteps: 0 };
    await expectNoTensorLeak(backend, () => {
      const out = sae.trainingForwardPass(input);
      expectClose(out.featureActs.dataSync(), c.featureActs, 'featureActs');
      expectClose(out.hiddenPre.dataSync(), c.hiddenPre, 'hiddenPre');
      expectClose(out.saeOut.dataSync(), c.saeOut, 'saeOut');
      expectClose(out.loss.dataSync(), [c.loss], 'loss');
      for (const [name, value] of Object.entries(c.losses)) expectClose(out.losses[name]!.dataSync(), [value], name);
      expect(Object.keys(out.losses).sort()).toEqual(Object.keys(c.losses).sort());
      tf.dispose([out.saeOut, out.featureActs, out.hiddenPre, out.loss, ...Object.values(out.losses)]);
      if (c.topkThresholdAfter !== undefined) expect((sae as BatchTopKTrainingSAE).topkThreshold).toBeCloseTo(c.topkThresholdAfter, 9);
      const step = sae.computeGradients(input);
      for (const [name, value] of Object.entries(c.grads)) expectClose(step.grads[name]!.dataSync(), value, `grad ${name}`);
      expectClose(step.loss.dataSync(), [c.loss], 'step loss');
      tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
      const z = sae.encode(x);
      const xHat = sae.decode(z);
      expectClose(z.dataSync(), c.encode, 'encode');
      expectClose(xHat.dataSync(), c.decode, 'decode');
      tf.dispose([z, xHat]);
    });
    tf.dispose([x, ...(dead === null ? [] : [dead])]);
    sae.dispose();
  });

  const topKFamily = forward.cases.filter((c) => 'use_sparse_activations' in c.config);
  it.each(topKFamily.map((c) => [c.name, c] as const))('%s with useSparseActivations: the sparse decoder gives torch’s loss and gradients to 1e-5', async (_n, c) => {
    const sae = saeFromConfigDict(backend, { ...c.config, use_sparse_activations: true }, weightsOf(c.weights));
    const x = tf.tensor2d(c.input);
    const dead = c.deadNeuronMask === null ? null : tf.tensor1d(c.deadNeuronMask, 'bool');
    await expectNoTensorLeak(backend, () => {
      const step = sae.computeGradients({ saeIn: x, coefficients: c.coefficients, deadNeuronMask: dead, nTrainingSteps: 0 });
      expectClose(step.loss.dataSync(), [c.loss], 'step loss');
      for (const [name, value] of Object.entries(c.losses)) expectClose(step.losses[name]!.dataSync(), [value], name);
      for (const [name, value] of Object.entries(c.grads)) expectClose(step.grads[name]!.dataSync(), value, `grad ${name}`);
      tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)] as Tensor[]);
    });
    if (c.topkThresholdAfter !== undefined) expect((sae as BatchTopKTrainingSAE).topkThreshold).toBeCloseTo(c.topkThresholdAfter, 9);
    tf.dispose([x, ...(dead === null ? [] : [dead])]);
    sae.dispose();
  });

  const architectureOf: Record<string, string> = { matryoshka: 'matryoshka_batchtopk' };
  it.each(['standard', 'topk', 'batchtopk', 'matryoshka', 'gated'])('loads the %s directories SAELens wrote (save_model and save_inference_model)', async (arch) => {
    const expected = saved.cases[arch]!;
    const x = tf.tensor2d(expected.input);
    const batchTopK = arch === 'batchtopk' || arch === 'matryoshka';
    for (const kind of ['model', 'inference']) {
      const sae = await loadSae(backend, join(fixtures, `sae-${arch}-${kind}`));
      expect(sae.architecture).toBe(kind === 'inference' && batchTopK ? 'jumprelu' : (architectureOf[arch] ?? arch));
      const z = sae.encode(x);
      const xHat = sae.decode(z);
      // The inference BatchTopK is a JumpReLU: per-row, so its latents differ from batch top-k by design.
      if (!(batchTopK && kind === 'inference')) expectClose(xHat.dataSync(), expected.decode, `${arch}-${kind} decode`);
      tf.dispose([z, xHat]);
      // Round trip through synth's writer: same config dict and weights.
      const dir = mkdtempSync(join(tmpdir(), 'synth-sae-'));
      try {
        await saveSae(sae, dir, { inference: kind === 'inference' });
        const again = await loadSae(backend, dir);
        expect(again.configDict()).toEqual(sae.configDict());
        if (kind === 'model') {
          for (const [name, tensor] of Object.entries(sae.stateDict())) expect(Array.from(again.stateDict()[name]!.data)).toEqual(Array.from(tensor.data));
        } else {
          // Re-folding already unit-norm decoder rows moves values by float32 rounding only.
          for (const [name, tensor] of Object.entries(sae.inferenceStateDict())) expectClose(again.inferenceStateDict()[name]!.data, Array.from(tensor.data), name);
        }
        again.dispose();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      sae.dispose();
    }
    x.dispose();
  });

  it('writes cfg.json with the keys SAELens writes', async () => {
    const reference = JSON.parse(readFileSync(join(fixtures, 'sae-topk-model/cfg.json'), 'utf8')) as Record<string, unknown>;
    const referenceInference = JSON.parse(readFileSync(join(fixtures, 'sae-batchtopk-inference/cfg.json'), 'utf8')) as Record<string, unknown>;
    const sae = await loadSae(backend, join(fixtures, 'sae-topk-model'));
    expect(sae.configDict()).toEqual(reference);
    sae.dispose();
    const batch = await loadSae(backend, join(fixtures, 'sae-batchtopk-model'));
    expect(batch.inferenceConfigDict()).toEqual(referenceInference);
    expect(Object.keys(batch.inferenceStateDict()).sort()).toEqual(['W_dec', 'W_enc', 'b_dec', 'b_enc', 'threshold']);
    batch.dispose();
  });
});
