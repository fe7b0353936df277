export { FeatureDictionary } from './feature-dictionary';
export { DEFAULT_FEATURE_DICTIONARY_SEED, MAX_DICTIONARY_ENTRIES } from './feature-dictionary-options';
export type { FeatureDictionaryInitializer, FeatureDictionaryOptions } from './feature-dictionary-options';
export { orthogonalInitializer } from './orthogonal-initializer';
export { ORTHOGONALIZE_TASK, orthogonalizeEmbeddings } from './orthogonalize-embeddings';
export type { OrthogonalizeOptions, OrthogonalizeSettings } from './orthogonalize-embeddings';
export { DEFAULT_ORTHOGONALIZE } from './orthogonalize-options';
