// Model directories cross between synth and SAELens 6.35.0 in both directions.
// Fixtures: `python3 scripts/fixtures/make_sae_lens_fixtures.py --only synthetic-model-sae-lens
// --only synthetic-model-synth-in-sae-lens` (scripts/fixtures/synthetic_model_fixtures.py). The
// synth-written directory is made by this file: `SYNTH_WRITE_FIXTURES=1 pnpm exec vitest run
// src/synthetic-model/interop.test.ts`, before running the Python script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { FoldedNormalMagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig, SyntheticModelConfig } from './model-config';
import { loadSyntheticModel, saveSyntheticModel } from './model-files';
import { SyntheticModel } from './synthetic-model';

const backend = (await loadTestBackends(['wasm']))[0]!;
const fixtures = new URL('../__fixtures__/', import.meta.url).pathname;
const saeLensDir = `${fixtures}synthetic-model-sae-lens`;
const synthDir = `${fixtures}synthetic-model-synth`;

const synthConfig = new SyntheticModelConfig({
  numFeatures: 24,
  hiddenDim: 8,
  firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 0.8, maxProb: 0.3, minProb: 0.02 }),
  hierarchy: new HierarchyConfig({ totalRootNodes: 2, branchingFactor: 3, maxDepth: 2, mutuallyExclusivePortion: 0.5 }),
  correlation: new LowRankCorrelationConfig({ rank: 3, correlationScale: 0.1 }),
  stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.1, std: 0.05 }),
  meanFiringMagnitudes: 1.5,
  bias: 0.5,
  seed: 11,
});

const values = async (t: { data(): Promise<ArrayLike<number>> }): Promise<number[]> => Array.from(await t.data());

describe('interop with SAELens 6.35.0', () => {
  it.runIf(process.env.SYNTH_WRITE_FIXTURES === '1')('writes the synth model fixture directory', async () => {
    const model = await SyntheticModel.create(synthConfig, { backend, onWarning: () => {} });
    await saveSyntheticModel(model, synthDir);
    model.dispose();
  });

  it('loads a directory written by SAELens, with its exact tensors, hierarchy and config', async () => {
    const model = await loadSyntheticModel(saeLensDir, { backend });
    const { tensors } = await readSafetensors(`${saeLensDir}/synthetic_model.safetensors`);
    expect(await values(model.featureDictionary.featureVectors)).toEqual(Array.from(tensors.feature_vectors!.data as Float32Array));
    expect(await values(model.featureDictionary.bias)).toEqual(Array.from(tensors.bias!.data as Float32Array));
    expect(Array.from(model.firingProbabilities)).toEqual(Array.from(tensors.firing_probabilities!.data as Float32Array));
    expect(Array.from(model.correlation!.correlationFactor)).toEqual(Array.from(tensors.correlation_factor!.data as Float32Array));
    expect(model.hierarchy!.toDict()).toEqual(JSON.parse(readFileSync(`${saeLensDir}/hierarchy.json`, 'utf8')));
    expect(model.config.toDict()).toEqual(JSON.parse(readFileSync(`${saeLensDir}/synthetic_model_config.json`, 'utf8')));
    const hidden = await model.sampleAsync(64);
    expect(hidden.shape).toEqual([64, model.config.hiddenDim]);
    hidden.dispose();
    model.dispose();
  });

  it('writes a directory that SAELens loads with the same parts', async () => {
    const seen = JSON.parse(readFileSync(`${fixtures}synthetic-model-synth-in-sae-lens.json`, 'utf8')) as {
      config: unknown; featureVectors: number[][]; bias: number[]; firingProbabilities: number[]; correlationFactor: number[][]; correlationDiag: number[]; hierarchy: unknown; sampleShape: number[];
    };
    const model = await loadSyntheticModel(synthDir, { backend });
    expect(seen.config).toEqual(model.config.toDict());
    expect(seen.featureVectors.flat()).toEqual(await values(model.featureDictionary.featureVectors));
    expect(seen.bias).toEqual(await values(model.featureDictionary.bias));
    expect(seen.firingProbabilities).toEqual(Array.from(model.firingProbabilities));
    expect(seen.correlationFactor.flat()).toEqual(Array.from(model.correlation!.correlationFactor));
    expect(seen.correlationDiag).toEqual(Array.from(model.correlation!.correlationDiag));
    expect(seen.hierarchy).toEqual(model.hierarchy!.toDict());
    expect(seen.sampleShape).toEqual([16, 8]);
    model.dispose();
  });
});
