/** The TSDoc examples of the distributions, run as written (results as their comments claim). */
import { Rng } from '@synth/core';
import { describe, expect, it } from 'vitest';
import {
  ConstantFiringProbabilityConfig,
  ExponentialMagnitudeConfig,
  FiringProbabilityConfig,
  FoldedNormalMagnitudeConfig,
  LinearMagnitudeConfig,
  MagnitudeConfig,
  Registry,
  ZipfianFiringProbabilityConfig,
  generateMagnitudes,
  getFiringProbabilityClass,
  getFiringProbabilityRegistry,
  getMagnitudeRegistry,
  linearFiringProbabilities,
  randomFiringProbabilities,
  registerFiringProbability,
  zipfianFiringProbabilities,
} from './index';
import type { DistributionSeed, FiringProbabilityConfigClass, SerializedConfig } from './index';

describe('TSDoc examples', () => {
  it('firing probabilities', () => {
    expect(zipfianFiringProbabilities(4)).toEqual(Float32Array.from([0.3, 0.29 / 3 + 0.01, 0.29 / 9 + 0.01, 0.01]));
    expect(linearFiringProbabilities(3, { maxProb: 0.3, minProb: 0.1 })).toEqual(Float32Array.from([0.3, 0.2, 0.1]));
    expect(randomFiringProbabilities(1000, { maxProb: 0.2, minProb: 0.05, seed: 42 })).toHaveLength(1000);
    expect(new ZipfianFiringProbabilityConfig({ exponent: 2 }).toDict()).toEqual({ exponent: 2, max_prob: 0.3, min_prob: 0.01, generator_name: 'zipfian' });
    expect(new ConstantFiringProbabilityConfig({ probability: 0.25 }).generate(3)).toEqual(new Float32Array([0.25, 0.25, 0.25]));
    expect(FiringProbabilityConfig.fromDict({ generator_name: 'linear', max_prob: 0.4, min_prob: 0.05 }).generate(2)).toEqual(Float32Array.from([0.4, 0.05]));
    expect(getFiringProbabilityClass('zipfian')).toBe(ZipfianFiringProbabilityConfig);
    expect(getFiringProbabilityRegistry().names()).toEqual(['zipfian', 'linear', 'random', 'constant']);
  });

  it('a user-defined firing-probability config', () => {
    class MyFiringProbabilityConfig {
      static readonly generatorName = 'my-generator';
      static fromFields(): MyFiringProbabilityConfig {
        return new MyFiringProbabilityConfig();
      }
      generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
        return new Float32Array(numFeatures).fill(0.05);
      }
      toDict(): SerializedConfig {
        return { generator_name: MyFiringProbabilityConfig.generatorName };
      }
    }
    const cls: FiringProbabilityConfigClass = MyFiringProbabilityConfig;
    registerFiringProbability('my-generator', cls);
    expect(FiringProbabilityConfig.fromDict({ generator_name: 'my-generator' }).generate(1)).toEqual(Float32Array.of(0.05));
  });

  it('magnitudes', () => {
    expect(new LinearMagnitudeConfig({ start: 1, end: 5 }).generate(5)).toEqual(new Float32Array([1, 2, 3, 4, 5]));
    expect(new ExponentialMagnitudeConfig({ start: 1, end: 16 }).generate(5)).toEqual(new Float32Array([1, 2, 4, 8, 16]));
    const config = new FoldedNormalMagnitudeConfig({ mean: 1, std: 0.5, maxValue: 2 });
    expect(config.generate(1000, 42)).toHaveLength(1000);
    expect(config.toDict()).toEqual({ mean: 1, std: 0.5, min_value: null, max_value: 2, generator_name: 'folded_normal' });
    expect(generateMagnitudes(3, 2)).toEqual(new Float32Array([2, 2, 2]));
    expect(generateMagnitudes(3, new FoldedNormalMagnitudeConfig({ mean: 1 }), Rng.fromSeed(7).split('std-magnitudes'))).toHaveLength(3);
    expect(MagnitudeConfig.fromDict({ generator_name: 'linear', start: 1, end: 5 }).toDict()).toEqual({ start: 1, end: 5, generator_name: 'linear' });
    expect(getMagnitudeRegistry().names()).toEqual(['constant', 'linear', 'exponential', 'folded_normal']);
  });

  it('Registry', () => {
    const registry = new Registry<number>([['a', 1]]);
    registry.register('b', 2);
    expect(registry.getOrRaise('b')).toBe(2);
    expect(registry.names()).toEqual(['a', 'b']);
  });
});
