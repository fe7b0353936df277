export { SyntheticSAERunnerConfig } from './runner-config';
export type { SaeConfigDict, SyntheticSAERunnerOptions as SyntheticSAERunnerConfigOptions } from './runner-config';
export { METRICS_FILENAME, RUNNER_CONFIG_FILENAME, SyntheticSAERunner } from './synthetic-sae-runner';
export type { SyntheticSAERunnerOptions, SyntheticSAERunnerResult } from './synthetic-sae-runner';
