/**
 * The docs' basic workflow as a reusable setup (tests and the benchmark share it): 16 features
 * firing with p = 0.25 at magnitude N(1, 0.05²), embedded as random unit vectors in 32 dims.
 */
import { Rng } from '@synth/core';
import type { Backend, SparseRows, Tensor2D } from '@synth/core';
import { ActivationGenerator } from '@synth/activations';
import type { FeatureMap } from '@synth/eval';
import { sparseMatmul } from '@synth/core';

/** Feature map, training generator and a separately seeded evaluation generator. */
export interface ToyWorkflow {
  readonly featureMap: FeatureMap & { dispose(): void };
  readonly generator: ActivationGenerator;
  readonly evalGenerator: ActivationGenerator;
}

/** Builds the basic workflow's data (16 random unit vectors in 32 dims are nearly orthogonal). */
export function basicToyWorkflow(backend: Backend, seed = 1): ToyWorkflow {
  const numFeatures = 16;
  const hiddenDim = 32;
  const data = Rng.fromSeed(seed).split('feature-vectors').fillNormal(new Float32Array(numFeatures * hiddenDim));
  for (let r = 0; r < numFeatures; r++) {
    let sum = 0;
    for (let c = 0; c < hiddenDim; c++) sum += data[r * hiddenDim + c]! ** 2;
    for (let c = 0; c < hiddenDim; c++) data[r * hiddenDim + c]! /= Math.sqrt(sum);
  }
  backend.activate();
  const featureVectors = backend.tf.tensor2d(data, [numFeatures, hiddenDim]);
  const featureMap = {
    featureVectors,
    forward: (acts: Tensor2D | SparseRows): Tensor2D =>
      'rowOffsets' in acts ? sparseMatmul(backend, acts, featureVectors) : backend.tidy(() => backend.tf.matMul(acts, featureVectors)),
    dispose: () => featureVectors.dispose(),
  };
  const options = { numFeatures, firingProbabilities: 0.25, stdFiringMagnitudes: 0.05, meanFiringMagnitudes: 1, backend };
  return {
    featureMap,
    generator: new ActivationGenerator({ ...options, seed: seed + 1 }),
    evalGenerator: new ActivationGenerator({ ...options, seed: seed + 2 }),
  };
}
