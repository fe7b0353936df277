export { Registry } from './registry';
export { DEFAULT_DISTRIBUTION_SEED } from './distribution-seed';
export type { DistributionSeed } from './distribution-seed';
export type { ConfigDict } from './config-fields';
export { zipfianFiringProbabilities } from './zipfian-firing-probabilities';
export type { ZipfianFiringProbabilityOptions } from './zipfian-firing-probabilities';
export { linearFiringProbabilities } from './linear-firing-probabilities';
export type { LinearFiringProbabilityOptions } from './linear-firing-probabilities';
export { randomFiringProbabilities } from './random-firing-probabilities';
export type { RandomFiringProbabilityOptions } from './random-firing-probabilities';
export {
  FiringProbabilityConfig,
  getFiringProbabilityClass,
  getFiringProbabilityRegistry,
  registerFiringProbability,
} from './firing-probability-config';
export type { FiringProbabilityConfigClass, SerializedConfig } from './firing-probability-config';
export {
  ConstantFiringProbabilityConfig,
  LinearFiringProbabilityConfig,
  RandomFiringProbabilityConfig,
  ZipfianFiringProbabilityConfig,
} from './firing-probability-configs';
export { MagnitudeConfig, generateMagnitudes, getMagnitudeClass, getMagnitudeRegistry, registerMagnitude } from './magnitude-config';
export type { MagnitudeConfigClass } from './magnitude-config';
export { ConstantMagnitudeConfig, ExponentialMagnitudeConfig, LinearMagnitudeConfig } from './magnitude-configs';
export { FoldedNormalMagnitudeConfig } from './folded-normal-magnitude-config';
export type { FoldedNormalMagnitudeOptions } from './folded-normal-magnitude-config';
