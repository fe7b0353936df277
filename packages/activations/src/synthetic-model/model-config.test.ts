import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@synth/core';
import { ConstantMagnitudeConfig, FoldedNormalMagnitudeConfig, LinearFiringProbabilityConfig, LinearMagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import type { MagnitudeSetting } from './model-config';
import { OrthogonalizationConfig } from './orthogonalization-config';
import { synthSaeBench16kConfig } from './presets';

const roundTrip = (config: SyntheticModelConfig): SyntheticModelConfig => SyntheticModelConfig.fromDict(JSON.parse(JSON.stringify(config.toDict())) as Record<string, unknown>);
const minimal = { num_features: 4, hidden_dim: 2, firing_probability: { generator_name: 'zipfian' } };

describe('SyntheticModelConfig', () => {
  it('writes SAELens’s to_dict layout, nested configs included', () => {
    const config = new SyntheticModelConfig({
      numFeatures: 48,
      hiddenDim: 12,
      firingProbability: new LinearFiringProbabilityConfig({ maxProb: 0.4, minProb: 0.05 }),
      correlation: new LowRankCorrelationConfig({ rank: 4, seed: 3 }),
      orthogonalization: new OrthogonalizationConfig({ numSteps: 5 }),
      stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.2, std: 0.1 }),
      seed: 7,
    });
    const dict = config.toDict();
    expect(Object.keys(dict)).toEqual(['num_features', 'hidden_dim', 'firing_probability', 'hierarchy', 'orthogonalization', 'correlation', 'std_firing_magnitudes', 'mean_firing_magnitudes', 'bias', 'dtype', 'seed']);
    expect(dict.correlation).toEqual({ rank: 4, correlation_scale: 0.1, seed: 3 });
    expect(dict.orthogonalization).toEqual({ num_steps: 5, lr: 0.01, chunk_size: 1024 });
    expect(dict.std_firing_magnitudes).toEqual({ mean: 0.2, std: 0.1, min_value: null, max_value: null, generator_name: 'folded_normal' });
    expect(roundTrip(config).equals(config)).toBe(true);
  });

  it('defaults like SAELens: zipfian, no hierarchy/orthogonalization/correlation, std 0, mean 1, bias 1', () => {
    expect(new SyntheticModelConfig({ numFeatures: 4, hiddenDim: 2 }).toDict()).toEqual({
      num_features: 4,
      hidden_dim: 2,
      firing_probability: { exponent: 1, max_prob: 0.3, min_prob: 0.01, generator_name: 'zipfian' },
      hierarchy: null,
      orthogonalization: null,
      correlation: null,
      std_firing_magnitudes: 0,
      mean_firing_magnitudes: 1,
      bias: 1,
      dtype: 'float32',
      seed: null,
    });
    expect(new OrthogonalizationConfig().toDict()).toEqual({ num_steps: 200, lr: 0.01, chunk_size: 1024 });
    expect(new LowRankCorrelationConfig().toDict()).toEqual({ rank: 32, correlation_scale: 0.1, seed: null });
  });

  it.each([
    [() => new SyntheticModelConfig({ numFeatures: 0, hiddenDim: 2 }), /num_features must be at least 1/],
    [() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 0 }), /hidden_dim must be at least 1/],
    [() => new SyntheticModelConfig({ numFeatures: 2.5, hiddenDim: 2 }), /Invalid numFeatures/],
    [() => new SyntheticModelConfig({ numFeatures: NaN, hiddenDim: 2 }), /num_features must be at least 1/],
    [() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 2, bias: NaN }), /Invalid bias/],
    [() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 2, seed: -1 }), /Invalid seed/],
    [() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 2, meanFiringMagnitudes: Infinity }), /Invalid meanFiringMagnitudes/],
    [() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: 2, dtype: 'float8' as 'float32' }), /dtype/],
    [() => new LowRankCorrelationConfig({ rank: 0 }), /rank must be positive/],
    [() => new LowRankCorrelationConfig({ correlationScale: -0.1 }), /correlation_scale must be non-negative/],
    [() => new OrthogonalizationConfig({ chunkSize: 0 }), /Invalid orthogonalization.chunkSize/],
    [() => new OrthogonalizationConfig({ lr: NaN }), /Invalid orthogonalization.lr/],
  ])('rejects bad values (%#)', (build, message) => {
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('rejects every size below 1 or fractional, with SAELens’s message (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true })), (bad) => {
        expect(() => new SyntheticModelConfig({ numFeatures: bad, hiddenDim: 2 })).toThrow(/num_features must be at least 1/);
        expect(() => new SyntheticModelConfig({ numFeatures: 2, hiddenDim: bad })).toThrow(/hidden_dim must be at least 1/);
      }),
    );
  });

  it('fromDict reads like SAELens: firing_probability required, optional keys missing or null, magnitudes as dict or number', () => {
    expect(() => SyntheticModelConfig.fromDict({ num_features: 2, hidden_dim: 2 })).toThrow(/firing_probability/);
    const sparse = SyntheticModelConfig.fromDict({ ...minimal, hierarchy: null, correlation: null, orthogonalization: null, seed: null });
    expect(sparse.equals(new SyntheticModelConfig({ numFeatures: 4, hiddenDim: 2, firingProbability: new ZipfianFiringProbabilityConfig() }))).toBe(true);
    const magnitudes = SyntheticModelConfig.fromDict({ ...minimal, std_firing_magnitudes: '0.5', mean_firing_magnitudes: { start: 5, end: 4, generator_name: 'linear' } });
    expect(magnitudes.stdFiringMagnitudes).toBe(0.5);
    expect(magnitudes.meanFiringMagnitudes).toBeInstanceOf(LinearMagnitudeConfig);
    expect(SyntheticModelConfig.fromDict({ ...minimal, bias: null }).bias).toBe(false);
    expect(() => SyntheticModelConfig.fromDict({ ...minimal, std_firing_magnitudes: 'wide' })).toThrow(/std_firing_magnitudes/);
    expect(() => SyntheticModelConfig.fromDict({ ...minimal, mean_firing_magnitudes: { generator_name: 'nope' } })).toThrow(/nope/);
  });

  it('fromDict rejects unknown keys, as SAELens’s cls(**d) does (so synth keeps its version out of the JSON)', () => {
    expect(() => SyntheticModelConfig.fromDict({ ...minimal, synth_version: 1 })).toThrow(/synth_version/);
    expect(() => SyntheticModelConfig.fromDict({ ...minimal, correlation: { rank: 2, extra: 1 } })).toThrow(/extra/);
    expect(() => SyntheticModelConfig.fromDict({ ...minimal, orthogonalization: { steps: 1 } })).toThrow(/steps/);
  });

  it('round-trips any valid config through JSON (property)', () => {
    const magnitude = fc.oneof(
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }).map((value): MagnitudeSetting => new ConstantMagnitudeConfig({ value })),
      fc.tuple(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true })).map(([start, end]): MagnitudeSetting => new LinearMagnitudeConfig({ start, end })),
    );
    const config = fc.record({
      numFeatures: fc.integer({ min: 1, max: 1 << 20 }),
      hiddenDim: fc.integer({ min: 1, max: 4096 }),
      correlation: fc.option(fc.record({ rank: fc.integer({ min: 1, max: 64 }), correlationScale: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.option(fc.nat()) }).map((o) => new LowRankCorrelationConfig(o))),
      orthogonalization: fc.option(fc.record({ numSteps: fc.nat(500), lr: fc.double({ min: 1e-6, max: 1, noNaN: true }) }).map((o) => new OrthogonalizationConfig(o))),
      hierarchy: fc.option(fc.record({ totalRootNodes: fc.integer({ min: 1, max: 8 }), branchingFactor: fc.integer({ min: 2, max: 5 }), maxDepth: fc.integer({ min: 1, max: 3 }) }).map((o) => new HierarchyConfig(o))),
      stdFiringMagnitudes: magnitude,
      meanFiringMagnitudes: magnitude,
      bias: fc.oneof(fc.boolean(), fc.double({ min: -2, max: 2, noNaN: true })),
      seed: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(config, (options) => {
        const built = new SyntheticModelConfig(options);
        expect(roundTrip(built).equals(built)).toBe(true);
        expect(roundTrip(roundTrip(built)).equals(built)).toBe(true);
      }),
    );
  });

  it('the SynthSAEBench-16k preset has the reference’s values', () => {
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
