/**
 * `SyntheticSAERunner`: trains an SAE on a synthetic model end to end — checkpoints that resume
 * bit for bit, periodic evaluation to `metrics.jsonl`, a final evaluation, and SAELens's output
 * files.
 */
import { Rng, createProgressReporter, writeJson, writeSafetensors } from '@synth/core';
import type { Backend, ProgressOptions } from '@synth/core';
import { loadSyntheticModelFromSource, saveSyntheticModel } from '@synth/activations';
import type { SyntheticModel } from '@synth/activations';
import { evalSaeOnSyntheticData } from '@synth/eval';
import type { SyntheticDataEvalResult } from '@synth/eval';
import { SAETrainer, checkpointThresholds } from '../sae-trainer';
import { saeFromConfigDict, saveSae } from '../sae-io';
import { SyntheticActivationIterator } from '../synthetic-activation-iterator';
import type { TrainingSAE } from '../training-sae';
import { appendJsonLine, replaceDirectory } from './run-files';
import type { SyntheticSAERunnerConfig } from './runner-config';

export const RUNNER_CONFIG_FILENAME = 'runner_config.json';
export const METRICS_FILENAME = 'metrics.jsonl';

/** What a run returns. */
export interface SyntheticSAERunnerResult {
  readonly sae: TrainingSAE;
  readonly syntheticModel: SyntheticModel;
  readonly finalEval: SyntheticDataEvalResult | null;
  readonly outputPath: string | null;
}

/** Options of {@link SyntheticSAERunner}. */
export interface SyntheticSAERunnerOptions extends ProgressOptions {
  readonly backend: Backend;
  readonly overrideSyntheticModel?: SyntheticModel;
  readonly overrideSae?: TrainingSAE;
  /** A checkpoint directory to resume from (written by an earlier run with the same config). */
  readonly resumeFrom?: string;
  /** Receives warnings (e.g. `d_in` changed to the model's hidden dimension). */
  readonly onWarning?: (message: string) => void;
}

/**
 * @example
 * ```ts
 * const result = await new SyntheticSAERunner(config, { backend }).run();
 * console.log(result.finalEval?.mcc);
 * ```
 */
export class SyntheticSAERunner {
  constructor(readonly cfg: SyntheticSAERunnerConfig, readonly options: SyntheticSAERunnerOptions) {}

  /**
   * Runs training, evaluation and saving.
   *
   * @throws TrainingDivergedError when the loss stops being finite (checkpoints already written stay).
   */
  async run(): Promise<SyntheticSAERunnerResult> {
    const { cfg, options } = this;
    const { backend } = options;
    const warn = options.onWarning ?? ((message: string) => console.warn(message));
    const model = options.overrideSyntheticModel ?? (await loadSyntheticModelFromSource(cfg.syntheticModel, { backend }));
    const hiddenDim = model.config.hiddenDim;
    if (cfg.sae.d_in !== undefined && cfg.sae.d_in !== hiddenDim) warn(`sae.d_in ${JSON.stringify(cfg.sae.d_in)} does not match the model's hidden_dim ${hiddenDim}; using ${hiddenDim}.`);
    // Activation normalisation is the trainer's job here; the SAE itself always sees 'none'.
    const { normalize_activations: normalize, ...saeDict } = cfg.sae;
    const sae = options.overrideSae ?? saeFromConfigDict(backend, { seed: cfg.seed, ...saeDict, d_in: hiddenDim }, {});
    const root = Rng.fromSeed(cfg.seed);
    const evalGenerator = model.createGenerator(root.split('evaluation'));
    const iterator = new SyntheticActivationIterator(backend, model.featureDictionary, model.activationGenerator, cfg.batchSize);
    const evaluate = (numSamples: number): Promise<SyntheticDataEvalResult> =>
      evalSaeOnSyntheticData(backend, sae, model.featureDictionary, evalGenerator, { numSamples, batchSize: cfg.batchSize });
    const pendingCheckpoints = checkpointThresholds(cfg.trainingSamples, cfg.nCheckpoints);
    const progress = createProgressReporter('periodic-eval', undefined, options.onProgress);
    const trainer = new SAETrainer(backend, sae, { next: () => iterator.nextAsync(), get state() { return iterator.state; }, restoreState: (s) => iterator.restoreState(s) }, {
      totalTrainingSamples: cfg.trainingSamples,
      trainBatchSizeSamples: cfg.batchSize,
      lr: cfg.lr,
      lrWarmUpSteps: cfg.lrWarmUpSteps,
      lrDecaySteps: cfg.lrDecaySteps,
      lrSchedulerName: cfg.lrSchedulerName,
      lrEnd: cfg.lrEnd,
      adamBeta1: cfg.adamBeta1,
      adamBeta2: cfg.adamBeta2,
      nRestartCycles: cfg.nRestartCycles,
      deadFeatureWindow: cfg.deadFeatureWindow,
      featureSamplingWindow: cfg.featureSamplingWindow,
      ...(normalize === 'expected_average_only_in' ? { normalizeActivations: normalize } : {}),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      afterStep: async (t) => {
        // Checkpoints and evaluations happen between steps, where the trainer's state is whole.
        while (pendingCheckpoints.length > 0 && t.nTrainingSamples > pendingCheckpoints[0]!) {
          pendingCheckpoints.shift();
          await this.#checkpoint(t, `${cfg.checkpointPath}/${t.nTrainingSamples}`);
        }
        if (cfg.evalFrequency > 0 && t.nTrainingSteps % cfg.evalFrequency === 0) {
          const result = await evaluate(cfg.evalSamples);
          const line = { step: t.nTrainingSteps, samples: t.nTrainingSamples, ...result.toLogDict('synthetic/') };
          progress.advance(1, line);
          if (cfg.outputPath !== null) await appendJsonLine(`${cfg.outputPath}/${METRICS_FILENAME}`, line);
        }
      },
    });
    try {
      if (options.resumeFrom !== undefined) {
        await trainer.restoreState(options.resumeFrom);
        while (pendingCheckpoints.length > 0 && trainer.nTrainingSamples >= pendingCheckpoints[0]!) pendingCheckpoints.shift();
      }
      await trainer.fit();
      const finalEval = cfg.evalSamples > 0 && cfg.runFinalEval ? await evaluate(cfg.evalSamples) : null;
      if (cfg.outputPath !== null) await this.#saveOutputs(trainer, model, finalEval);
      return { sae, syntheticModel: model, finalEval, outputPath: cfg.outputPath };
    } finally {
      trainer.dispose();
      evalGenerator.dispose();
    }
  }

  /** Writes a complete checkpoint into a temporary directory, then moves it into place. */
  async #checkpoint(trainer: SAETrainer, directory: string): Promise<void> {
    await replaceDirectory(directory, async (tmp) => {
      await trainer.saveState(tmp);
      await saveSae(trainer.sae, tmp);
      await writeJson(`${tmp}/${RUNNER_CONFIG_FILENAME}`, this.cfg.toDict());
    });
  }

  async #saveOutputs(trainer: SAETrainer, model: SyntheticModel, finalEval: SyntheticDataEvalResult | null): Promise<void> {
    const out = this.cfg.outputPath!;
    await saveSae(trainer.sae, out, { inference: true });
    const sparsity = trainer.featureSparsity.map((f) => Math.log10(f + 1e-10));
    await writeSafetensors(`${out}/sparsity.safetensors`, { sparsity: { dtype: 'F32', shape: [sparsity.length], data: sparsity } });
    await writeJson(`${out}/${RUNNER_CONFIG_FILENAME}`, this.cfg.toDict());
    if (this.cfg.saveSyntheticModel) await saveSyntheticModel(model, `${out}/synthetic_model`);
    if (finalEval !== null) await writeJson(`${out}/eval_stats.json`, finalEval.toDict());
  }
}
