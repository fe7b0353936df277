import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError, readSafetensors, writeSafetensors } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { ConstantMagnitudeConfig, FoldedNormalMagnitudeConfig, LinearFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { SYNTHETIC_MODEL_CONFIG_FILENAME, SYNTHETIC_MODEL_HIERARCHY_FILENAME, SYNTHETIC_MODEL_WEIGHTS_FILENAME, loadSyntheticModel, loadSyntheticModelFromSource, saveSyntheticModel } from './model-files';
import { LowRankCorrelationConfig, SyntheticModelConfig } from './model-config';
import { synthSaeBench16kConfig } from './presets';
import { SyntheticModel } from './synthetic-model';

const backend = (await loadTestBackends(['wasm']))[0]!;
const quiet = { backend, onWarning: (): void => {} };
const scratch = mkdtempSync(join(tmpdir(), 'synth-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hierarchical = (seed: number | null, correlated = false): SyntheticModelConfig =>
  new SyntheticModelConfig({
    numFeatures: 48,
    hiddenDim: 12,
    firingProbability: new LinearFiringProbabilityConfig({ maxProb: 0.4, minProb: 0.05 }),
    hierarchy: new HierarchyConfig({ totalRootNodes: 4, branchingFactor: 3, maxDepth: 2, mutuallyExclusivePortion: 0.5, compensateProbabilities: true }),
    correlation: correlated ? new LowRankCorrelationConfig({ rank: 4, correlationScale: 0.1 }) : null,
    stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.2, std: 0.1 }),
    meanFiringMagnitudes: 2,
    seed,
  });

async function read(tensor: { data(): Promise<ArrayLike<number>> }): Promise<number[]> {
  return Array.from(await tensor.data());
}

describe('SyntheticModelConfig', () => {
  it('writes SAELens’s to_dict layout and round-trips through JSON', () => {
    const config = hierarchical(7, true);
    const dict = config.toDict();
    expect(Object.keys(dict)).toEqual(['num_features', 'hidden_dim', 'firing_probability', 'hierarchy', 'orthogonalization', 'correlation', 'std_firing_magnitudes', 'mean_firing_magnitudes', 'bias', 'dtype', 'seed']);
    expect(dict.correlation).toEqual({ rank: 4, correlation_scale: 0.1, seed: null });
    expect(dict.std_firing_magnitudes).toEqual({ mean: 0.2, std: 0.1, min_value: null, max_value: null, generator_name: 'folded_normal' });
    expect(SyntheticModelConfig.fromDict(JSON.parse(JSON.stringify(dict)) as Record<string, unknown>).equals(config)).toBe(true);
  });

  it('defaults like SAELens: zipfian, no orthogonalization, bias 1, std 0, mean 1', () => {
    const dict = new SyntheticModelConfig({ numFeatures: 4, hiddenDim: 2 }).toDict();
    expect(dict).toMatchObject({ hierarchy: null, orthogonalization: null, correlation: null, std_firing_magnitudes: 0, mean_firing_magnitudes: 1, bias: 1, dtype: 'float32', seed: null });
    expect(dict.firing_probability).toEqual({ exponent: 1, max_prob: 0.3, min_prob: 0.01, generator_name: 'zipfian' });
  });

  it.each([
    [{ numFeatures: 0, hiddenDim: 2 }, /num_features must be at least 1/],
    [{ numFeatures: 2, hiddenDim: 0 }, /hidden_dim must be at least 1/],
    [{ numFeatures: 2.5, hiddenDim: 2 }, /Invalid numFeatures/],
  ])('rejects %j', (options, message) => {
    expect(() => new SyntheticModelConfig(options)).toThrow(InvalidArgumentError);
    expect(() => new SyntheticModelConfig(options)).toThrow(message);
  });

  it('fromDict requires firing_probability and rejects unknown keys (SAELens raises on them too)', () => {
    expect(() => SyntheticModelConfig.fromDict({ num_features: 2, hidden_dim: 2 })).toThrow(/firing_probability/);
    expect(() => SyntheticModelConfig.fromDict({ ...new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 2 }).toDict(), extra: 1 })).toThrow(/extra/);
  });

  it('the SynthSAEBench-16k preset has the published values', () => {
    expect(synthSaeBench16kConfig().toDict()).toEqual({
      num_features: 16_384,
      hidden_dim: 768,
      firing_probability: { exponent: 0.5, max_prob: 0.4, min_prob: 5e-4, generator_name: 'zipfian' },
      hierarchy: { total_root_nodes: 128, branching_factor: 4, max_depth: 3, mutually_exclusive_portion: 1, mutually_exclusive_min_depth: 0, mutually_exclusive_max_depth: null, compensate_probabilities: true },
      orthogonalization: { num_steps: 100, lr: 3e-4, chunk_size: 1024 },
      correlation: { rank: 25, correlation_scale: 0.1, seed: null },
      std_firing_magnitudes: { mean: 0.5, std: 0.5, min_value: null, max_value: null, generator_name: 'folded_normal' },
      mean_firing_magnitudes: { start: 5, end: 4, generator_name: 'linear' },
      bias: 0.5,
      dtype: 'float32',
      seed: 42,
    });
  });
});

describe('SyntheticModel', () => {
  it('is a pure function of its config: same seed, same parts; another seed, other parts', async () => {
    const [a, b, c] = await Promise.all([SyntheticModel.create(hierarchical(3), quiet), SyntheticModel.create(hierarchical(3), quiet), SyntheticModel.create(hierarchical(4), quiet)]);
    expect(await read(a.featureDictionary.featureVectors)).toEqual(await read(b.featureDictionary.featureVectors));
    expect(a.firingProbabilities).toEqual(b.firingProbabilities);
    expect(a.parts.stdFiringMagnitudes).toEqual(b.parts.stdFiringMagnitudes);
    expect(a.hierarchy!.equals(b.hierarchy!)).toBe(true);
    expect(await read(a.featureDictionary.featureVectors)).not.toEqual(await read(c.featureDictionary.featureVectors));
    expect(a.parts.stdFiringMagnitudes).not.toEqual(c.parts.stdFiringMagnitudes);
    for (const model of [a, b, c]) model.dispose();
  });

  it('gives the same batches bit for bit as one batch of 4096 or four of 1024, without leaking', async () => {
    const [whole, chunked] = await Promise.all([SyntheticModel.create(hierarchical(5), quiet), SyntheticModel.create(hierarchical(5), quiet)]);
    await expectNoTensorLeak(backend, async () => {
      const one = whole.sample(4096);
      const parts = [chunked.sample(1024), chunked.sample(1024), chunked.sample(1024), chunked.sample(1024)];
      const joined = backend.tf.concat(parts, 0);
      expect(Array.from(await joined.data())).toEqual(Array.from(await one.data()));
      backend.tf.dispose([one, joined, ...parts]);
    });
    whole.dispose();
    chunked.dispose();
  });

  it('samples correlated models asynchronously, and gives features with the hidden activations', async () => {
    const model = await SyntheticModel.create(hierarchical(6, true), { backend, onWarning: () => {} });
    expect(() => model.sample(8)).toThrow(/asynchronously/);
    model.useSparseTensors = true;
    const { hidden, features } = await model.sampleWithFeaturesAsync(64);
    expect(hidden.shape).toEqual([64, 12]);
    expect('rowOffsets' in features && features.rows).toBe(64);
    hidden.dispose();
    model.dispose();
  });

  it('compensates probabilities for the hierarchy and warns once when it has to clamp', async () => {
    const warnings: string[] = [];
    const config = new SyntheticModelConfig({
      numFeatures: 12,
      hiddenDim: 4,
      firingProbability: new LinearFiringProbabilityConfig({ maxProb: 0.05, minProb: 0.05 }),
      hierarchy: new HierarchyConfig({ totalRootNodes: 2, branchingFactor: 5, maxDepth: 1, compensateProbabilities: true }),
      meanFiringMagnitudes: new ConstantMagnitudeConfig({ value: 1 }),
    });
    const model = await SyntheticModel.create(config, { backend, onWarning: (m) => warnings.push(m) });
    // Children of a root with p = 0.05 are corrected by 1/0.05 = 20, so they clamp at 1.
    expect(Array.from(model.firingProbabilities.slice(2, 12))).toEqual(new Array(10).fill(1));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/10 firing probabilities were clamped/);
    model.dispose();
  });
});

describe('save and load', () => {
  it('writes SAELens’s files and reloads bit-identically, stream included', async () => {
    const model = await SyntheticModel.create(hierarchical(9, true), { backend, onWarning: () => {} });
    const dir = join(scratch, 'roundtrip');
    await saveSyntheticModel(model, dir);
    const { tensors } = await readSafetensors(join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME));
    expect(Object.keys(tensors).sort()).toEqual(['bias', 'correlation_diag', 'correlation_factor', 'feature_vectors', 'firing_probabilities', 'mean_firing_magnitudes', 'std_firing_magnitudes']);
    const loaded = await loadSyntheticModel(dir, { backend });
    expect(loaded.config.equals(model.config)).toBe(true);
    expect(await read(loaded.featureDictionary.featureVectors)).toEqual(await read(model.featureDictionary.featureVectors));
    expect(await read(loaded.featureDictionary.bias)).toEqual(await read(model.featureDictionary.bias));
    expect(loaded.firingProbabilities).toEqual(model.firingProbabilities);
    expect(loaded.parts.stdFiringMagnitudes).toEqual(model.parts.stdFiringMagnitudes);
    expect(loaded.hierarchy!.equals(model.hierarchy!)).toBe(true);
    expect(Array.from(loaded.correlation!.correlationFactor)).toEqual(Array.from(model.correlation!.correlationFactor));
    const [a, b] = [await model.sampleAsync(256), await loaded.sampleAsync(256)];
    expect(await read(b)).toEqual(await read(a));
    backend.tf.dispose([a, b]);
    const fromSource = await loadSyntheticModelFromSource(dir, { backend });
    expect(fromSource.config.equals(model.config)).toBe(true);
    for (const m of [model, loaded, fromSource]) m.dispose();
  });

  it('rejects a broken directory with a FormatError naming the file', async () => {
    const model = await SyntheticModel.create(hierarchical(2), quiet);
    const dir = join(scratch, 'broken');
    await saveSyntheticModel(model, dir);
    model.dispose();
    const configPath = join(dir, SYNTHETIC_MODEL_CONFIG_FILENAME);
    const weightsPath = join(dir, SYNTHETIC_MODEL_WEIGHTS_FILENAME);
    const goodConfig = readFileSync(configPath, 'utf8');
    const expectFormatError = async (file: string, message: RegExp): Promise<void> => {
      const error = await loadSyntheticModel(dir, { backend }).catch((e: unknown) => e);
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
    writeFileSync(configPath, goodConfig);
    const { tensors } = await readSafetensors(weightsPath);
    delete tensors.bias;
    await writeSafetensors(weightsPath, tensors);
    await expectFormatError(weightsPath, /missing tensor 'bias'/);
    rmSync(weightsPath);
    await expectFormatError(weightsPath, /not found/i);
    await expect(loadSyntheticModelFromSource(join(scratch, 'nowhere'), { backend })).rejects.toThrow(/Hugging Face is not supported/);
    expect(SYNTHETIC_MODEL_HIERARCHY_FILENAME).toBe('hierarchy.json');
  });
});
