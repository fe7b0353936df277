import { InvalidArgumentError } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Registry } from './registry';
import { firingProbabilityFixture } from './testing/fixtures';

const { registryErrors } = firingProbabilityFixture();

describe('Registry', () => {
  it("matches SAELens's messages for a duplicate and an unknown name", () => {
    const registry = new Registry<number>();
    registry.register('a', 1);
    expect(() => registry.register('a', 2)).toThrow(InvalidArgumentError);
    expect(() => registry.register('a', 2)).toThrow(registryErrors.duplicate);
    expect(() => registry.getOrRaise('b')).toThrow(registryErrors.unknown);
    expect(registry.getOrRaise('a')).toBe(1);
  });

  it('keeps registration order and lists it in the unknown-name message', () => {
    const registry = new Registry([['zipfian', 1], ['linear', 2]] as const);
    expect(registry.names()).toEqual(['zipfian', 'linear']);
    expect([...registry]).toEqual([['zipfian', 1], ['linear', 2]]);
    expect(registry.size).toBe(2);
    expect(registry.has('linear') && !registry.has('random')).toBe(true);
    expect(() => registry.getOrRaise('random')).toThrow("Unknown name: 'random'. Available: ['zipfian', 'linear']");
  });

  it("quotes names as Python's repr does", () => {
    const registry = new Registry([["it's", 1]]);
    expect(() => registry.register("it's", 2)).toThrow(`"it's" is already registered.`);
    expect(() => registry.getOrRaise('x')).toThrow(`Available: ["it's"]`);
  });

  it('rejects duplicates in the constructor entries and non-string names', () => {
    expect(() => new Registry([['a', 1], ['a', 2]])).toThrow("'a' is already registered.");
    expect(() => new Registry<number>().register(3 as unknown as string, 1)).toThrow(InvalidArgumentError);
  });

  it('register then getOrRaise round-trips; a second register of any name throws (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 20 }), (names) => {
        const registry = new Registry<number>();
        names.forEach((name, i) => registry.register(name, i));
        names.forEach((name, i) => expect(registry.getOrRaise(name)).toBe(i));
        for (const name of names) expect(() => registry.register(name, -1)).toThrow('is already registered.');
        expect(registry.names()).toEqual(names);
      }),
    );
  });
});
