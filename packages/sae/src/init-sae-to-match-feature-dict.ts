/**
 * `initSaeToMatchFeatureDict` (SPEC §1.12).
 */
import { InvalidArgumentError, Rng, assertInteger } from '@synth/core';
import type { FeatureMap } from '@synth/eval';
import { assertNumberAtLeast } from './sae-config';
import type { TrainingSAE } from './training-sae';

/** Options of {@link initSaeToMatchFeatureDict}. */
export interface InitSaeToMatchOptions {
  /** σ of Gaussian noise added to the copied vectors (default 0). */
  readonly noiseLevel?: number;
  /** Row order of the feature vectors to copy (indices into them). */
  readonly featureOrdering?: ArrayLike<number>;
  /** Seed of the noise (default 0); ignored when `rng` is given. */
  readonly seed?: number;
  readonly rng?: Rng;
}

/**
 * Sets `W_enc[:, :k] = V[:k]ᵀ + N(0, 1)·noiseLevel` with `V` the (optionally reordered) feature
 * vectors and `k = min(dSae, numFeatures)`; the other encoder columns keep their values. Then
 * the whole `W_dec` becomes `W_encᵀ`.
 *
 * @remarks The noise comes from synth's `Rng` (same law as torch's, not the same numbers).
 * Indices in `featureOrdering` are validated (SAELens would index out of range or wrap negatives).
 * @example
 * ```ts
 * initSaeToMatchFeatureDict(sae, featureMap, { noiseLevel: 0.01, seed: 1 });
 * ```
 * @throws InvalidArgumentError when the feature vectors' width is not `dIn`, for a bad index in
 * `featureOrdering`, or a negative noise level.
 */
export function initSaeToMatchFeatureDict(sae: TrainingSAE, featureMap: Pick<FeatureMap, 'featureVectors'>, options: InitSaeToMatchOptions = {}): void {
  const noiseLevel = options.noiseLevel ?? 0;
  assertNumberAtLeast('noiseLevel', noiseLevel, 0);
  const [numFeatures, hiddenDim] = featureMap.featureVectors.shape;
  const { dIn, dSae } = sae.cfg;
  if (hiddenDim !== dIn) throw new InvalidArgumentError('featureMap.featureVectors', `${dIn} columns (the SAE's dIn)`, hiddenDim);
  const ordering = options.featureOrdering === undefined ? null : Array.from(options.featureOrdering);
  if (ordering !== null) ordering.forEach((index, i) => assertInteger(`featureOrdering[${i}]`, index, 0, numFeatures - 1));
  const rows = ordering?.length ?? numFeatures;
  const vectors = featureMap.featureVectors.dataSync();
  const encoder = Float32Array.from(sae.W_enc.dataSync());
  const k = Math.min(dSae, rows);
  const noise = new Float32Array(dIn * k);
  if (noiseLevel > 0) (options.rng ?? Rng.fromSeed(options.seed ?? 0).split('init-sae-noise')).fillNormal(noise);
  for (let j = 0; j < k; j++) {
    const source = ordering === null ? j : ordering[j]!;
    for (let d = 0; d < dIn; d++) encoder[d * dSae + j] = Math.fround(vectors[source * dIn + d]! + noise[d * k + j]! * noiseLevel);
  }
  const decoder = new Float32Array(dSae * dIn);
  for (let d = 0; d < dIn; d++) for (let j = 0; j < dSae; j++) decoder[j * dIn + d] = encoder[d * dSae + j]!;
  const { tf } = sae.backend;
  sae.backend.activate();
  const W_enc = tf.tensor2d(encoder, [dIn, dSae]);
  const W_dec = tf.tensor2d(decoder, [dSae, dIn]);
  sae.setParameter('W_enc', W_enc);
  sae.setParameter('W_dec', W_dec);
  tf.dispose([W_enc, W_dec]);
}
