export { LowRankCorrelationConfig, OrthogonalizationConfig, SyntheticModelConfig } from './model-config';
export type { MagnitudeSetting, SyntheticModelConfigDict, SyntheticModelConfigOptions } from './model-config';
export { DEFAULT_MODEL_SEED } from './build-parts';
export type { WarningListener } from './build-parts';
export { SyntheticModel } from './synthetic-model';
export type { SampleWithFeatures, SyntheticModelOptions, SyntheticModelParts } from './synthetic-model';
export {
  SYNTHETIC_MODEL_CONFIG_FILENAME,
  SYNTHETIC_MODEL_HIERARCHY_FILENAME,
  SYNTHETIC_MODEL_WEIGHTS_FILENAME,
  SYNTH_MODEL_FORMAT_KEY,
  loadSyntheticModel,
  loadSyntheticModelFromSource,
  saveSyntheticModel,
} from './model-files';
export { synthSaeBench16kConfig } from './presets';
