/**
 * `synth eval`: evaluate a saved SAE (SAELens's `cfg.json` + `sae_weights.safetensors`) against a
 * saved synthetic model.
 */
import { resolve } from 'node:path';
import { Rng, createBackend } from '@synth/core';
import type { BackendRequest, ProgressListener } from '@synth/core';
import { loadSyntheticModel } from '@synth/activations';
import { evalSaeOnSyntheticData } from '@synth/eval';
import type { SyntheticDataEvalResult } from '@synth/eval';
import { loadSae } from '@synth/sae';

export interface EvalOptions {
  readonly backend: BackendRequest;
  readonly sae: string;
  readonly model: string;
  readonly samples: number;
  readonly batchSize: number;
  /** Seeds the evaluation samples; without it they come from the model's own activation stream. */
  readonly seed?: number;
  readonly json: boolean;
}

/** Runs `synth eval`. */
export async function runEval(options: EvalOptions, onProgress?: ProgressListener): Promise<SyntheticDataEvalResult> {
  const backend = await createBackend(options.backend);
  const [sae, model] = await Promise.all([loadSae(backend, resolve(options.sae)), loadSyntheticModel(resolve(options.model), { backend })]);
  const generator = options.seed === undefined ? model.activationGenerator : model.createGenerator(Rng.fromSeed(options.seed).split('evaluation'));
  try {
    return await evalSaeOnSyntheticData(backend, sae, model.featureDictionary, generator, {
      numSamples: options.samples,
      batchSize: options.batchSize,
      ...(onProgress === undefined ? {} : { onProgress }),
    });
  } finally {
    if (generator !== model.activationGenerator) generator.dispose();
    sae.dispose();
    model.dispose();
  }
}
