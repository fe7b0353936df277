import { InvalidArgumentError, Rng, normalCdf } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FoldedNormalMagnitudeConfig } from './folded-normal-magnitude-config';
import { ksCritical, ksStatistic, mean } from './testing/statistics';

const N = 200_000;

/** CDF of |Y|, Y ~ N(μ, σ²): Φ((x − μ)/σ) − Φ((−x − μ)/σ) for x >= 0. */
function foldedCdf(x: number, mu: number, sigma: number): number {
  return x <= 0 ? 0 : normalCdf((x - mu) / sigma) - normalCdf((-x - mu) / sigma);
}

/** Exact moments of |Y|: E|Y| = σ·sqrt(2/π)·exp(−μ²/2σ²) + μ·(1 − 2Φ(−μ/σ)); E|Y|² = μ² + σ²; E|Y|⁴ = μ⁴ + 6μ²σ² + 3σ⁴. */
function foldedMoments(mu: number, sigma: number): { m1: number; m2: number; m4: number } {
  const m1 = sigma * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * sigma * sigma)) + mu * (1 - 2 * normalCdf(-mu / sigma));
  return { m1, m2: mu * mu + sigma * sigma, m4: mu ** 4 + 6 * mu * mu * sigma * sigma + 3 * sigma ** 4 };
}

describe('FoldedNormalMagnitudeConfig: same law as SAELens, |N(mean, std²)|', () => {
  it.each([
    { mean: 0, std: 0.1, seed: 1 },
    { mean: 1, std: 0.5, seed: 2 },
    { mean: -3, std: 2, seed: 3 },
    { mean: 0.5, std: 1, seed: 4 },
  ])('mean $mean, std $std', ({ mean: mu, std: sigma, seed }) => {
    const x = new FoldedNormalMagnitudeConfig({ mean: mu, std: sigma }).generate(N, seed);
    expect(x.every((v) => v >= 0)).toBe(true);
    const { m1, m2, m4 } = foldedMoments(mu, sigma);
    // Sample moments against the exact ones, 5 standard errors each: se(mean) = sqrt((m2 − m1²)/N),
    // se(mean of x²) = sqrt((m4 − m2²)/N). Two-sided false-failure rate about 6e-7 per check.
    expect(Math.abs(mean(x) - m1)).toBeLessThan(5 * Math.sqrt((m2 - m1 * m1) / N));
    expect(Math.abs(mean(x, (v) => v * v) - m2)).toBeLessThan(5 * Math.sqrt((m4 - m2 * m2) / N));
    expect(ksStatistic(x, (v) => foldedCdf(v, mu, sigma))).toBeLessThan(ksCritical(N, 0.001));
  });

  it('clamps to [minValue, maxValue] with the folded-normal mass at each bound', () => {
    const [mu, sigma, low, high] = [0.3, 0.5, 0.2, 0.5];
    const x = new FoldedNormalMagnitudeConfig({ mean: mu, std: sigma, minValue: low, maxValue: high }).generate(N, 11);
    expect(x.every((v) => v >= Math.fround(low) && v <= Math.fround(high))).toBe(true);
    const atLow = x.filter((v) => v === Math.fround(low)).length / N;
    const atHigh = x.filter((v) => v === Math.fround(high)).length / N;
    const pLow = foldedCdf(low, mu, sigma);
    const pHigh = 1 - foldedCdf(high, mu, sigma);
    // Binomial proportions: 5·sqrt(p(1 − p)/N).
    expect(Math.abs(atLow - pLow)).toBeLessThan(5 * Math.sqrt((pLow * (1 - pLow)) / N));
    expect(Math.abs(atHigh - pHigh)).toBeLessThan(5 * Math.sqrt((pHigh * (1 - pHigh)) / N));
  });

  it('applies only the bounds that are set; equal bounds give a constant', () => {
    const onlyMax = new FoldedNormalMagnitudeConfig({ mean: 0, std: 1, maxValue: 0.5 }).generate(1000, 1);
    expect(Math.max(...onlyMax)).toBe(0.5);
    expect(Math.min(...onlyMax)).toBeLessThan(0.01);
    const onlyMin = new FoldedNormalMagnitudeConfig({ mean: 0, std: 1, minValue: 1 }).generate(1000, 1);
    expect(Math.min(...onlyMin)).toBe(1);
    expect(Math.max(...onlyMin)).toBeGreaterThan(2);
    expect(new FoldedNormalMagnitudeConfig({ minValue: 0.3, maxValue: 0.3 }).generate(5, 1)).toEqual(new Float32Array(5).fill(0.3));
  });
});

describe('FoldedNormalMagnitudeConfig: seeds', () => {
  it('is reproducible, defaults to seed 0, draws a child stream of the seed, and takes an Rng', () => {
    const config = new FoldedNormalMagnitudeConfig({ mean: 1 });
    expect(config.generate(32, 3)).toEqual(config.generate(32, 3));
    expect(config.generate(32)).toEqual(config.generate(32, 0));
    expect(config.generate(32, 3)).not.toEqual(config.generate(32, 4));
    expect(config.generate(32, 3)).toEqual(config.generate(32, Rng.fromSeed(3).split('folded-normal-magnitudes')));
    expect(() => config.generate(3, -1)).toThrow(InvalidArgumentError);
  });

  it('regression guard: changing this seeded stream is a breaking change', () => {
    expect(Array.from(new FoldedNormalMagnitudeConfig({ mean: 1, std: 0.5 }).generate(4, 42))).toMatchInlineSnapshot(`
      [
        0.8527523875236511,
        0.931577742099762,
        0.637873113155365,
        1.6131492853164673,
      ]
    `);
  });
});

describe('FoldedNormalMagnitudeConfig: validation order and messages (property)', () => {
  it('reports the first broken rule in SAELens order', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 0.5, 1, 2));
    const bound = fc.option(value, { nil: undefined });
    fc.assert(
      fc.property(value, bound, bound, fc.double({ min: -10, max: 10, noNaN: true }), (std, minValue, maxValue, mu) => {
        const expected = !(std > 0 && std < Infinity)
          ? 'std must be positive'
          : minValue !== undefined && !(minValue >= 0 && minValue < Infinity)
            ? 'min_value must be non-negative'
            : maxValue !== undefined && !(maxValue > 0)
              ? 'max_value must be positive'
              : minValue !== undefined && maxValue !== undefined && minValue > maxValue
                ? 'min_value must be <= max_value'
                : undefined;
        const call = (): unknown => new FoldedNormalMagnitudeConfig({ mean: mu, std, minValue, maxValue });
        if (expected === undefined) expect(call).not.toThrow();
        else expect(call).toThrow(expected);
      }),
    );
    expect(() => new FoldedNormalMagnitudeConfig({ mean: Number.NaN })).toThrow(InvalidArgumentError);
  });
});
