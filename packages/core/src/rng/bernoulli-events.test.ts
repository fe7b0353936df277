import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { arbitrarySeed } from './rng.properties';

describe('bernoulliEvents', () => {
  it('returns ascending indices in [0, trials) and uses one word per event plus one', () => {
    fc.assert(
      fc.property(arbitrarySeed, fc.double({ min: 1e-6, max: 0.999, noNaN: true }), fc.nat(20_000), (seed, p, trials) => {
        const rng = Rng.fromSeed(seed);
        const events = rng.bernoulliEvents(p, trials);
        for (let i = 0; i < events.length; i++) {
          expect(events[i]! >= 0 && events[i]! < trials && (i === 0 || events[i]! > events[i - 1]!)).toBe(true);
        }
        expect(rng.position).toBe(trials === 0 ? 0 : events.length + 1);
      }),
    );
  });

  it('handles p = 0 and p = 1 without drawing', () => {
    const rng = Rng.fromSeed(1);
    expect(rng.bernoulliEvents(0, 1000)).toEqual(new Int32Array(0));
    expect(rng.bernoulliEvents(1, 5)).toEqual(Int32Array.of(0, 1, 2, 3, 4));
    expect(rng.position).toBe(0);
  });

  it.each([
    [1e-4, 10_000_000],
    [0.05, 1_000_000],
    [0.7, 200_000],
  ])('fires at rate p = %s, evenly over the trials (seed 9, %s trials)', (p, trials) => {
    const events = Rng.fromSeed(9).bernoulliEvents(p, trials);
    // Count: 5 binomial standard errors, 5 sqrt(trials p (1 - p)).
    expect(Math.abs(events.length - trials * p)).toBeLessThan(5 * Math.sqrt(trials * p * (1 - p)));
    // Given the count, each event falls in the first half with probability 1/2: 5 sqrt(count / 4).
    const firstHalf = events.filter((index) => index < trials / 2).length;
    expect(Math.abs(firstHalf - events.length / 2)).toBeLessThan(5 * Math.sqrt(events.length / 4));
  });

  it('gives gaps with the geometric mean (1 - p) / p (p = 0.01, seed 10)', () => {
    const p = 0.01;
    const events = Rng.fromSeed(10).bernoulliEvents(p, 5_000_000);
    const gaps = events.length - 1;
    const meanGap = (events[gaps]! - events[0]! - gaps) / gaps;
    // sd of a Geometric(p) gap is sqrt(1 - p) / p; 5 standard errors.
    expect(Math.abs(meanGap - (1 - p) / p)).toBeLessThan((5 * Math.sqrt(1 - p)) / p / Math.sqrt(gaps));
  });

  it('stays fast for very rare events over 2^31 trials', () => {
    const events = Rng.fromSeed(11).bernoulliEvents(1e-12, 2 ** 31);
    expect(events.length).toBeLessThan(5);
  });
});
