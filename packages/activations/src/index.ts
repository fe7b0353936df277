export { ActivationGenerator } from './activation-generator';
export { DEFAULT_ACTIVATION_SEED, MAX_FEATURES } from './activation-generator-options';
export type { ActivationGeneratorOptions } from './activation-generator-options';
export { normalizeModifiers } from './activations-modifier';
export type { ActivationsModifier, ActivationsModifierInput, DenseActivationsModifier, ModifierContext } from './activations-modifier';
export { fromDenseModifier } from './dense-modifier';
export { BLOCK_ROWS } from './block-stream';
export type { CorrelationInput, LowRankCorrelationPair } from './correlation-option';
export type { FeatureValuesInput } from './feature-values';
export type { ActivationGeneratorState } from './generator-state';
export {
  ConstantFiringProbabilityConfig,
  ConstantMagnitudeConfig,
  DEFAULT_DISTRIBUTION_SEED,
  ExponentialMagnitudeConfig,
  FiringProbabilityConfig,
  FoldedNormalMagnitudeConfig,
  LinearFiringProbabilityConfig,
  LinearMagnitudeConfig,
  MagnitudeConfig,
  RandomFiringProbabilityConfig,
  Registry,
  ZipfianFiringProbabilityConfig,
  generateMagnitudes,
  getFiringProbabilityClass,
  getFiringProbabilityRegistry,
  getMagnitudeClass,
  getMagnitudeRegistry,
  linearFiringProbabilities,
  randomFiringProbabilities,
  registerFiringProbability,
  registerMagnitude,
  zipfianFiringProbabilities,
} from './distributions/index';
export type {
  ConfigDict,
  DistributionSeed,
  FiringProbabilityConfigClass,
  FoldedNormalMagnitudeOptions,
  LinearFiringProbabilityOptions,
  MagnitudeConfigClass,
  RandomFiringProbabilityOptions,
  SerializedConfig,
  ZipfianFiringProbabilityOptions,
} from './distributions/index';
export {
  DEFAULT_HIERARCHY_SEED,
  HIERARCHY_STREAM,
  Hierarchy,
  HierarchyConfig,
  HierarchyNode,
  applyHierarchyDense,
  generateHierarchy,
  hierarchyModifier,
  validateHierarchy,
} from './hierarchy/index';
export type {
  HierarchyConfigDict,
  HierarchyConfigOptions,
  HierarchyDict,
  HierarchyModifier,
  HierarchyModifierOptions,
  HierarchyNodeDict,
  HierarchyNodeOptions,
} from './hierarchy/index';
export {
  DEFAULT_MODEL_SEED,
  LowRankCorrelationConfig,
  OrthogonalizationConfig,
  SYNTHETIC_MODEL_CONFIG_FILENAME,
  SYNTHETIC_MODEL_HIERARCHY_FILENAME,
  SYNTHETIC_MODEL_WEIGHTS_FILENAME,
  SYNTH_MODEL_FORMAT_KEY,
  SYNTH_MODEL_FORMAT_VERSION,
  SyntheticModel,
  SyntheticModelConfig,
  loadSyntheticModel,
  loadSyntheticModelFromSource,
  saveSyntheticModel,
  synthSaeBench16kConfig,
} from './synthetic-model/index';
export type {
  LowRankCorrelationConfigDict,
  MagnitudeSetting,
  OrthogonalizationConfigDict,
  SampleWithFeatures,
  SyntheticModelConfigDict,
  SyntheticModelConfigOptions,
  SyntheticModelOptions,
  SyntheticModelParts,
  WarningListener,
} from './synthetic-model/index';
