/**
 * Function forms of `SyntheticModel.save`, `loadFromDisk` and `loadFromSource`, for callers that
 * prefer functions (and for the runner in `@synth/sae`, which uses them).
 */
import type { Backend } from '@synth/core';
import type { SyntheticModelOptions } from './assemble-parts';
import type { SyntheticModelConfig } from './model-config';
import { SyntheticModel } from './synthetic-model';

/**
 * `model.save(dir)`.
 *
 * @example
 * ```ts
 * await saveSyntheticModel(model, './my-model');
 * ```
 * @throws Errors of the file system (as a rejected promise).
 */
export async function saveSyntheticModel(model: SyntheticModel, dir: string): Promise<void> {
  await model.save(dir);
}

/**
 * `SyntheticModel.loadFromDisk(dir, options)`.
 *
 * @example
 * ```ts
 * const model = await loadSyntheticModel('./my-model', { backend });
 * ```
 * @throws FormatError naming the file and the problem (missing file, bad JSON, unknown generator
 *   name, wrong tensor shapes).
 */
export async function loadSyntheticModel(dir: string, options: { readonly backend: Backend }): Promise<SyntheticModel> {
  return SyntheticModel.loadFromDisk(dir, options);
}

/**
 * `SyntheticModel.loadFromSource(source, options)`: a config is built, a local path is loaded.
 *
 * @example
 * ```ts
 * const model = await loadSyntheticModelFromSource(new SyntheticModelConfig({ numFeatures: 64, hiddenDim: 16 }), { backend });
 * ```
 * @throws InvalidArgumentError for a Hugging Face id (downloading is out of scope); FormatError
 *   for a broken directory.
 */
export async function loadSyntheticModelFromSource(source: SyntheticModelConfig | string, options: SyntheticModelOptions): Promise<SyntheticModel> {
  return SyntheticModel.loadFromSource(source, options);
}
