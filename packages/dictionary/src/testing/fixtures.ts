/**
 * Typed readers for the SAELens parity fixtures in `src/__fixtures__/`, written by
 * `scripts/fixtures/make_sae_lens_fixtures.py` (see its header for the command and versions).
 */
import { readFileSync } from 'node:fs';

/** One starting matrix orthogonalised by SAELens with several chunk sizes. */
export interface OrthogonalizeCase {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  readonly numSteps: number;
  readonly lr: number;
  readonly start: number[][];
  readonly results: readonly { readonly chunkSize: number; readonly expected: number[][]; readonly losses: number[] }[];
  readonly expectedFloat64: number[][];
}

/** `feature-dictionary-forward.json`. */
export interface ForwardFixture {
  readonly numFeatures: number;
  readonly hiddenDim: number;
  readonly featureVectors: number[][];
  readonly bias: number[];
  readonly activations: number[][];
  readonly expected: number[][];
  readonly expectedSparse: number[][];
}

function readFixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${file}`, import.meta.url), 'utf8')) as T;
}

/** The cases of `orthogonalize.json`. */
export function orthogonalizeCases(): readonly OrthogonalizeCase[] {
  return readFixture<{ cases: OrthogonalizeCase[] }>('orthogonalize.json').cases;
}

/** The contents of `feature-dictionary-forward.json`. */
export function forwardFixture(): ForwardFixture {
  return readFixture<ForwardFixture>('feature-dictionary-forward.json');
}

/** Row-major `Float32Array` of a nested list. */
export function flatten(rows: readonly (readonly number[])[]): Float32Array {
  return Float32Array.from(rows.flat());
}
