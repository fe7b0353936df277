/**
 * Where a command's synthetic model comes from: a saved directory, the SynthSAEBench-16k preset,
 * a config JSON file, or inline flags.
 */
import { readJson } from '@synth/core';
import type { Backend } from '@synth/core';
import { SyntheticModel, SyntheticModelConfig, ZipfianFiringProbabilityConfig, loadSyntheticModel, synthSaeBench16kConfig } from '@synth/activations';

/** The model flags shared by `generate`, `train` and `eval`. */
export interface ModelSourceOptions {
  readonly model?: string;
  readonly preset?: string;
  readonly config?: string;
  readonly features: number;
  readonly hiddenDim: number;
  readonly seed: number;
}

export const PRESETS = ['synthsaebench-16k'] as const;

/** Builds or loads the model the flags describe (a directory wins, then a preset, then a config file). */
export async function resolveModel(options: ModelSourceOptions, backend: Backend, onWarning: (message: string) => void): Promise<SyntheticModel> {
  if (options.model !== undefined) return loadSyntheticModel(options.model, { backend });
  const config =
    options.preset !== undefined ? synthSaeBench16kConfig()
    : options.config !== undefined ? SyntheticModelConfig.fromDict((await readJson(options.config)) as Record<string, unknown>)
    : new SyntheticModelConfig({
        numFeatures: options.features,
        hiddenDim: options.hiddenDim,
        firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 1, maxProb: 0.25, minProb: 0.02 }),
        bias: 0,
        seed: options.seed,
      });
  return SyntheticModel.create(config, { backend, onWarning });
}
