export { LowRankCorrelationConfig } from './low-rank-correlation-config';
export type { LowRankCorrelationConfigDict } from './low-rank-correlation-config';
export { OrthogonalizationConfig } from './orthogonalization-config';
export type { OrthogonalizationConfigDict } from './orthogonalization-config';
export { DEFAULT_MODEL_SEED, SyntheticModelConfig } from './model-config';
export type { MagnitudeSetting, SyntheticModelConfigDict, SyntheticModelConfigOptions } from './model-config';
export type { WarningListener } from './build-parts';
export type { SyntheticModelOptions, SyntheticModelParts } from './assemble-parts';
export { SyntheticModel } from './synthetic-model';
export type { SampleWithFeatures } from './synthetic-model';
export {
  SYNTHETIC_MODEL_CONFIG_FILENAME,
  SYNTHETIC_MODEL_HIERARCHY_FILENAME,
  SYNTHETIC_MODEL_WEIGHTS_FILENAME,
  SYNTH_MODEL_FORMAT_KEY,
  SYNTH_MODEL_FORMAT_VERSION,
} from './model-files';
export { loadSyntheticModel, loadSyntheticModelFromSource, saveSyntheticModel } from './model-io';
export { synthSaeBench16kConfig } from './presets';
