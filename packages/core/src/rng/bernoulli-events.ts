/**
 * The successes of many independent Bernoulli(p) trials, in time proportional to their number:
 * geometric skipping. Each success costs one word `u = (word + 1) * 2^-32` in (0, 1], and the
 * gap of failures before it is `floor(ln u / ln(1 - p))`, which is Geometric(p) because
 * `P(gap >= k) = P(u <= (1 - p)^k) = (1 - p)^k`. One more word finds the gap that runs past the
 * last trial. With 32-bit u, gaps longer than about `22.2 / p` (probability 2^-32) are cut.
 */
import { assertInRange, assertInteger } from '../validate';
import { CHUNK_WORDS, type PhiloxStream } from './philox-stream';

const TWO_POW_MINUS_32 = 2 ** -32;
/** Trials are indexed with Int32Array, so indices stay below 2^31. */
export const MAX_TRIALS = 2 ** 31;

/**
 * Checks `p` and `trials`.
 *
 * @example
 * ```ts
 * assertEventArguments(1e-4, 1_000_000); // ok
 * ```
 * @throws InvalidArgumentError naming `p` or `trials`.
 */
export function assertEventArguments(p: number, trials: number): void {
  assertInRange('p', p, 0, 1);
  assertInteger('trials', trials, 0, MAX_TRIALS);
}

/** Result of {@link bernoulliEventsAt}: the success indices and the words used. */
export interface EventDraw {
  readonly events: Int32Array;
  readonly wordsUsed: number;
}

/**
 * Success indices in `[0, trials)`, ascending, drawing words from `position` on.
 * p = 0 and p = 1 use no words.
 *
 * @example
 * ```ts
 * const { events } = bernoulliEventsAt(new PhiloxStream([42, 0], [0, 0]), 0, 0.01, 1000);
 * ```
 */
export function bernoulliEventsAt(source: PhiloxStream, position: number, p: number, trials: number): EventDraw {
  if (p === 0 || trials === 0) return { events: new Int32Array(0), wordsUsed: 0 };
  if (p === 1) return { events: Int32Array.from({ length: trials }, (_, i) => i), wordsUsed: 0 };
  const logFailure = Math.log1p(-p);
  const expected = trials * p;
  // Room for the mean plus 6 standard deviations; rarely grown.
  let events = new Int32Array(Math.min(trials, Math.ceil(expected + 6 * Math.sqrt(expected) + 16)));
  let count = 0;
  let used = 0;
  let index = -1;
  const words = source.kernel.words;
  // Generate about as many words as this call should need, then double.
  let chunk = Math.min(CHUNK_WORDS, events.length + 1);
  let base = 0;
  let available = 0;
  for (;;) {
    if (available === 0) {
      base = source.wordsAt(position + used, chunk);
      available = chunk;
      chunk = Math.min(CHUNK_WORDS, 2 * chunk);
    }
    const u = (words[base++]! + 1) * TWO_POW_MINUS_32;
    available--;
    used++;
    index += Math.floor(Math.log(u) / logFailure) + 1;
    if (index >= trials) break;
    if (count === events.length) {
      const grown = new Int32Array(Math.min(trials, 2 * events.length));
      grown.set(events);
      events = grown;
    }
    events[count++] = index;
  }
  return { events: count === events.length ? events : events.slice(0, count), wordsUsed: used };
}
