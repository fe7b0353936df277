/**
 * Standard normals by Box–Muller, one word per normal and chunk-invariant: the normal at word
 * position `w` uses the word pair starting at the even position `w - w % 2`,
 * `u1 = (word0 + 1) * 2^-32` in (0, 1] and `u2 = word1 * 2^-32` in [0, 1), radius
 * `sqrt(-2 ln u1)`, and takes `cos(2 pi u2)` at even `w` and `sin(2 pi u2)` at odd `w`.
 * A fill that starts or ends at an odd position recomputes the pair it shares with its
 * neighbour, so chunked and unchunked fills agree bit for bit.
 */
import { InvalidArgumentError } from '../errors';
import { assertFinite } from '../validate';
import { CHUNK_WORDS, type PhiloxStream } from './philox-stream';

const TWO_POW_MINUS_32 = 2 ** -32;
/** 2 pi * 2^-32: turns a word straight into an angle (scaling by 2^-32 is exact). */
const ANGLE_PER_WORD = 2 * Math.PI * TWO_POW_MINUS_32;

/** The standard normal at word position `w`, alone (the same arithmetic as the bulk loop). */
function normalAt(source: PhiloxStream, w: number): number {
  const even = w - (w % 2);
  const base = source.wordsAt(even, 2);
  const words = source.kernel.words;
  const radius = Math.sqrt(-2 * Math.log((words[base]! + 1) * TWO_POW_MINUS_32));
  const angle = words[base + 1]! * ANGLE_PER_WORD;
  return even === w ? radius * Math.cos(angle) : radius * Math.sin(angle);
}

/**
 * Checks the parameters of a normal fill.
 *
 * @example
 * ```ts
 * assertNormalParameters(0, 1); // ok
 * ```
 * @throws InvalidArgumentError when `mean` is not finite or `std` is negative or not finite.
 */
export function assertNormalParameters(mean: number, std: number): void {
  assertFinite('mean', mean);
  if (!(std >= 0 && std < Infinity)) throw new InvalidArgumentError('std', 'a finite number >= 0', std);
}

/**
 * Fills `out` with `mean + std * z` for the normals `z` at words `[position, position + out.length)`.
 *
 * @example
 * ```ts
 * fillNormalAt(new PhiloxStream([42, 0], [0, 0]), 0, new Float64Array(8), 0, 1);
 * ```
 */
export function fillNormalAt(source: PhiloxStream, position: number, out: Float32Array | Float64Array, mean: number, std: number): void {
  const n = out.length;
  let i = 0;
  if (n > 0 && position % 2 === 1) {
    out[0] = mean + std * normalAt(source, position);
    i = 1;
  }
  // Whole pairs from here on; a lone value left at the end sits at an even position.
  const pairsEnd = n - ((n - i) % 2);
  const words = source.kernel.words;
  while (i < pairsEnd) {
    const count = Math.min(CHUNK_WORDS, pairsEnd - i);
    const base = source.wordsAt(position + i, count);
    for (let k = 0; k < count; k += 2) {
      const radius = Math.sqrt(-2 * Math.log((words[base + k]! + 1) * TWO_POW_MINUS_32));
      const angle = words[base + k + 1]! * ANGLE_PER_WORD;
      out[i + k] = mean + std * (radius * Math.cos(angle));
      out[i + k + 1] = mean + std * (radius * Math.sin(angle));
    }
    i += count;
  }
  if (i < n) out[i] = mean + std * normalAt(source, position + i);
}
