/**
 * Bernoulli draws for a rows × features grid, one word per entry: entry `(r, j)` is 1 exactly
 * when its word is below `p_j * 2^32`, so p = 0 never fires and p = 1 always does.
 */
import { InvalidArgumentError } from '../errors';
import { assertAllInRange, assertInteger } from '../validate';
import { CHUNK_WORDS, type PhiloxStream } from './philox-stream';

const TWO_32 = 4294967296;

/**
 * Checks a Bernoulli fill's arguments.
 *
 * @example
 * ```ts
 * assertBernoulliArguments(new Uint8Array(6), [0.1, 0.5, 1], 2); // ok
 * ```
 * @throws InvalidArgumentError naming `probabilities[i]`, `rows` or `out`.
 */
export function assertBernoulliArguments(out: Uint8Array, probabilities: ArrayLike<number>, rows: number): void {
  assertInteger('rows', rows, 0);
  assertAllInRange('probabilities', probabilities, 0, 1);
  const expected = rows * probabilities.length;
  if (!(out instanceof Uint8Array && out.length === expected)) {
    throw new InvalidArgumentError('out', `a Uint8Array of length rows * probabilities.length = ${expected}`, out);
  }
}

/**
 * Fills `out` (row-major, `rows × probabilities.length`) from words `[position, position + out.length)`.
 *
 * @example
 * ```ts
 * fillBernoulliAt(new PhiloxStream([42, 0], [0, 0]), 0, new Uint8Array(4), [0.2, 0.9], 2);
 * ```
 */
export function fillBernoulliAt(source: PhiloxStream, position: number, out: Uint8Array, probabilities: ArrayLike<number>, rows: number): void {
  const features = probabilities.length;
  const total = rows * features;
  if (total === 0) return;
  // p * 2^32 is exact (a power-of-two scaling) and compares exactly with the integer word.
  const thresholds = new Float64Array(features);
  for (let j = 0; j < features; j++) thresholds[j] = probabilities[j]! * TWO_32;
  const words = source.kernel.words;
  let j = 0;
  for (let i = 0; i < total; i += CHUNK_WORDS) {
    const count = Math.min(CHUNK_WORDS, total - i);
    const base = source.wordsAt(position + i, count);
    for (let k = 0; k < count; k++) {
      out[i + k] = words[base + k]! < thresholds[j]! ? 1 : 0;
      if (++j === features) j = 0;
    }
  }
}
