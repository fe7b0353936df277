/**
 * Test helper: the mpmath reference table in `normal-reference.json` (written by
 * `make-normal-reference.py`), parsed to doubles.
 */
import { readFileSync } from 'node:fs';

interface RawReference {
  readonly cdf: readonly (readonly [number, string])[];
  readonly inverseCdf: readonly (readonly [number, string])[];
}

const raw = JSON.parse(readFileSync(new URL('./normal-reference.json', import.meta.url), 'utf8')) as RawReference;

/** `[x, Φ(x)]` pairs, `Φ(x)` correctly rounded from 25 digits. */
export const CDF_REFERENCE: readonly (readonly [number, number])[] = raw.cdf.map(([x, value]) => [x, Number(value)]);

/** `[p, Φ⁻¹(p)]` pairs for p in [1e-300, 1). */
export const INVERSE_CDF_REFERENCE: readonly (readonly [number, number])[] = raw.inverseCdf.map(([p, value]) => [p, Number(value)]);
