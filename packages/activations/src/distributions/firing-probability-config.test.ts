import { InvalidArgumentError, Rng } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FiringProbabilityConfig, getFiringProbabilityClass, getFiringProbabilityRegistry, registerFiringProbability } from './firing-probability-config';
import type { FiringProbabilityConfigClass } from './firing-probability-config';
import {
  ConstantFiringProbabilityConfig,
  LinearFiringProbabilityConfig,
  RandomFiringProbabilityConfig,
  ZipfianFiringProbabilityConfig,
} from './firing-probability-configs';
import { linearFiringProbabilities } from './linear-firing-probabilities';
import { randomFiringProbabilities } from './random-firing-probabilities';
import { camelCaseKeys, firingProbabilityFixture } from './testing/fixtures';
import { zipfianFiringProbabilities } from './zipfian-firing-probabilities';

const fixture = firingProbabilityFixture();
const classes: Record<string, FiringProbabilityConfigClass & (new (options?: Record<string, number>) => FiringProbabilityConfig)> = {
  ZipfianFiringProbabilityConfig,
  LinearFiringProbabilityConfig,
  RandomFiringProbabilityConfig,
  ConstantFiringProbabilityConfig,
};

describe('firing-probability configs: to_dict parity', () => {
  it.each(fixture.configs)('$className($kwargs).to_dict()', ({ className, kwargs, dict }) => {
    const cls = classes[className]!;
    for (const config of [new cls(camelCaseKeys(kwargs as Record<string, number>)), cls.fromFields(kwargs), FiringProbabilityConfig.fromDict(dict)]) {
      expect(config.toDict()).toEqual(dict);
      expect(Object.keys(config.toDict())).toEqual(Object.keys(dict)); // SAELens's key order, generator_name last
    }
  });

  it.each(fixture.constant)('constant probability $probability, n=$numFeatures', (c) => {
    expect(new ConstantFiringProbabilityConfig({ probability: c.probability }).generate(c.numFeatures)).toEqual(Float32Array.from(c.expected));
  });
});

describe('the firing-probability registry', () => {
  it('holds the four built-ins in SAELens order, under their generator names', () => {
    expect(getFiringProbabilityRegistry().names()).toEqual(['zipfian', 'linear', 'random', 'constant']);
    expect(getFiringProbabilityClass('random')).toBe(RandomFiringProbabilityConfig);
  });

  it.each(fixture.fromDictErrors)('fromDict($dict) raises "$error"', ({ dict, error }) => {
    expect(() => FiringProbabilityConfig.fromDict(dict)).toThrow(InvalidArgumentError);
    expect(() => FiringProbabilityConfig.fromDict(dict)).toThrow(error);
  });

  it('rejects unknown, missing-type and non-numeric fields as cls(**fields) would', () => {
    expect(() => FiringProbabilityConfig.fromDict({ generator_name: 'zipfian', foo: 1 })).toThrow("got an unexpected keyword argument 'foo'");
    expect(() => FiringProbabilityConfig.fromDict({ generator_name: 'linear', max_prob: '0.3' })).toThrow(InvalidArgumentError);
    expect(() => FiringProbabilityConfig.fromDict({ generator_name: 5 })).toThrow(InvalidArgumentError);
    expect(() => FiringProbabilityConfig.fromDict(null as unknown as Record<string, unknown>)).toThrow(InvalidArgumentError);
  });

  it('accepts user classes, refuses duplicates, and leaves the input dict alone', () => {
    class Half {
      static readonly generatorName = 'half-test';
      static fromFields(): Half {
        return new Half();
      }
      generate(n: number): Float32Array {
        return new Float32Array(n).fill(0.5);
      }
      toDict(): { generator_name: string } {
        return { generator_name: Half.generatorName };
      }
    }
    registerFiringProbability('half-test', Half);
    expect(() => registerFiringProbability('half-test', Half)).toThrow("'half-test' is already registered.");
    expect(() => registerFiringProbability('zipfian', Half)).toThrow("'zipfian' is already registered.");
    const dict = { generator_name: 'half-test' };
    expect(FiringProbabilityConfig.fromDict(dict).generate(2)).toEqual(new Float32Array([0.5, 0.5]));
    expect(dict).toEqual({ generator_name: 'half-test' });
  });
});

describe('generate delegates to the helpers', () => {
  it('does not validate at construction; generate raises the helper errors', () => {
    const bad = new ZipfianFiringProbabilityConfig({ exponent: -1, maxProb: 2 });
    expect(() => bad.generate(4)).toThrow('exponent must be positive');
    expect(() => new LinearFiringProbabilityConfig({ minProb: 0.5, maxProb: 0.1 }).generate(4)).toThrow('Must have 0 < min_prob <= max_prob <= 1');
    expect(() => new RandomFiringProbabilityConfig({ minProb: 0.5, maxProb: 0.5 }).generate(4)).toThrow('Must have 0 < min_prob < max_prob <= 1');
  });

  it('matches the helper for the same fields and seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.1, max: 4, noNaN: true }), fc.nat(), (n, exponent, seed) => {
        expect(new ZipfianFiringProbabilityConfig({ exponent }).generate(n)).toEqual(zipfianFiringProbabilities(n, { exponent }));
        expect(new LinearFiringProbabilityConfig().generate(n)).toEqual(linearFiringProbabilities(n));
        const random = new RandomFiringProbabilityConfig({ maxProb: 0.4 });
        expect(random.generate(n, seed)).toEqual(randomFiringProbabilities(n, { maxProb: 0.4, seed }));
        expect(random.generate(n, Rng.fromSeed(seed))).toEqual(randomFiringProbabilities(n, { maxProb: 0.4, rng: Rng.fromSeed(seed) }));
      }),
      { numRuns: 30 },
    );
  });
});
