/**
 * `SyntheticSAERunnerConfig`: everything one training run needs, serialised with SAELens's
 * snake_case keys (`runner_config.json`).
 */
import { InvalidArgumentError, ValidationError, assertInteger } from '@synth/core';
import { SyntheticModelConfig } from '@synth/activations';

/** SAE architecture name plus its options in SAELens's snake_case (`d_in`, `d_sae`, `k`, `l1_coefficient`, …). */
export type SaeConfigDict = { readonly architecture: string } & Readonly<Record<string, unknown>>;

/** Options of {@link SyntheticSAERunnerConfig}; defaults are SAELens's. */
export interface SyntheticSAERunnerOptions {
  /** A model config to build, or a directory to load. */
  readonly syntheticModel: SyntheticModelConfig | string;
  readonly sae: SaeConfigDict;
  readonly trainingSamples?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly lrWarmUpSteps?: number;
  readonly lrDecaySteps?: number;
  readonly lrSchedulerName?: string;
  /** Default `lr / 10`. */
  readonly lrEnd?: number | null;
  readonly adamBeta1?: number;
  readonly adamBeta2?: number;
  readonly nRestartCycles?: number;
  readonly nCheckpoints?: number;
  readonly checkpointPath?: string;
  /** Where the final files go; `null` writes nothing. */
  readonly outputPath?: string | null;
  readonly saveSyntheticModel?: boolean;
  /** Evaluate every this many steps (0: never). */
  readonly evalFrequency?: number;
  readonly evalSamples?: number;
  readonly runFinalEval?: boolean;
  readonly deadFeatureWindow?: number;
  readonly featureSamplingWindow?: number;
  /** Seed of the SAE initialisation and of the evaluation stream. */
  readonly seed?: number;
}

const DEFAULTS = {
  trainingSamples: 100_000_000,
  batchSize: 1024,
  lr: 3e-4,
  lrWarmUpSteps: 0,
  lrDecaySteps: 0,
  lrSchedulerName: 'constant',
  adamBeta1: 0.9,
  adamBeta2: 0.999,
  nRestartCycles: 1,
  nCheckpoints: 0,
  checkpointPath: 'checkpoints',
  outputPath: 'output',
  saveSyntheticModel: false,
  evalFrequency: 0,
  evalSamples: 500_000,
  runFinalEval: true,
  deadFeatureWindow: 1000,
  featureSamplingWindow: 2000,
  seed: 0,
} as const;

const SNAKE: Record<string, string> = {
  trainingSamples: 'training_samples', batchSize: 'batch_size', lr: 'lr', lrWarmUpSteps: 'lr_warm_up_steps', lrDecaySteps: 'lr_decay_steps',
  lrSchedulerName: 'lr_scheduler_name', lrEnd: 'lr_end', adamBeta1: 'adam_beta1', adamBeta2: 'adam_beta2', nRestartCycles: 'n_restart_cycles',
  nCheckpoints: 'n_checkpoints', checkpointPath: 'checkpoint_path', outputPath: 'output_path', saveSyntheticModel: 'save_synthetic_model',
  evalFrequency: 'eval_frequency', evalSamples: 'eval_samples', runFinalEval: 'run_final_eval', deadFeatureWindow: 'dead_feature_window',
  featureSamplingWindow: 'feature_sampling_window', seed: 'seed',
};

/**
 * A validated runner configuration.
 *
 * @remarks `evalFrequency > 0` runs periodic evaluations whenever set (SAELens only runs them when
 * logging to wandb) and writes them to `metrics.jsonl`; there is no external logger.
 * @example
 * ```ts
 * const cfg = new SyntheticSAERunnerConfig({ syntheticModel: './model', sae: { architecture: 'batchtopk', d_sae: 4096, k: 25 }, trainingSamples: 1e6 });
 * ```
 * @throws InvalidArgumentError naming the field that breaks a rule.
 */
export class SyntheticSAERunnerConfig {
  readonly syntheticModel: SyntheticModelConfig | string;
  readonly sae: SaeConfigDict;
  readonly trainingSamples: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly lrWarmUpSteps: number;
  readonly lrDecaySteps: number;
  readonly lrSchedulerName: string;
  readonly lrEnd: number;
  readonly adamBeta1: number;
  readonly adamBeta2: number;
  readonly nRestartCycles: number;
  readonly nCheckpoints: number;
  readonly checkpointPath: string;
  readonly outputPath: string | null;
  readonly saveSyntheticModel: boolean;
  readonly evalFrequency: number;
  readonly evalSamples: number;
  readonly runFinalEval: boolean;
  readonly deadFeatureWindow: number;
  readonly featureSamplingWindow: number;
  readonly seed: number;

  constructor(options: SyntheticSAERunnerOptions) {
    if (typeof options.sae?.architecture !== 'string') throw new InvalidArgumentError('sae.architecture', 'an architecture name', options.sae?.architecture);
    const merged = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & SyntheticSAERunnerOptions;
    this.syntheticModel = options.syntheticModel;
    this.sae = options.sae;
    this.trainingSamples = merged.trainingSamples;
    this.batchSize = merged.batchSize;
    this.lr = merged.lr;
    this.lrWarmUpSteps = merged.lrWarmUpSteps;
    this.lrDecaySteps = merged.lrDecaySteps;
    this.lrSchedulerName = merged.lrSchedulerName;
    this.lrEnd = options.lrEnd ?? merged.lr / 10;
    this.adamBeta1 = merged.adamBeta1;
    this.adamBeta2 = merged.adamBeta2;
    this.nRestartCycles = merged.nRestartCycles;
    this.nCheckpoints = merged.nCheckpoints;
    this.checkpointPath = merged.checkpointPath;
    this.outputPath = options.outputPath === undefined ? DEFAULTS.outputPath : options.outputPath;
    this.saveSyntheticModel = merged.saveSyntheticModel;
    this.evalFrequency = merged.evalFrequency;
    this.evalSamples = merged.evalSamples;
    this.runFinalEval = merged.runFinalEval;
    this.deadFeatureWindow = merged.deadFeatureWindow;
    this.featureSamplingWindow = merged.featureSamplingWindow;
    this.seed = merged.seed;
    for (const name of ['trainingSamples', 'lrWarmUpSteps', 'lrDecaySteps', 'nCheckpoints', 'evalFrequency', 'evalSamples', 'deadFeatureWindow', 'seed'] as const) assertInteger(name, this[name], 0);
    for (const name of ['batchSize', 'nRestartCycles', 'featureSamplingWindow'] as const) assertInteger(name, this[name], 1);
  }

  /** `total_training_steps = training_samples // batch_size`. */
  get totalTrainingSteps(): number {
    return Math.floor(this.trainingSamples / this.batchSize);
  }

  /** `runner_config.json`: SAELens's keys; the model as a dict or the path string. */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      synthetic_model: typeof this.syntheticModel === 'string' ? this.syntheticModel : this.syntheticModel.toDict(),
      sae: this.sae,
    };
    for (const [camel, snake] of Object.entries(SNAKE)) out[snake] = this[camel as keyof this];
    return out;
  }

  /**
   * Inverse of {@link toDict}, with SAELens's checks in its order.
   *
   * @throws ValidationError "sae field is required in the config dictionary", "architecture field
   *   is required in the sae dictionary", "synthetic_model field is required in the config dictionary".
   */
  static fromDict(dict: Record<string, unknown>): SyntheticSAERunnerConfig {
    if (dict.sae === undefined || dict.sae === null) throw new ValidationError('sae field is required in the config dictionary');
    if (typeof (dict.sae as { architecture?: unknown }).architecture !== 'string') throw new ValidationError('architecture field is required in the sae dictionary');
    if (dict.synthetic_model === undefined || dict.synthetic_model === null) throw new ValidationError('synthetic_model field is required in the config dictionary');
    const options: Record<string, unknown> = {
      syntheticModel: typeof dict.synthetic_model === 'string' ? dict.synthetic_model : SyntheticModelConfig.fromDict(dict.synthetic_model as Record<string, unknown>),
      sae: dict.sae,
    };
    for (const [camel, snake] of Object.entries(SNAKE)) if (dict[snake] !== undefined) options[camel] = dict[snake];
    return new SyntheticSAERunnerConfig(options as unknown as SyntheticSAERunnerOptions);
  }
}
