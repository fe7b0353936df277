import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError, normalUpperThresholds, readSafetensors, writeSafetensors } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { FoldedNormalMagnitudeConfig, LinearFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import { SYNTHETIC_MODEL_CONFIG_FILENAME, SYNTHETIC_MODEL_HIERARCHY_FILENAME, SYNTHETIC_MODEL_WEIGHTS_FILENAME, SYNTH_MODEL_FORMAT_KEY } from './model-files';
import { loadSyntheticModelFromSource } from './model-io';
import { SyntheticModel } from './synthetic-model';

const backend = (await loadTestBackends(['wasm']))[0]!;
const quiet = { backend, onWarning: (): void => {} };
const scratch = mkdtempSync(join(tmpdir(), 'synth-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = (correlated: boolean): SyntheticModelConfig =>
  new SyntheticModelConfig({
    numFeatures: 48,
    hiddenDim: 12,
    firingProbability: new LinearFiringProbabilityConfig({ maxProb: 0.4, minProb: 0.05 }),
    hierarchy: new HierarchyConfig({ totalRootNodes: 4, branchingFactor: 3, maxDepth: 2, mutuallyExclusivePortion: 0.5, compensateProbabilities: true }),
    correlation: correlated ? new LowRankCorrelationConfig({ rank: 4 }) : null,
    stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.2, std: 0.1 }),
    meanFiringMagnitudes: 2,
    seed: 9,
  });

const read = async (tensor: { data(): Promise<ArrayLike<number>> }): Promise<number[]> => Array.from(await tensor.data());

async function saved(name: string, correlated: boolean): Promise<string> {
  const model = await SyntheticModel.create(config(correlated), quiet);
  const dir = join(scratch, name);
  await model.save(dir);
  model.dispose();
  return dir;
}

describe('save and loadFromDisk', () => {
  it('writes SAELens’s files plus the magnitudes, and reloads bit-identically, stream included', async () => {
    const model = await SyntheticModel.create(config(true), quiet);
    const dir = join(scratch, 'roundtrip');
    await model.save(dir);
    const { tensors, metadata } = await readSafetensors(join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME));
    expect(Object.keys(tensors).sort()).toEqual(['bias', 'correlation_diag', 'correlation_factor', 'feature_vectors', 'firing_probabilities', 'mean_firing_magnitudes', 'std_firing_magnitudes']);
    expect(metadata[SYNTH_MODEL_FORMAT_KEY]).toBe('1');
    expect(JSON.parse(readFileSync(join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME), 'utf8'))).toEqual(model.config.toDict());
    const loaded = await SyntheticModel.loadFromDisk(dir, { backend });
    expect(loaded.config.equals(model.config)).toBe(true);
    expect(await read(loaded.featureDictionary.featureVectors)).toEqual(await read(model.featureDictionary.featureVectors));
    expect(await read(loaded.featureDictionary.bias)).toEqual(await read(model.featureDictionary.bias));
    expect(loaded.firingProbabilities).toEqual(model.firingProbabilities);
    expect(loaded.parts.stdFiringMagnitudes).toEqual(model.parts.stdFiringMagnitudes);
    expect(loaded.parts.meanFiringMagnitudes).toEqual(model.parts.meanFiringMagnitudes);
    expect(loaded.hierarchy!.equals(model.hierarchy!)).toBe(true);
    expect(Array.from(loaded.correlation!.correlationFactor)).toEqual(Array.from(model.correlation!.correlationFactor));
    const [a, b] = [await model.sampleAsync(256), await loaded.sampleAsync(256)];
    expect(await read(b)).toEqual(await read(a));
    backend.tf.dispose([a, b]);
    for (const m of [model, loaded]) m.dispose();
  });

  it('takes the correlation thresholds from the loaded probabilities (SAELens keeps the regenerated ones)', async () => {
    const dir = await saved('thresholds', true);
    const weightsPath = join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME);
    const { tensors, metadata } = await readSafetensors(weightsPath);
    const edited = Float32Array.from(tensors.firing_probabilities!.data as Float32Array, (p) => p / 2);
    await writeSafetensors(weightsPath, { ...tensors, firing_probabilities: { dtype: 'F32', shape: [48], data: edited } }, metadata);
    const loaded = await SyntheticModel.loadFromDisk(dir, { backend });
    expect(loaded.firingProbabilities).toEqual(edited);
    expect(Array.from(loaded.activationGenerator.correlationThresholds!)).toEqual(Array.from(normalUpperThresholds(edited)));
    loaded.dispose();
  });

  it('rejects a broken directory with a FormatError naming the file and the problem', async () => {
    const dir = await saved('broken', false);
    const configPath = join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME);
    const weightsPath = join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME);
    const hierarchyPath = join(dir, SYNTHETIC_MODEL_HIERARCHY_FILENAME);
    const goodConfig = readFileSync(configPath, 'utf8');
    const goodHierarchy = readFileSync(hierarchyPath, 'utf8');
    const { tensors, metadata } = await readSafetensors(weightsPath);
    const expectFormatError = async (file: string, message: RegExp): Promise<void> => {
      const error = await SyntheticModel.loadFromDisk(dir, { backend }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FormatError);
      expect((error as FormatError).source).toBe(file);
      expect((error as FormatError).message).toMatch(message);
    };
    writeFileSync(configPath, '{ not json');
    await expectFormatError(configPath, /JSON|Unexpected|token/i);
    writeFileSync(configPath, goodConfig.replace('"generator_name": "linear"', '"generator_name": "nope"'));
    await expectFormatError(configPath, /Unknown name: 'nope'/);
    writeFileSync(configPath, goodConfig.replace('"hidden_dim": 12', '"hidden_dim": 13'));
    await expectFormatError(weightsPath, /feature_vectors.*\[48, 13\]/);
    writeFileSync(configPath, goodConfig.replace('"correlation": null', '"correlation": { "rank": 2 }'));
    await expectFormatError(weightsPath, /has a correlation but the weights do not hold correlation_factor/);
    writeFileSync(configPath, goodConfig);
    writeFileSync(hierarchyPath, '{ "roots": [{ "feature_index": "x" }] }');
    await expectFormatError(hierarchyPath, /./);
    writeFileSync(hierarchyPath, goodHierarchy);
    await writeSafetensors(weightsPath, tensors, { [SYNTH_MODEL_FORMAT_KEY]: '2' });
    await expectFormatError(weightsPath, /synth model format 2/);
    const { bias: _dropped, ...withoutBias } = tensors;
    await writeSafetensors(weightsPath, withoutBias, metadata);
    await expectFormatError(weightsPath, /missing tensor 'bias'/);
    writeFileSync(weightsPath, readFileSync(weightsPath).subarray(0, 40));
    await expectFormatError(weightsPath, /./);
    rmSync(weightsPath);
    await expectFormatError(weightsPath, /not found|ENOENT/i);
  });
});

describe('loadFromSource', () => {
  it('builds a config, loads a local path, and refuses Hugging Face ids with a typed error', async () => {
    const fromConfig = await SyntheticModel.loadFromSource(config(false), quiet);
    expect(fromConfig.config.equals(config(false))).toBe(true);
    const dir = await saved('source', false);
    const fromPath = await loadSyntheticModelFromSource(dir, quiet);
    expect(await read(fromPath.featureDictionary.featureVectors)).toEqual(await read(fromConfig.featureDictionary.featureVectors));
    for (const m of [fromConfig, fromPath]) m.dispose();
    for (const id of ['decoderesearch/synth-sae-bench-16k-v2', 'decoderesearch/variations:misc/model-a']) {
      const error = await SyntheticModel.loadFromSource(id, quiet).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/Hugging Face Hub; downloading is out of scope/);
    }
    await expect(SyntheticModel.loadFromSource('./nowhere', quiet)).rejects.toThrow(FormatError);
  });
});
