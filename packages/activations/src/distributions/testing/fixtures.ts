/**
 * Typed readers for the SAELens parity fixtures `src/__fixtures__/distributions-*.json`, written by
 * `python3 scripts/fixtures/make_sae_lens_fixtures.py --only distributions-firing-probabilities
 * --only distributions-magnitudes` (see that script's header for versions).
 */
import { readFileSync } from 'node:fs';

/** A SAELens `ValueError` message, or null where the call succeeded. */
export type Outcome = string | null;

export interface ZipfianCase {
  readonly numFeatures: number;
  readonly exponent: number;
  readonly maxProb: number;
  readonly minProb: number;
  readonly expected: number[];
  readonly expectedFloat64: number[];
}

export interface LinearCase {
  readonly numFeatures: number;
  readonly maxProb: number;
  readonly minProb: number;
  readonly expected: number[];
  readonly expectedFloat64: number[];
}

export interface ConfigCase {
  readonly className: string;
  readonly kwargs: Record<string, number | null>;
  readonly dict: Record<string, unknown> & { generator_name: string };
}

export interface FiringProbabilityFixture {
  readonly zipfian: ZipfianCase[];
  readonly linear: LinearCase[];
  readonly constant: { numFeatures: number; probability: number; expected: number[] }[];
  readonly configs: ConfigCase[];
  readonly validation: { function: 'zipfian' | 'linear' | 'random'; numFeatures: number; kwargs: Record<string, number>; error: Outcome }[];
  readonly fromDictErrors: { dict: Record<string, unknown>; error: string }[];
  readonly registryErrors: { duplicate: string; unknown: string };
}

export interface InterpolationCase {
  readonly numFeatures: number;
  readonly start: number;
  readonly end: number;
  readonly expected: number[];
  readonly expectedFloat64?: number[];
}

export interface MagnitudeFixture {
  readonly constant: { numFeatures: number; value: number; expected: number[] }[];
  readonly linear: InterpolationCase[];
  readonly exponential: InterpolationCase[];
  readonly generateMagnitudes: { numFeatures: number; config: number; expected: number[] }[];
  readonly configs: ConfigCase[];
  readonly validation: { className: string; kwargs: Record<string, number>; error: Outcome }[];
  readonly fromDictErrors: { dict: Record<string, unknown>; error: string }[];
}

function readFixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../__fixtures__/${file}`, import.meta.url), 'utf8')) as T;
}

export function firingProbabilityFixture(): FiringProbabilityFixture {
  return readFixture<FiringProbabilityFixture>('distributions-firing-probabilities.json');
}

export function magnitudeFixture(): MagnitudeFixture {
  return readFixture<MagnitudeFixture>('distributions-magnitudes.json');
}

/** `max_prob` → `maxProb`: SAELens keyword names as synth option names. */
export function camelCaseKeys<V>(kwargs: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(kwargs).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
}

/** Asserts `|actual[i] − expected[i]| <= tolerance(i)` for every i, naming the first failure. */
export function closeTo(actual: ArrayLike<number>, expected: readonly number[], tolerance: (i: number) => number): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= tolerance(i))) return `[${i}]: ${actual[i]} vs ${expected[i]} (error ${error} > ${tolerance(i)})`;
  }
  return undefined;
}

/** Float32 machine epsilon, 2^-23. */
export const EPS32 = 2 ** -23;
