/**
 * `synth train`: train an SAE on a synthetic model and write SAELens's output files
 * (`sae_weights.safetensors`, `cfg.json`, `eval_stats.json`, optionally `synthetic_model/`).
 */
import { join, resolve } from 'node:path';
import { FormatError, createBackend, readJson, writeJson } from '@synth/core';
import type { BackendRequest, ProgressListener } from '@synth/core';
import { saveSyntheticModel } from '@synth/activations';
import { evalSaeOnSyntheticData } from '@synth/eval';
import type { SyntheticDataEvalResult } from '@synth/eval';
import { SyntheticSAERunner, SyntheticSAERunnerConfig, saveSae, trainToySae } from '@synth/sae';
import { createTrainingSae } from '../sae-architectures';
import type { Architecture } from '../sae-architectures';
import { resolveModel } from './model-source';
import type { ModelSourceOptions } from './model-source';

export interface TrainOptions extends ModelSourceOptions {
  readonly backend: BackendRequest;
  readonly architecture: Architecture;
  readonly dSae: number;
  readonly k: number;
  readonly l1: number;
  readonly samples: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly evalSamples: number;
  readonly out: string;
  readonly saveModel: boolean;
  readonly json: boolean;
  /** A runner_config.json: train with SyntheticSAERunner (checkpoints, periodic eval) instead of the flags. */
  readonly runnerConfig?: string;
}

/** `synth train --runner-config file`: the whole SyntheticSAERunner from a SAELens-style config. */
async function runFromRunnerConfig(path: string, options: TrainOptions, onProgress?: ProgressListener): Promise<{ out: string; evaluation: SyntheticDataEvalResult }> {
  const dict = await readJson(path);
  const cfg = SyntheticSAERunnerConfig.fromDict(dict as Record<string, unknown>);
  const backend = await createBackend(options.backend);
  const result = await new SyntheticSAERunner(cfg, { backend, onWarning: (m) => console.error(`synth: warning: ${m}`), ...(onProgress === undefined ? {} : { onProgress }) }).run();
  result.sae.dispose();
  result.syntheticModel.dispose();
  if (result.finalEval === null) throw new FormatError('the runner config disables the final evaluation (run_final_eval false or eval_samples 0); nothing to report', { source: path });
  return { out: resolve(result.outputPath ?? '.'), evaluation: result.finalEval };
}

/** Runs `synth train`; returns the evaluation for the caller to print. */
export async function runTrain(options: TrainOptions, onProgress?: ProgressListener): Promise<{ out: string; evaluation: SyntheticDataEvalResult }> {
  if (options.runnerConfig !== undefined) return runFromRunnerConfig(options.runnerConfig, options, onProgress);
  const backend = await createBackend(options.backend);
  const model = await resolveModel(options, backend, (message) => console.error(`synth: warning: ${message}`));
  const sae = createTrainingSae(backend, { ...options, dIn: model.config.hiddenDim, l1Coefficient: options.l1 }, { seed: options.seed });
  await trainToySae(backend, sae, model.featureDictionary, model.activationGenerator, {
    trainingSamples: options.samples,
    batchSize: options.batchSize,
    lr: options.lr,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const evaluation = await evalSaeOnSyntheticData(backend, sae, model.featureDictionary, model.activationGenerator, {
    numSamples: options.evalSamples,
    batchSize: options.batchSize,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const out = resolve(options.out);
  await saveSae(sae, out, { inference: true });
  await writeJson(join(out, 'eval_stats.json'), evaluation.toDict());
  if (options.saveModel) await saveSyntheticModel(model, join(out, 'synthetic_model'));
  sae.dispose();
  model.dispose();
  return { out, evaluation };
}
