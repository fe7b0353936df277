/**
 * Uniform floats from one 32-bit word each. Resolution: a Float64Array gets `word * 2^-32`
 * (32 random bits, 2^-32 steps), a Float32Array gets `(word >>> 8) * 2^-24` (24 bits, every
 * value an exact float32), so `[0, 1)` holds with no rounding up to 1.
 */
import { InvalidArgumentError } from '../errors';
import { assertFinite } from '../validate';
import { CHUNK_WORDS, type PhiloxStream } from './philox-stream';

const TWO_POW_MINUS_32 = 2 ** -32;
const TWO_POW_MINUS_24 = 2 ** -24;

/** The next float32 (`single`) or float64 below `value`, toward -infinity (one ulp). */
function stepDown(value: number, single: boolean): number {
  if (value === 0) return single ? -(2 ** -149) : -Number.MIN_VALUE;
  // Adjacent IEEE floats of one sign have adjacent integer images.
  if (single) {
    const probe = Float32Array.of(value);
    const bits = new Int32Array(probe.buffer);
    bits[0] = bits[0]! + (value > 0 ? -1 : 1);
    return probe[0]!;
  }
  const probe = Float64Array.of(value);
  const bits = new BigInt64Array(probe.buffer);
  bits[0] = bits[0]! + (value > 0 ? -1n : 1n);
  return probe[0]!;
}

/** Largest float32 (`single`) or float64 strictly below `high`. */
function largestBelow(high: number, single: boolean): number {
  let value = single ? Math.fround(high) : high;
  while (value >= high) value = stepDown(value, single);
  return value;
}

/**
 * Checks the bounds of a uniform fill.
 *
 * @example
 * ```ts
 * assertUniformBounds(-1, 1); // ok
 * ```
 * @throws InvalidArgumentError when a bound is not finite, `high <= low`, or `high - low` overflows.
 */
export function assertUniformBounds(low: number, high: number): void {
  assertFinite('low', low);
  assertFinite('high', high);
  if (!(high > low)) throw new InvalidArgumentError('high', `a number > low (${low})`, high);
  if (!Number.isFinite(high - low)) throw new InvalidArgumentError('high', 'a number with high - low finite', high);
}

/**
 * Fills `out` with uniforms in `[low, high)` from words `[position, position + out.length)`.
 * For a Float32Array the lower bound is `Math.fround(low)` when `low` is not a float32.
 *
 * @example
 * ```ts
 * fillUniformAt(new PhiloxStream([42, 0], [0, 0]), 0, new Float64Array(8), 0, 1);
 * ```
 */
export function fillUniformAt(source: PhiloxStream, position: number, out: Float32Array | Float64Array, low: number, high: number): void {
  const single = out instanceof Float32Array;
  const unit = low === 0 && high === 1;
  const scale = (high - low) * (single ? TWO_POW_MINUS_24 : TWO_POW_MINUS_32);
  const below = unit ? 0 : largestBelow(high, single);
  const words = source.kernel.words;
  for (let i = 0; i < out.length; i += CHUNK_WORDS) {
    const count = Math.min(CHUNK_WORDS, out.length - i);
    const base = source.wordsAt(position + i, count);
    // One monomorphic loop per element type: mixing both in one loop costs about a third here.
    if (!unit) scaleWords(words, base, out, i, count, single ? 8 : 0, low, scale, high, below);
    else if (single) unit32(words, base, out, i, count);
    else unit64(words, base, out, i, count);
  }
}

function unit32(words: Uint32Array, base: number, out: Float32Array, start: number, count: number): void {
  for (let k = 0; k < count; k++) out[start + k] = (words[base + k]! >>> 8) * TWO_POW_MINUS_24;
}

function unit64(words: Uint32Array, base: number, out: Float64Array, start: number, count: number): void {
  for (let k = 0; k < count; k++) out[start + k] = words[base + k]! * TWO_POW_MINUS_32;
}

function scaleWords(
  words: Uint32Array,
  base: number,
  out: Float32Array | Float64Array,
  start: number,
  count: number,
  shift: number,
  low: number,
  scale: number,
  high: number,
  below: number,
): void {
  for (let k = 0; k < count; k++) {
    out[start + k] = low + (words[base + k]! >>> shift) * scale;
    // low + u * (high - low) can round up to high; keep the interval half-open.
    if (out[start + k]! >= high) out[start + k] = below;
  }
}
