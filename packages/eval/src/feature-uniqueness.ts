/**
 * Feature uniqueness: do different SAE latents find different true features?
 */
import { InvalidArgumentError } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';
import { bestMatchIndices } from './cosine-similarities';
import type { BlockOptions } from './cosine-similarities';

/**
 * The number of distinct true features that are some SAE latent's best match (largest `|cos|`,
 * first index on ties), divided by the number of latents. 1 when every latent tracks its own
 * feature; 0 for an SAE with no latents.
 *
 * @example
 * ```ts
 * featureUniqueness(backend, sae.W_dec, featureDictionary.featureVectors); // 1.0 for a perfect SAE
 * ```
 * @throws InvalidArgumentError when the widths differ, or when there are latents but no true
 *   features to match them to (SAELens fails there too, on an empty argmax).
 */
export function featureUniqueness(backend: Backend, saeFeatures: Tensor2D, trueFeatures: Tensor2D, options: BlockOptions = {}): number {
  const latents = saeFeatures.shape[0];
  if (latents === 0) return 0;
  if (trueFeatures.shape[0] === 0) throw new InvalidArgumentError('trueFeatures', 'at least one feature vector to match latents to', trueFeatures);
  return new Set(bestMatchIndices(backend, saeFeatures, trueFeatures, options)).size / latents;
}
