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
import { FormatError, readJson, readSafetensors, writeJson, writeSafetensors } from '@synth/core';
import type { Backend, SafetensorsTensor } from '@synth/core';
import { FeatureDictionary } from '@synth/dictionary';
import { Hierarchy } from '../hierarchy/index';
import type { HierarchyDict } from '../hierarchy/index';
import { buildHierarchy, buildMagnitudes } from './build-parts';
import { SyntheticModelConfig } from './model-config';
import { SyntheticModel } from './synthetic-model';

export const SYNTHETIC_MODEL_CONFIG_FILENAME = 'synthetic_model_config.json';
export const SYNTHETIC_MODEL_WEIGHTS_FILENAME = 'synthetic_model.safetensors';
export const SYNTHETIC_MODEL_HIERARCHY_FILENAME = 'hierarchy.json';
/** Safetensors metadata key naming synth's file format version. */
export const SYNTH_MODEL_FORMAT_KEY = 'synth_model_format';
const SYNTH_MODEL_FORMAT = '1';

const join = (dir: string, file: string): string => `${dir.replace(/\/+$/, '')}/${file}`;

function f32(shape: number[], data: Float32Array | Float64Array): SafetensorsTensor {
  return { dtype: 'F32', shape, data: data instanceof Float32Array ? data : Float32Array.from(data) };
}

/**
 * Writes the model to `dir` (created if needed). Every file is written atomically.
 *
 * @example
 * ```ts
 * await saveSyntheticModel(model, './my-model');
 * ```
 */
export async function saveSyntheticModel(model: SyntheticModel, dir: string): Promise<void> {
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
  await writeSafetensors(join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME), tensors, { [SYNTH_MODEL_FORMAT_KEY]: SYNTH_MODEL_FORMAT });
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

async function fileExists(path: string): Promise<boolean> {
  const { access } = await import('node:fs/promises');
  return access(path).then(() => true, () => false);
}

/**
 * Loads a model directory written by synth or by SAELens.
 *
 * @example
 * ```ts
 * const model = await loadSyntheticModel('./my-model', { backend });
 * ```
 * @throws FormatError naming the file and the problem (missing file, bad JSON, unknown generator
 *   name, wrong tensor shapes).
 */
export async function loadSyntheticModel(dir: string, options: { backend: Backend }): Promise<SyntheticModel> {
  const configFile = join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME);
  const weightsFile = join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME);
  const hierarchyFile = join(dir, SYNTHETIC_MODEL_HIERARCHY_FILENAME);
  const config = await parse(configFile, async () => SyntheticModelConfig.fromDict((await readJson(configFile)) as Record<string, unknown>));
  const { tensors } = await parse(weightsFile, () => readSafetensors(weightsFile));
  const [n, d] = [config.numFeatures, config.hiddenDim];
  const vectors = tensor(weightsFile, tensors, 'feature_vectors', [n, d]);
  const bias = tensor(weightsFile, tensors, 'bias', [d]);
  const firingProbabilities = tensor(weightsFile, tensors, 'firing_probabilities', [n]);
  const hasCorrelation = tensors.correlation_factor !== undefined;
  if (hasCorrelation !== (config.correlation !== null)) {
    throw new FormatError(`the config ${config.correlation === null ? 'has no' : 'has a'} correlation but the weights ${hasCorrelation ? 'do' : 'do not'} hold correlation_factor`, { source: weightsFile });
  }
  const rank = tensors.correlation_factor?.shape[1] ?? 0;
  const correlation = hasCorrelation
    ? { numFeatures: n, rank, correlationFactor: tensor(weightsFile, tensors, 'correlation_factor', [n, rank]), correlationDiag: tensor(weightsFile, tensors, 'correlation_diag', [n]) }
    : null;
  const hierarchy = (await fileExists(hierarchyFile))
    ? await parse(hierarchyFile, async () => Hierarchy.fromDict((await readJson(hierarchyFile)) as HierarchyDict))
    : buildHierarchy(config);
  const magnitudes = tensors.std_firing_magnitudes === undefined ? buildMagnitudes(config) : {
    std: tensor(weightsFile, tensors, 'std_firing_magnitudes', [n]),
    mean: tensor(weightsFile, tensors, 'mean_firing_magnitudes', [n]),
  };
  const { backend } = options;
  const featureDictionary = await FeatureDictionary.create({ numFeatures: n, hiddenDim: d, backend, bias: false, initializer: null });
  const [vectorTensor, biasTensor] = backend.tidy(() => [backend.tf.tensor2d(vectors, [n, d]), backend.tf.tensor1d(bias)] as const);
  featureDictionary.setFeatureVectors(vectorTensor);
  featureDictionary.setBias(biasTensor);
  backend.tf.dispose([vectorTensor, biasTensor]);
  return SyntheticModel.fromParts(config, backend, {
    featureDictionary,
    firingProbabilities,
    stdFiringMagnitudes: magnitudes.std,
    meanFiringMagnitudes: magnitudes.mean,
    hierarchy,
    correlation,
  });
}

/**
 * A model from a config (built) or a local directory (loaded).
 *
 * @remarks SAELens also accepts Hugging Face ids (`repo` or `repo:subdir`); downloading is out of
 * scope here, so anything that is not a config or a path to a directory throws.
 * @throws FormatError for a string that is not an existing directory.
 */
export async function loadSyntheticModelFromSource(source: SyntheticModelConfig | string, options: { backend: Backend }): Promise<SyntheticModel> {
  if (source instanceof SyntheticModelConfig) return SyntheticModel.create(source, options);
  if (!(await fileExists(join(source, SYNTHETIC_MODEL_CONFIG_FILENAME)))) {
    throw new FormatError(`no ${SYNTHETIC_MODEL_CONFIG_FILENAME} here: expected a local model directory (downloading from Hugging Face is not supported)`, { source });
  }
  return loadSyntheticModel(source, options);
}
