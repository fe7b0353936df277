import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { generateRandomLowRankCorrelationMatrix } from '@synth/correlation';
import { FeatureDictionary } from '@synth/dictionary';
import { ActivationGenerator } from '../activation-generator';
import { ConstantMagnitudeConfig, FoldedNormalMagnitudeConfig, LinearFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig, generateHierarchy } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import { SyntheticModel } from './synthetic-model';

const backends = await loadTestBackends();
const backend = backends[0]!;
const quiet = { backend, onWarning: (): void => {} };

const hierarchical = (seed: number | null, correlation: LowRankCorrelationConfig | null = null): SyntheticModelConfig =>
  new SyntheticModelConfig({
    numFeatures: 48,
    hiddenDim: 12,
    firingProbability: new LinearFiringProbabilityConfig({ maxProb: 0.4, minProb: 0.05 }),
    hierarchy: new HierarchyConfig({ totalRootNodes: 4, branchingFactor: 3, maxDepth: 2, mutuallyExclusivePortion: 0.5, compensateProbabilities: true }),
    correlation,
    stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.2, std: 0.1 }),
    meanFiringMagnitudes: 2,
    seed,
  });

const read = async (tensor: { data(): Promise<ArrayLike<number>> }): Promise<number[]> => Array.from(await tensor.data());

describe('SyntheticModel.create', () => {
  it('is a pure function of its config: same seed, same parts; another seed, other parts', async () => {
    const [a, b, c] = await Promise.all([SyntheticModel.create(hierarchical(3), quiet), SyntheticModel.create(hierarchical(3), quiet), SyntheticModel.create(hierarchical(4), quiet)]);
    expect(await read(a.featureDictionary.featureVectors)).toEqual(await read(b.featureDictionary.featureVectors));
    expect(await read(a.featureDictionary.bias)).toEqual(await read(b.featureDictionary.bias));
    expect(a.firingProbabilities).toEqual(b.firingProbabilities);
    expect(a.parts.stdFiringMagnitudes).toEqual(b.parts.stdFiringMagnitudes);
    expect(a.hierarchy!.equals(b.hierarchy!)).toBe(true);
    expect(await read(a.featureDictionary.featureVectors)).not.toEqual(await read(c.featureDictionary.featureVectors));
    expect(a.parts.stdFiringMagnitudes).not.toEqual(c.parts.stdFiringMagnitudes);
    expect(a.hierarchy!.equals(c.hierarchy!)).toBe(false);
    for (const model of [a, b, c]) model.dispose();
  });

  it('draws each part from its own stream: adding a correlation changes nothing else; its own seed is honoured', async () => {
    const plain = await SyntheticModel.create(hierarchical(3), quiet);
    const correlated = await SyntheticModel.create(hierarchical(3, new LowRankCorrelationConfig({ rank: 2 })), quiet);
    const seeded = await SyntheticModel.create(hierarchical(4, new LowRankCorrelationConfig({ rank: 2, seed: 9 })), quiet);
    expect(await read(correlated.featureDictionary.featureVectors)).toEqual(await read(plain.featureDictionary.featureVectors));
    expect(correlated.firingProbabilities).toEqual(plain.firingProbabilities);
    expect(correlated.hierarchy!.equals(plain.hierarchy!)).toBe(true);
    const fromOwnSeed = generateRandomLowRankCorrelationMatrix(48, 2, 0.1, { rng: Rng.fromSeed(9) });
    expect(Array.from(seeded.correlation!.correlationFactor)).toEqual(Array.from(fromOwnSeed.correlationFactor));
    for (const model of [plain, correlated, seeded]) model.dispose();
  });

  it('compensates probabilities for the hierarchy and warns once, with "clamped", when it has to clamp', async () => {
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

  it('uses the parts it is given instead of building them', async () => {
    const config = hierarchical(5, new LowRankCorrelationConfig({ rank: 2 }));
    const hierarchy = generateHierarchy(48, new HierarchyConfig({ totalRootNodes: 2, branchingFactor: 2, maxDepth: 1 }), Rng.fromSeed(1));
    const correlation = generateRandomLowRankCorrelationMatrix(48, 3, 0.05, { seed: 2 });
    const featureDictionary = await FeatureDictionary.create({ numFeatures: 48, hiddenDim: 12, backend, seed: 3, initializer: null });
    const model = await SyntheticModel.create(config, { ...quiet, hierarchy, correlation, featureDictionary });
    expect(model.hierarchy).toBe(hierarchy);
    expect(model.correlation).toBe(correlation);
    expect(model.featureDictionary).toBe(featureDictionary);
    model.dispose();
    const activationGenerator = new ActivationGenerator({ numFeatures: 48, firingProbabilities: 0.25, seed: 4 });
    const withGenerator = await SyntheticModel.create(hierarchical(5), { ...quiet, activationGenerator });
    expect(withGenerator.activationGenerator).toBe(activationGenerator);
    expect(Array.from(withGenerator.firingProbabilities)).toEqual(new Array(48).fill(0.25));
    withGenerator.dispose();
  });

  it.each([
    ['featureDictionary', async () => ({ featureDictionary: await FeatureDictionary.create({ numFeatures: 48, hiddenDim: 5, backend, initializer: null }) }), /featureDictionary.*48 × 12.*48 × 5/],
    ['correlation', () => ({ correlation: generateRandomLowRankCorrelationMatrix(47, 2, 0.1, { seed: 1 }) }), /correlation.numFeatures/],
    ['activationGenerator', () => ({ activationGenerator: new ActivationGenerator({ numFeatures: 3, firingProbabilities: 0.1 }) }), /activationGenerator.numFeatures/],
    ['hierarchy', () => ({ hierarchy: generateHierarchy(60, new HierarchyConfig({ totalRootNodes: 20, branchingFactor: 2, maxDepth: 1 }), Rng.fromSeed(1)) }), /hierarchy.*feature indices below numFeatures/],
  ])('rejects a given %s of the wrong size', async (_name, given, message) => {
    const parts = await given();
    const error = await SyntheticModel.create(hierarchical(1), { ...quiet, ...parts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    if ('featureDictionary' in parts) parts.featureDictionary.dispose();
  });
});

describe('SyntheticModel sampling', () => {
  it('gives the same batches bit for bit as one batch of 4096 or four of 1024', async () => {
    const [whole, chunked] = await Promise.all([SyntheticModel.create(hierarchical(5), quiet), SyntheticModel.create(hierarchical(5), quiet)]);
    const one = whole.sample(4096);
    const parts = [chunked.sample(1024), chunked.sample(1024), chunked.sample(1024), chunked.sample(1024)];
    const joined = backend.tf.concat(parts, 0);
    expect(await read(joined)).toEqual(await read(one));
    backend.tf.dispose([one, joined, ...parts]);
    whole.dispose();
    chunked.dispose();
  });

  it('gives the same correlated batches as one batch of 4096 or four of 1024 (async)', async () => {
    const config = hierarchical(6, new LowRankCorrelationConfig({ rank: 3 }));
    const [whole, chunked] = await Promise.all([SyntheticModel.create(config, quiet), SyntheticModel.create(config, quiet)]);
    expect(() => whole.sample(8)).toThrow(/asynchronously/);
    const one = await whole.sampleAsync(4096);
    const parts = [await chunked.sampleAsync(1024), await chunked.sampleAsync(1024), await chunked.sampleAsync(1024), await chunked.sampleAsync(1024)];
    const joined = backend.tf.concat(parts, 0);
    expect(await read(joined)).toEqual(await read(one));
    backend.tf.dispose([one, joined, ...parts]);
    whole.dispose();
    chunked.dispose();
  });

  it('returns the features behind the hidden activations: hidden = features · V + b, dense or sparse', async () => {
    const model = await SyntheticModel.create(hierarchical(7, new LowRankCorrelationConfig({ rank: 2 })), quiet);
    const { hidden, features } = await model.sampleWithFeaturesAsync(32);
    if (!('shape' in features)) throw new Error('expected dense features by default');
    expect(features.shape).toEqual([32, 48]);
    const expected = backend.tf.add(backend.tf.matMul(features, model.featureDictionary.featureVectors), model.featureDictionary.bias);
    const [got, want] = [await read(hidden), await read(expected)];
    // float32 sums of at most 48 terms of size ≤ ~3: 1e-5 absolute is far above the rounding.
    got.forEach((value, i) => expect(Math.abs(value - want[i]!)).toBeLessThan(1e-5));
    backend.tf.dispose([hidden, features, expected]);
    model.useSparseTensors = true;
    const sparse = await model.sampleWithFeaturesAsync(16);
    expect('rowOffsets' in sparse.features && sparse.features.rows).toBe(16);
    sparse.hidden.dispose();
    model.dispose();
  });

  it.each(backends.map((b) => [b.name, b] as const))('creates, samples and disposes without leaking tensors (%s)', async (_name, each) => {
    await expectNoTensorLeak(each, async () => {
      const model = await SyntheticModel.create(hierarchical(8, new LowRankCorrelationConfig({ rank: 2 })), { backend: each, onWarning: () => {} });
      const hidden = await model.sampleAsync(64);
      const { hidden: h2, features } = await model.sampleWithFeaturesAsync(8);
      expect(hidden.shape).toEqual([64, 12]);
      each.tf.dispose([hidden, h2, features as never]);
      model.dispose();
    });
  });
});
