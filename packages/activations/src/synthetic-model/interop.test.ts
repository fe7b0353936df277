// Model directories cross between synth and SAELens 6.35.0 in both directions.
// Fixtures: `python3 scripts/fixtures/make_sae_lens_fixtures.py --only synthetic-model-sae-lens
// --only synthetic-model-synth-in-sae-lens` (scripts/fixtures/synthetic_model_fixtures.py). The
// synth-written directory is made by this file: `SYNTH_WRITE_FIXTURES=1 pnpm exec vitest run
// src/synthetic-model/interop.test.ts`, before running the Python script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalUpperThresholds } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { FoldedNormalMagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import { loadSyntheticModel, saveSyntheticModel } from './model-io';
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

  it('loads a directory written by SAELens with the exact vectors, bias, probabilities, hierarchy and correlation it held', async () => {
    const held = JSON.parse(readFileSync(`${fixtures}synthetic-model-sae-lens.json`, 'utf8')) as {
      config: unknown; featureVectors: number[][]; bias: number[]; firingProbabilities: number[]; correlationFactor: number[][]; correlationDiag: number[]; hierarchy: unknown;
    };
    const model = await loadSyntheticModel(saeLensDir, { backend });
    expect(model.config.toDict()).toEqual(held.config);
    expect(await values(model.featureDictionary.featureVectors)).toEqual(held.featureVectors.flat());
    expect(await values(model.featureDictionary.bias)).toEqual(held.bias);
    expect(Array.from(model.firingProbabilities)).toEqual(held.firingProbabilities);
    expect(Array.from(model.correlation!.correlationFactor)).toEqual(held.correlationFactor.flat());
    expect(Array.from(model.correlation!.correlationDiag)).toEqual(held.correlationDiag);
    expect(model.hierarchy!.toDict()).toEqual(held.hierarchy);
    // The thresholds follow the loaded (compensated) probabilities: SPEC §5.1 fixed.
    expect(Array.from(model.activationGenerator.correlationThresholds!)).toEqual(Array.from(normalUpperThresholds(held.firingProbabilities)));
    const hidden = await model.sampleAsync(64);
    expect(hidden.shape).toEqual([64, model.config.hiddenDim]);
    hidden.dispose();
    model.dispose();
  });

  it('writes a directory that SAELens loads with the same parts', async () => {
    const seen = JSON.parse(readFileSync(`${fixtures}synthetic-model-synth-in-sae-lens.json`, 'utf8')) as {
      config: unknown; featureVectors: number[][]; bias: number[]; firingProbabilities: number[]; correlationFactor: number[][]; correlationDiag: number[]; hierarchy: unknown; sampleShape: number[]; tensorNamesSeen: string[];
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
    // SAELens's loader read the file with synth's extra magnitude tensors in it without complaint.
    expect(seen.tensorNamesSeen).toEqual(['bias', 'correlation_diag', 'correlation_factor', 'feature_vectors', 'firing_probabilities', 'mean_firing_magnitudes', 'std_firing_magnitudes']);
    model.dispose();
  });
});
