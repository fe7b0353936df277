/**
 * Saving and loading synthetic models in SAELens's directory layout:
 * `synthetic_model_config.json`, `synthetic_model.safetensors` (feature_vectors, bias,
 * firing_probabilities, correlation_factor / correlation_diag) and `hierarchy.json`.
 *
 * @remarks synth also writes the per-feature magnitudes (`std_firing_magnitudes`,
 * `mean_firing_magnitudes`; SAELens's loader ignores extra tensors) so a reload is bit-identical
 * even with random magnitude configs, and rebuilds the correlation thresholds from the loaded
 * probabilities (SAELens keeps those of the regenerated ones). A directory SAELens wrote has no
 * magnitudes; they are regenerated from the config, as SAELens does.
 */
import { access } from 'node:fs/promises';
import { FormatError, readJson, readSafetensors, writeJson, writeSafetensors } from '@synth/core';
import type { Backend, SafetensorsTensor } from '@synth/core';
import { FeatureDictionary } from '@synth/dictionary';
import { Hierarchy } from '../hierarchy/index';
import type { HierarchyDict } from '../hierarchy/index';
import type { SyntheticModelParts } from './assemble-parts';
import { buildHierarchy, buildMagnitudes } from './build-parts';
import { SyntheticModelConfig } from './model-config';
import type { SyntheticModel } from './synthetic-model';

/** The config file of a model directory (SAELens's name). */
export const SYNTHETIC_MODEL_CONFIG_FILENAME = 'synthetic_model_config.json';
/** The tensors of a model directory (SAELens's name). */
export const SYNTHETIC_MODEL_WEIGHTS_FILENAME = 'synthetic_model.safetensors';
/** The hierarchy of a model directory, present only when the model has one (SAELens's name). */
export const SYNTHETIC_MODEL_HIERARCHY_FILENAME = 'hierarchy.json';
/**
 * Safetensors metadata key holding synth's format version. It lives in the metadata, not in the
 * config JSON, because SAELens's `SyntheticModelConfig.from_dict` raises on unknown keys while its
 * loader ignores safetensors metadata and extra tensors.
 */
export const SYNTH_MODEL_FORMAT_KEY = 'synth_model_format';
/** The format version synth writes; a directory without one (written by SAELens) reads as version 1. */
export const SYNTH_MODEL_FORMAT_VERSION = 1;

const join = (dir: string, file: string): string => `${dir.replace(/\/+$/, '')}/${file}`;

function f32(shape: number[], data: Float32Array | Float64Array): SafetensorsTensor {
  return { dtype: 'F32', shape, data: data instanceof Float32Array ? data : Float32Array.from(data) };
}

/**
 * Writes `model` to `dir` in SAELens's layout, each file atomically. Used by `SyntheticModel.save`.
 *
 * @internal
 */
export async function writeModelDirectory(model: SyntheticModel, dir: string): Promise<void> {
  const { config, featureDictionary, correlation, hierarchy, parts } = model;
  const tensors: Record<string, SafetensorsTensor> = {
    feature_vectors: f32([config.numFeatures, config.hiddenDim], (await featureDictionary.featureVectors.data()) as Float32Array),
    bias: f32([config.hiddenDim], (await featureDictionary.bias.data()) as Float32Array),
    firing_probabilities: f32([config.numFeatures], parts.firingProbabilities),
    std_firing_magnitudes: f32([config.numFeatures], parts.stdFiringMagnitudes),
    mean_firing_magnitudes: f32([config.numFeatures], parts.meanFiringMagnitudes),
  };
  if (correlation !== null) {
    tensors.correlation_factor = f32([correlation.numFeatures, correlation.rank], correlation.correlationFactor);
    tensors.correlation_diag = f32([correlation.numFeatures], correlation.correlationDiag);
  }
  await writeJson(join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME), config.toDict());
  await writeSafetensors(join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME), tensors, { [SYNTH_MODEL_FORMAT_KEY]: String(SYNTH_MODEL_FORMAT_VERSION) });
  if (hierarchy !== null) await writeJson(join(dir, SYNTHETIC_MODEL_HIERARCHY_FILENAME), hierarchy.toDict());
}

/** Runs `read`, turning any failure into a FormatError that names `file`. */
async function parse<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    if (cause instanceof FormatError) throw cause;
    throw new FormatError(cause instanceof Error ? cause.message : String(cause), { source: file, cause });
  }
}

function tensor(file: string, tensors: Record<string, SafetensorsTensor>, name: string, shape: readonly number[]): Float32Array {
  const found = tensors[name];
  if (found === undefined) throw new FormatError(`missing tensor '${name}'`, { source: file });
  if (found.dtype !== 'F32' || found.shape.length !== shape.length || found.shape.some((n, i) => n !== shape[i])) {
    throw new FormatError(`tensor '${name}' must be F32 of shape [${shape.join(', ')}], got ${found.dtype} [${found.shape.join(', ')}]`, { source: file });
  }
  return found.data as Float32Array;
}

/** Whether `path` exists. @internal */
export async function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function checkFormatVersion(file: string, metadata: Record<string, string> | undefined): void {
  const written = metadata?.[SYNTH_MODEL_FORMAT_KEY];
  if (written !== undefined && !(Number(written) >= 1 && Number(written) <= SYNTH_MODEL_FORMAT_VERSION)) {
    throw new FormatError(`written in synth model format ${written}; this synth reads formats 1 to ${SYNTH_MODEL_FORMAT_VERSION} (upgrade @synth/activations)`, { source: file });
  }
}

/** The correlation tensors, which must be present exactly when the config has a correlation. */
function readCorrelation(file: string, tensors: Record<string, SafetensorsTensor>, config: SyntheticModelConfig): SyntheticModelParts['correlation'] {
  const n = config.numFeatures;
  const hasCorrelation = tensors.correlation_factor !== undefined;
  if (hasCorrelation !== (config.correlation !== null)) {
    throw new FormatError(`the config ${config.correlation === null ? 'has no' : 'has a'} correlation but the weights ${hasCorrelation ? 'hold' : 'do not hold'} correlation_factor`, { source: file });
  }
  if (!hasCorrelation) return null;
  const rank = tensors.correlation_factor!.shape[1] ?? 0;
  return { numFeatures: n, rank, correlationFactor: tensor(file, tensors, 'correlation_factor', [n, rank]), correlationDiag: tensor(file, tensors, 'correlation_diag', [n]) };
}

/**
 * Reads a model directory written by synth or by SAELens. Used by `SyntheticModel.loadFromDisk`.
 *
 * @internal
 */
export async function readModelDirectory(dir: string, backend: Backend): Promise<{ config: SyntheticModelConfig; parts: SyntheticModelParts }> {
  const configFile = join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME);
  const weightsFile = join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME);
  const hierarchyFile = join(dir, SYNTHETIC_MODEL_HIERARCHY_FILENAME);
  const config = await parse(configFile, async () => SyntheticModelConfig.fromDict((await readJson(configFile)) as Record<string, unknown>));
  const { tensors, metadata } = await parse(weightsFile, () => readSafetensors(weightsFile));
  checkFormatVersion(weightsFile, metadata);
  const [n, d] = [config.numFeatures, config.hiddenDim];
  const vectors = tensor(weightsFile, tensors, 'feature_vectors', [n, d]);
  const bias = tensor(weightsFile, tensors, 'bias', [d]);
  const firingProbabilities = tensor(weightsFile, tensors, 'firing_probabilities', [n]);
  const correlation = readCorrelation(weightsFile, tensors, config);
  // As SAELens: the hierarchy file when present, else the one the config generates (if any).
  const hierarchy = (await fileExists(hierarchyFile)) ? await parse(hierarchyFile, async () => Hierarchy.fromDict((await readJson(hierarchyFile)) as HierarchyDict)) : buildHierarchy(config);
  const magnitudes =
    tensors.std_firing_magnitudes === undefined && tensors.mean_firing_magnitudes === undefined
      ? buildMagnitudes(config)
      : { std: tensor(weightsFile, tensors, 'std_firing_magnitudes', [n]), mean: tensor(weightsFile, tensors, 'mean_firing_magnitudes', [n]) };
  const featureDictionary = await FeatureDictionary.create({ numFeatures: n, hiddenDim: d, backend, bias: false, initializer: null });
  const [vectorTensor, biasTensor] = backend.tidy(() => [backend.tf.tensor2d(vectors, [n, d]), backend.tf.tensor1d(bias)] as const);
  featureDictionary.setFeatureVectors(vectorTensor);
  featureDictionary.setBias(biasTensor);
  backend.tf.dispose([vectorTensor, biasTensor]);
  const parts = { featureDictionary, firingProbabilities, stdFiringMagnitudes: magnitudes.std, meanFiringMagnitudes: magnitudes.mean, hierarchy, correlation };
  return { config, parts };
}
