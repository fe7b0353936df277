import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FoldedNormalMagnitudeConfig } from './folded-normal-magnitude-config';
import { MagnitudeConfig, generateMagnitudes, getMagnitudeClass, getMagnitudeRegistry, registerMagnitude } from './magnitude-config';
import type { MagnitudeConfigClass } from './magnitude-config';
import { ConstantMagnitudeConfig, ExponentialMagnitudeConfig, LinearMagnitudeConfig } from './magnitude-configs';
import { getFiringProbabilityRegistry } from './firing-probability-config';
import { magnitudeFixture } from './testing/fixtures';

const fixture = magnitudeFixture();
const classes: Record<string, MagnitudeConfigClass> = { ConstantMagnitudeConfig, LinearMagnitudeConfig, ExponentialMagnitudeConfig, FoldedNormalMagnitudeConfig };

describe('magnitude configs: to_dict parity', () => {
  it.each(fixture.configs)('$className($kwargs).to_dict()', ({ className, kwargs, dict }) => {
    for (const config of [classes[className]!.fromFields(kwargs), MagnitudeConfig.fromDict(dict)]) {
      expect(config.toDict()).toEqual(dict);
      expect(Object.keys(config.toDict())).toEqual(Object.keys(dict)); // SAELens's key order, generator_name last
    }
  });

  it('builds from camelCase options too', () => {
    expect(new FoldedNormalMagnitudeConfig({ std: 0.3, maxValue: 1 }).toDict()).toEqual({ mean: 0, std: 0.3, min_value: null, max_value: 1, generator_name: 'folded_normal' });
    expect(new ExponentialMagnitudeConfig({ start: 10, end: 0.1 }).toDict()).toEqual({ start: 10, end: 0.1, generator_name: 'exponential' });
  });
});

describe('the magnitude registry', () => {
  it('holds the four built-ins, in a name space separate from firing probabilities', () => {
    expect(getMagnitudeRegistry().names()).toEqual(['constant', 'linear', 'exponential', 'folded_normal']);
    expect(getMagnitudeClass('linear')).toBe(LinearMagnitudeConfig);
    expect(getMagnitudeRegistry()).not.toBe(getFiringProbabilityRegistry());
    expect(getFiringProbabilityRegistry().getOrRaise('linear')).not.toBe(LinearMagnitudeConfig);
  });

  it.each(fixture.fromDictErrors)('fromDict($dict) raises "$error"', ({ dict, error }) => {
    expect(() => MagnitudeConfig.fromDict(dict)).toThrow(InvalidArgumentError);
    expect(() => MagnitudeConfig.fromDict(dict)).toThrow(error);
  });

  it('fromDict validates (construction-time errors) and needs the required fields', () => {
    expect(() => MagnitudeConfig.fromDict({ generator_name: 'linear', start: 0, end: 1 })).toThrow('start and end must be positive');
    expect(() => MagnitudeConfig.fromDict({ generator_name: 'linear', start: 1 })).toThrow("missing 1 required positional argument: 'end'");
    expect(() => MagnitudeConfig.fromDict({ generator_name: 'folded_normal', min_value: null, max_value: 0 })).toThrow('max_value must be positive');
    expect(() => MagnitudeConfig.fromDict({ generator_name: 'constant', scale: 1 })).toThrow("got an unexpected keyword argument 'scale'");
  });

  it('accepts user classes and refuses taken names', () => {
    expect(() => registerMagnitude('folded_normal', ConstantMagnitudeConfig)).toThrow("'folded_normal' is already registered.");
    registerMagnitude('doubled-test', {
      generatorName: 'doubled-test',
      fromFields: (fields) => new ConstantMagnitudeConfig({ value: 2 * (fields['value'] as number) }),
    });
    expect(MagnitudeConfig.fromDict({ generator_name: 'doubled-test', value: 1.5 }).generate(2)).toEqual(new Float32Array([3, 3]));
  });
});

describe('generateMagnitudes', () => {
  it.each(fixture.generateMagnitudes)('a number ($config) gives a float32 constant, n=$numFeatures', (c) => {
    expect(generateMagnitudes(c.numFeatures, c.config)).toEqual(Float32Array.from(c.expected));
  });

  it('passes the seed to a config (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.nat(), (n, seed) => {
        const config = new FoldedNormalMagnitudeConfig({ mean: 1 });
        expect(generateMagnitudes(n, config, seed)).toEqual(config.generate(n, seed));
        expect(generateMagnitudes(n, 0.25)).toEqual(new Float32Array(n).fill(0.25));
      }),
      { numRuns: 30 },
    );
    expect(() => generateMagnitudes(-1, 1)).toThrow(InvalidArgumentError);
  });
});
