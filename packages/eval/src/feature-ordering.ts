/**
 * Orderings of SAE latents by the true feature each matches best, for similarity heatmaps.
 */
import type { Tensor2D } from '@synth/core';
import { InvalidArgumentError, ValidationError } from '@synth/core';
import type { Backend } from '@synth/core';
import { bestMatchIndices, cosineSimilarities } from './cosine-similarities';
import type { EvaluableSae, FeatureMap } from './eval-sae';

/**
 * A permutation of the SAE latents sorted by the index of their best-matching true feature
 * (largest `|cos|`). Ties keep latent order.
 *
 * @remarks SAELens sorts with an unstable sort, so its order among tied latents is unspecified;
 * synth's is stable.
 * @example
 * ```ts
 * const order = findBestFeatureOrdering(backend, sae.W_dec, featureVectors); // Int32Array permutation
 * ```
 */
export function findBestFeatureOrdering(backend: Backend, saeFeatures: Tensor2D, trueFeatures: Tensor2D): Int32Array {
  const best = bestMatchIndices(backend, saeFeatures, trueFeatures);
  return Int32Array.from(best.keys()).sort((a, b) => best[a]! - best[b]! || a - b);
}

/**
 * {@link findBestFeatureOrdering} for an SAE's decoder and a feature map's vectors.
 *
 * @example
 * ```ts
 * const order = findBestFeatureOrderingFromSae(backend, sae, featureDictionary);
 * ```
 */
export function findBestFeatureOrderingFromSae(backend: Backend, sae: EvaluableSae, featureMap: FeatureMap): Int32Array {
  return findBestFeatureOrdering(backend, sae.W_dec, featureMap.featureVectors);
}

/**
 * Picks one ordering for several SAEs trained on the same features: for each SAE, round its
 * signed cosine similarities to 2 decimals and score its own ordering by the mean of
 * `cos[ordering[j], j]` over the true features `j`; keep the best-scoring ordering (the first on
 * ties). Every SAE must have exactly one latent per true feature.
 *
 * @example
 * ```ts
 * const { ordering, bestSaeIndex } = findBestFeatureOrderingAcrossSaes(backend, [saeA, saeB], featureDictionary);
 * ```
 * @throws ValidationError "No SAEs provided" for an empty list.
 * @throws InvalidArgumentError when an SAE's latent count differs from the number of features.
 */
export function findBestFeatureOrderingAcrossSaes(
  backend: Backend,
  saes: readonly EvaluableSae[],
  featureMap: FeatureMap,
): { ordering: Int32Array; bestSaeIndex: number; score: number } {
  if (saes.length === 0) throw new ValidationError('No SAEs provided: expected at least one SAE.');
  const features = featureMap.featureVectors.shape[0];
  let best: { ordering: Int32Array; bestSaeIndex: number; score: number } | undefined;
  saes.forEach((sae, index) => {
    if (sae.W_dec.shape[0] !== features) {
      throw new InvalidArgumentError(`saes[${index}].W_dec`, `${features} latents (one per true feature)`, sae.W_dec);
    }
    const ordering = findBestFeatureOrderingFromSae(backend, sae, featureMap);
    const cos = cosineSimilarities(backend, sae.W_dec, featureMap.featureVectors);
    const values = cos.dataSync();
    cos.dispose();
    let total = 0;
    for (let j = 0; j < features; j++) total += Math.round(values[ordering[j]! * features + j]! * 100) / 100;
    const score = total / features;
    if (best === undefined || score > best.score) best = { ordering, bestSaeIndex: index, score };
  });
  return best!;
}
