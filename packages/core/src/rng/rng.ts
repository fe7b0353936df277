/**
 * `Rng`: a seeded, serializable, splittable counter-based generator (Philox4x32-10).
 *
 * Word `w` of a stream is a pure function of (seed, stream id, w) (see `philox-stream.ts`), so
 * every draw depends only on its own position: 4096 values in one fill equal 1024 drawn four
 * times, and each method advances the position by exactly the words it used.
 */
import { InvalidArgumentError } from '../errors';
import { assertInteger } from '../validate';
import { bernoulliEventsAt, assertEventArguments } from './bernoulli-events';
import { assertBernoulliArguments, fillBernoulliAt } from './fill-bernoulli';
import { assertNormalParameters, fillNormalAt } from './fill-normal';
import { assertUniformBounds, fillUniformAt } from './fill-uniform';
import { PhiloxStream } from './philox-stream';
import { MAX_POSITION, parseRngState, toHex64, type RngState } from './rng-state';
import { sampleWith, shuffleWith, type MutableArrayLike } from './sample';
import { childStream, type SplitKey } from './split-key';

const TWO_32 = 4294967296;
/** 2^-53: the spacing of the 53-bit floats that `nextFloat64` returns. */
const TWO_POW_MINUS_53 = 2 ** -53;

/**
 * A seeded random stream. Make one with {@link Rng.fromSeed}, resume one with
 * {@link Rng.fromState}, and give each independent piece of work its own {@link Rng.split}.
 *
 * @remarks Streams are Philox4x32-10 (Random123), keyed by the 64-bit seed; the counter is
 * `[block low, block high, stream low, stream high]`. Changing any of this changes every seeded
 * result downstream and is a breaking change.
 * @example
 * ```ts
 * const rng = Rng.fromSeed(42);
 * const weights = rng.split('weights').fillNormal(new Float32Array(1024), 0, 0.02);
 * const mask = rng.split('mask').fillBernoulli(new Uint8Array(8 * 3), [0.1, 0.5, 0.9], 8);
 * ```
 */
export class Rng {
  #source: PhiloxStream;
  #position: number;

  private constructor(source: PhiloxStream, position: number) {
    this.#source = source;
    this.#position = position;
  }

  /**
   * A generator on the root stream (id 0) of `seed`. Seed 0 is an ordinary seed.
   *
   * @example
   * ```ts
   * const rng = Rng.fromSeed(0);
   * const big = Rng.fromSeed(0xffff_ffff_ffff_ffffn);
   * ```
   * @throws InvalidArgumentError unless `seed` is a non-negative safe integer or a bigint in [0, 2^64).
   */
  static fromSeed(seed: number | bigint): Rng {
    let key: [number, number];
    if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) {
      key = [seed % TWO_32, Math.floor(seed / TWO_32)];
    } else if (typeof seed === 'bigint' && seed >= 0n && seed < 1n << 64n) {
      key = [Number(seed & 0xffffffffn), Number(seed >> 32n)];
    } else {
      throw new InvalidArgumentError('seed', 'a non-negative safe integer or a bigint in [0, 2^64)', seed);
    }
    return new Rng(new PhiloxStream(key, [0, 0]), 0);
  }

  /**
   * Resumes from a {@link RngState} (for example after `JSON.parse`).
   *
   * @example
   * ```ts
   * const resumed = Rng.fromState(JSON.parse(JSON.stringify(rng.state)));
   * ```
   * @throws InvalidArgumentError naming the malformed field.
   */
  static fromState(state: RngState): Rng {
    const { key, stream, position } = parseRngState(state);
    return new Rng(new PhiloxStream(key, stream), position);
  }

  /**
   * A JSON-serializable snapshot: `{ version: 1, key, stream, position }`.
   *
   * @example
   * ```ts
   * Rng.fromSeed(42).state; // { version: 1, key: '000000000000002a', stream: '0000000000000000', position: 0 }
   * ```
   */
  get state(): RngState {
    return { version: 1, key: toHex64(this.#source.key), stream: toHex64(this.#source.stream), position: this.#position };
  }

  /**
   * Words drawn from this stream so far.
   *
   * @example
   * ```ts
   * const rng = Rng.fromSeed(1); rng.nextFloat64(); rng.position; // 2
   * ```
   */
  get position(): number {
    return this.#position;
  }

  /**
   * Moves to word `position` of this stream (forward or back), and returns this generator.
   *
   * @example
   * ```ts
   * rng.seek(0); // replay from the start
   * ```
   * @throws InvalidArgumentError unless `position` is an integer in [0, 2^53 - 1].
   */
  seek(position: number): this {
    assertInteger('position', position, 0, MAX_POSITION);
    this.#position = position;
    return this;
  }

  /**
   * An independent copy at the same position.
   *
   * @example
   * ```ts
   * const copy = rng.clone(); copy.nextUint32() === rng.nextUint32(); // true
   * ```
   */
  clone(): Rng {
    return new Rng(new PhiloxStream(this.#source.key, this.#source.stream), this.#position);
  }

  /**
   * A generator at position 0 of the child stream named `key`. Pure: the parent does not move,
   * and the same seed and path of keys always give the same stream; `split(1)` and `split('1')`
   * differ. See `split-key.ts` for the derivation.
   *
   * @example
   * ```ts
   * const batch7 = Rng.fromSeed(42).split('batches').split(7);
   * ```
   * @throws InvalidArgumentError unless `key` is a string or a non-negative safe integer.
   */
  split(key: SplitKey): Rng {
    const stream = childStream(this.#source.key, this.#source.stream, key);
    return new Rng(new PhiloxStream(this.#source.key, stream), 0);
  }

  /** Reserves `count` words and returns the first position. */
  #take(count: number, parameter: string, value: unknown): number {
    const start = this.#position;
    if (!(count <= MAX_POSITION - start)) {
      throw new InvalidArgumentError(parameter, `at most ${MAX_POSITION - start} more words (streams end at 2^53 - 1)`, value);
    }
    this.#position = start + count;
    return start;
  }

  /**
   * The next 32-bit word, in [0, 2^32).
   *
   * @example
   * ```ts
   * Rng.fromSeed(42).nextUint32(); // an integer in [0, 4294967295]
   * ```
   */
  nextUint32(): number {
    return this.#source.wordAt(this.#take(1, 'position', this.#position));
  }

  /**
   * A float in [0, 1) with 53 random bits, from two words (27 high bits of the first, 26 of the second).
   *
   * @example
   * ```ts
   * const u = Rng.fromSeed(42).nextFloat64();
   * ```
   */
  nextFloat64(): number {
    const start = this.#take(2, 'position', this.#position);
    const high = this.#source.wordAt(start) >>> 5;
    const low = this.#source.wordAt(start + 1) >>> 6;
    return (high * 67108864 + low) * TWO_POW_MINUS_53;
  }

  #uniformInt(n: number): number {
    // Reject the top 2^32 mod n words so that word % n is exactly uniform (accepts > 1/2 always).
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const word = this.nextUint32();
      if (word < limit) return word % n;
    }
  }

  /**
   * An integer uniform on [0, n), unbiased (rejection sampling; one word per try, on average
   * fewer than 2, and exactly 1 when n is a power of two).
   *
   * @example
   * ```ts
   * const die = Rng.fromSeed(42).uniformInt(6) + 1;
   * ```
   * @throws InvalidArgumentError unless `n` is an integer in [1, 2^32].
   */
  uniformInt(n: number): number {
    assertInteger('n', n, 1, TWO_32);
    return this.#uniformInt(n);
  }

  /**
   * Fills `out` with uniforms in [low, high), one word each: 32-bit resolution for a
   * Float64Array, 24-bit (exact float32s) for a Float32Array. Returns `out`.
   *
   * @example
   * ```ts
   * const noise = Rng.fromSeed(42).fillUniform(new Float32Array(1000), -1, 1);
   * ```
   * @throws InvalidArgumentError for non-finite bounds or `high <= low`.
   */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low = 0, high = 1): T {
    assertFloatArray(out);
    assertUniformBounds(low, high);
    fillUniformAt(this.#source, this.#take(out.length, 'out', out), out, low, high);
    return out;
  }

  /**
   * Fills `out` with normals of the given mean and standard deviation, one word each
   * (chunk-invariant Box–Muller, see `fill-normal.ts`). Returns `out`.
   *
   * @example
   * ```ts
   * const init = Rng.fromSeed(42).fillNormal(new Float32Array(4096), 0, 0.02);
   * ```
   * @throws InvalidArgumentError for a non-finite `mean` or a negative or non-finite `std`.
   */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    assertFloatArray(out);
    assertNormalParameters(mean, std);
    fillNormalAt(this.#source, this.#take(out.length, 'out', out), out, mean, std);
    return out;
  }

  /**
   * Fills `out` (row-major, `rows × probabilities.length`) with 0/1 draws: entry (r, j) is 1 with
   * probability `probabilities[j]`, exactly (word < p · 2^32). One word each. Returns `out`.
   *
   * @example
   * ```ts
   * const fired = Rng.fromSeed(42).fillBernoulli(new Uint8Array(2 * 3), [0.1, 0.5, 1], 2);
   * ```
   * @throws InvalidArgumentError naming `probabilities[i]` (outside [0, 1] or NaN), `rows` or `out`.
   */
  fillBernoulli(out: Uint8Array, probabilities: ArrayLike<number>, rows: number): Uint8Array {
    assertBernoulliArguments(out, probabilities, rows);
    fillBernoulliAt(this.#source, this.#take(out.length, 'out', out), out, probabilities, rows);
    return out;
  }

  /**
   * The indices (ascending) of the successes among `trials` independent Bernoulli(p) trials, in
   * time proportional to their number (geometric skipping, see `bernoulli-events.ts`). Uses one
   * word per success plus one; p = 0 and p = 1 use none.
   *
   * @example
   * ```ts
   * const firing = Rng.fromSeed(42).bernoulliEvents(1e-4, 1_000_000); // about 100 indices
   * ```
   * @throws InvalidArgumentError unless p is in [0, 1] and trials an integer in [0, 2^31].
   */
  bernoulliEvents(p: number, trials: number): Int32Array {
    assertEventArguments(p, trials);
    const { events, wordsUsed } = bernoulliEventsAt(this.#source, this.#position, p, trials);
    this.#take(wordsUsed, 'trials', trials);
    return events;
  }

  /**
   * Shuffles `array` in place (Fisher–Yates with {@link Rng.uniformInt}) and returns it.
   *
   * @example
   * ```ts
   * const order = Rng.fromSeed(42).shuffle([0, 1, 2, 3, 4]);
   * ```
   */
  shuffle<A extends MutableArrayLike<unknown>>(array: A): A {
    return shuffleWith(array, (n) => this.#uniformInt(n));
  }

  /**
   * `k` distinct indices from [0, n), uniformly random as a set and in order (partial Fisher–Yates).
   *
   * @example
   * ```ts
   * const batch = Rng.fromSeed(42).sampleWithoutReplacement(60_000, 32);
   * ```
   * @throws InvalidArgumentError unless n is an integer in [0, 2^31 - 1] and k in [0, n].
   */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    assertInteger('n', n, 0, 2 ** 31 - 1);
    assertInteger('k', k, 0, n);
    return sampleWith(n, k, (m) => this.#uniformInt(m));
  }
}

function assertFloatArray(out: unknown): asserts out is Float32Array | Float64Array {
  if (!(out instanceof Float32Array || out instanceof Float64Array)) {
    throw new InvalidArgumentError('out', 'a Float32Array or Float64Array', out);
  }
}
