/**
 * Test helpers: a central finite-difference check of an SAE's hand-written gradients, and a tiny
 * ground-truth feature map built from a tensor.
 */
import { Rng, sparseMatmul } from '@synth/core';
import type { Backend, SparseRows, Tensor, Tensor2D } from '@synth/core';
import type { FeatureMap } from '@synth/eval';
import type { TrainStepInput } from '../train-step';
import type { TrainingSAE } from '../training-sae';

/** Worst disagreement between analytic and numeric gradients, per parameter. */
export interface GradientCheckResult {
  readonly maxAbsError: Record<string, number>;
  readonly maxAbsGradient: Record<string, number>;
}

/**
 * Float32 central differences `(L(p + h) − L(p − h)) / 2h` for every coordinate of every
 * parameter. The step `h = (3ε)^(1/3) ≈ 7e-3` balances the truncation error (h²·|L'''|/6) against
 * float32 rounding in the loss (about ε·|L|·(ops)/h); with O(1) losses both are ~1e-4, so a
 * tolerance of 2e-3 leaves a 10× margin. Inputs must keep every kink (ReLU, top-k ties) farther
 * than h·max|x| from the evaluation point: {@link kinkMargin} measures that.
 */
export function finiteDifferenceCheck(sae: TrainingSAE, input: TrainStepInput): GradientCheckResult {
  const { tf } = sae.backend;
  const h = Math.cbrt(3 * 2 ** -23);
  const analytic = sae.computeGradients(input);
  const maxAbsError: Record<string, number> = {};
  const maxAbsGradient: Record<string, number> = {};
  const lossAt = (): number => {
    const out = sae.trainingForwardPass(input);
    const value = out.loss.dataSync()[0]!;
    tf.dispose([out.saeOut, out.featureActs, out.hiddenPre, out.loss, ...Object.values(out.losses)]);
    return value;
  };
  for (const [name, variable] of Object.entries(sae.parameters())) {
    const original = variable.dataSync().slice() as Float32Array;
    const grad = analytic.grads[name]!.dataSync();
    let worst = 0;
    let largest = 0;
    for (let i = 0; i < original.length; i++) {
      const shifted = original.slice();
      const set = (value: number): void => {
        shifted[i] = value;
        const t = tf.tensor(shifted, variable.shape);
        sae.setParameter(name, t);
        t.dispose();
      };
      set(original[i]! + h);
      const plus = lossAt();
      set(original[i]! - h);
      const minus = lossAt();
      const numeric = (plus - minus) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[i]!));
      largest = Math.max(largest, Math.abs(grad[i]!));
    }
    const t = tf.tensor(original, variable.shape);
    sae.setParameter(name, t);
    t.dispose();
    maxAbsError[name] = worst;
    maxAbsGradient[name] = largest;
  }
  tf.dispose([analytic.loss, analytic.firingCounts, ...Object.values(analytic.losses), ...Object.values(analytic.grads)]);
  return { maxAbsError, maxAbsGradient };
}

/** Smallest |hidden pre-activation| of the batch: how far the nearest ReLU kink is. */
export function kinkMargin(sae: TrainingSAE, x: Tensor2D): number {
  const [z, pre] = sae.encodeWithHiddenPre(x);
  const values = pre.dataSync();
  z.dispose();
  pre.dispose();
  return Math.min(...Array.from(values, Math.abs));
}

/** A normal `[rows, columns]` tensor from a seeded stream. */
export function randomTensor(backend: Backend, seed: number, rows: number, columns: number, std = 1): Tensor2D {
  const data = Rng.fromSeed(seed).fillNormal(new Float32Array(rows * columns), 0, std);
  return backend.tf.tensor2d(data, [rows, columns]);
}

/** Random weights for an SAE's parameters (normal, given std), by name, for gradient tests. */
export function randomWeights(sae: TrainingSAE, seed: number, std = 0.5): void {
  const rng = Rng.fromSeed(seed);
  for (const [name, variable] of Object.entries(sae.parameters())) {
    const data = rng.fillNormal(new Float32Array(variable.size), 0, std);
    const t: Tensor = sae.backend.tf.tensor(data, variable.shape);
    sae.setParameter(name, t);
    t.dispose();
  }
}

/** A ground-truth feature map `hidden = acts · featureVectors` (no bias) over a tensor it owns. */
export function tensorFeatureMap(backend: Backend, featureVectors: Tensor2D): FeatureMap & { dispose(): void } {
  return {
    featureVectors,
    forward: (acts: Tensor2D | SparseRows): Tensor2D =>
      'rowOffsets' in acts ? sparseMatmul(backend, acts, featureVectors) : backend.tidy(() => backend.tf.matMul(acts, featureVectors)),
    dispose: () => featureVectors.dispose(),
  };
}
