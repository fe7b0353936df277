/**
 * `orthogonalInitializer`: the default `FeatureDictionary` initializer, which orthogonalises the
 * dictionary's random unit vectors.
 */
import type { FeatureDictionary, FeatureDictionaryInitializer } from './feature-dictionary';
import { orthogonalizeEmbeddings } from './orthogonalize-embeddings';
import type { OrthogonalizeSettings } from './orthogonalize-embeddings';
import { validateOrthogonalizeSettings } from './orthogonalize-options';

/**
 * An initializer that replaces a dictionary's feature vectors with
 * `orthogonalizeEmbeddings(featureVectors, settings)` on the dictionary's backend, like SAELens's
 * `orthogonal_initializer` (defaults: 200 steps, lr 0.01, blocks of 1024 rows).
 *
 * The settings are checked here, when the initializer is made, so a bad value fails where it was
 * written rather than inside `FeatureDictionary.create`.
 *
 * @example
 * ```ts
 * const dictionary = await FeatureDictionary.create({
 *   numFeatures: 32, hiddenDim: 16, backend, seed: 7,
 *   initializer: orthogonalInitializer({ numSteps: 50 }),
 * });
 * ```
 * @throws InvalidArgumentError naming `numSteps`, `lr`, `chunkSize` or `onProgress`.
 */
export function orthogonalInitializer(settings: OrthogonalizeSettings = {}): FeatureDictionaryInitializer {
  const resolved = validateOrthogonalizeSettings(settings);
  return async (dictionary: FeatureDictionary): Promise<void> => {
    const vectors = await orthogonalizeEmbeddings(dictionary.featureVectors, {
      backend: dictionary.backend,
      numSteps: resolved.numSteps,
      lr: resolved.lr,
      chunkSize: resolved.chunkSize,
      onProgress: resolved.onProgress,
    });
    try {
      dictionary.setFeatureVectors(vectors);
    } finally {
      vectors.dispose();
    }
  };
}
