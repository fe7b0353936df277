import { InvalidArgumentError, Rng } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTRIBUTION_SEED } from './distribution-seed';
import { randomFiringProbabilities } from './random-firing-probabilities';
import { ksCritical, ksStatistic, mean } from './testing/statistics';

const N = 100_000;

describe('randomFiringProbabilities: same law as SAELens (uniform on [min, max))', () => {
  it.each([
    { minProb: 0.01, maxProb: 0.5, seed: 1 },
    { minProb: 0.2, maxProb: 0.21, seed: 2 },
    { minProb: 1e-4, maxProb: 1, seed: 3 },
  ])('[$minProb, $maxProb), seed $seed', ({ minProb, maxProb, seed }) => {
    const p = randomFiringProbabilities(N, { minProb, maxProb, seed });
    expect(p.every((v) => v >= Math.fround(minProb) && v < maxProb)).toBe(true);
    // Mean of U[a, b): (a + b)/2, standard error (b − a)/sqrt(12 N); 5 standard errors (two-sided p ≈ 6e-7).
    expect(Math.abs(mean(p) - (minProb + maxProb) / 2)).toBeLessThan((5 * (maxProb - minProb)) / Math.sqrt(12 * N));
    // KS against the uniform CDF at α = 0.001 (the float32 grid, 2^-24 of the width, is far below 1/N).
    const d = ksStatistic(p, (x) => Math.min(1, Math.max(0, (x - minProb) / (maxProb - minProb))));
    expect(d).toBeLessThan(ksCritical(N, 0.001));
  });
});

describe('randomFiringProbabilities: seeds and streams', () => {
  it('is reproducible; seed 0 is the default; different seeds differ', () => {
    expect(randomFiringProbabilities(64, { seed: 5 })).toEqual(randomFiringProbabilities(64, { seed: 5 }));
    expect(randomFiringProbabilities(64)).toEqual(randomFiringProbabilities(64, { seed: DEFAULT_DISTRIBUTION_SEED }));
    expect(randomFiringProbabilities(64, { seed: 5 })).not.toEqual(randomFiringProbabilities(64, { seed: 6 }));
  });

  it("draws a seed's own child stream, and from an Rng directly (advancing it by n words)", () => {
    const seeded = randomFiringProbabilities(8, { seed: 9, minProb: 0.1, maxProb: 0.2 });
    const fromSplit = randomFiringProbabilities(8, { rng: Rng.fromSeed(9).split('random-firing-probabilities'), minProb: 0.1, maxProb: 0.2 });
    expect(seeded).toEqual(fromSplit);
    const rng = Rng.fromSeed(9);
    const first = randomFiringProbabilities(8, { rng });
    expect(rng.position).toBe(8);
    expect(randomFiringProbabilities(8, { rng })).not.toEqual(first);
  });

  it('regression guard: changing this seeded stream is a breaking change', () => {
    expect(Array.from(randomFiringProbabilities(4, { seed: 42 }))).toMatchInlineSnapshot(`
      [
        0.19712893664836884,
        0.19622671604156494,
        0.17859488725662231,
        0.05098937451839447,
      ]
    `);
  });

  it('rejects seed together with rng, a non-Rng rng, and a bad seed', () => {
    expect(() => randomFiringProbabilities(3, { seed: 1, rng: Rng.fromSeed(1) })).toThrow(InvalidArgumentError);
    expect(() => randomFiringProbabilities(3, { rng: {} as Rng })).toThrow(InvalidArgumentError);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.double().filter((x) => !Number.isInteger(x))), (seed) => {
        expect(() => randomFiringProbabilities(3, { seed })).toThrow(InvalidArgumentError);
      }),
    );
  });

  it('stays below max and at or above min rounded to float32, for any valid range (property)', () => {
    const probability = fc.double({ min: 1e-9, max: 1, noNaN: true });
    fc.assert(
      fc.property(probability, probability, fc.nat(), (a, b, seed) => {
        fc.pre(a !== b);
        const [minProb, maxProb] = [Math.min(a, b), Math.max(a, b)];
        const p = randomFiringProbabilities(200, { minProb, maxProb, seed });
        // When [min, max) holds no float32 (both round to one value) the largest float32 below max is used.
        const floor = Math.min(Math.fround(minProb), largestFloat32Below(maxProb));
        expect(p.every((v) => v >= floor && v < maxProb)).toBe(true);
      }),
    );
  });
});

function largestFloat32Below(x: number): number {
  const probe = Float32Array.of(x);
  if (probe[0]! >= x) new Int32Array(probe.buffer)[0]! -= 1;
  return probe[0]!;
}
