/**
 * Random access into one Philox stream: word `w` is lane `w & 3` of
 * `philox(key, [block low, block high, stream low, stream high])` with `block = floor(w / 4)`.
 * Every word depends only on (key, stream, w), which is what makes fills chunk-invariant.
 */
import { CHUNK_WORDS, sharedKernel, type PhiloxKernel } from './philox-kernel';

const TWO_32 = 4294967296;

/**
 * Internal: the words of one (key, stream) pair, by position. `Rng` owns the position; this
 * class only computes words.
 *
 * @example
 * ```ts
 * const source = new PhiloxStream([42, 0], [0, 0]);
 * const first = source.wordAt(0);
 * ```
 */
export class PhiloxStream {
  readonly kernel: PhiloxKernel;
  private readonly cache = new Uint32Array(4);
  private cachedBlock = -1;

  constructor(
    readonly key: readonly [number, number],
    readonly stream: readonly [number, number],
    kernel: PhiloxKernel = sharedKernel(),
  ) {
    this.kernel = kernel;
  }

  /**
   * Generates words `[position, position + count)` (count <= {@link CHUNK_WORDS}) into
   * `kernel.words` and returns the index of word `position` there. Valid until the next call.
   */
  wordsAt(position: number, count: number): number {
    const block = Math.floor(position / 4);
    const lane = position - 4 * block;
    const blocks = (lane + count + 3) >>> 2;
    this.kernel.generate(
      this.key[0],
      this.key[1],
      block % TWO_32,
      Math.floor(block / TWO_32),
      this.stream[0],
      this.stream[1],
      blocks,
    );
    return lane;
  }

  /** One word, through a one-block cache (for scalar draws). */
  wordAt(position: number): number {
    const block = Math.floor(position / 4);
    if (block !== this.cachedBlock) {
      const base = this.wordsAt(4 * block, 4);
      this.cache.set(this.kernel.words.subarray(base, base + 4));
      this.cachedBlock = block;
    }
    return this.cache[position - 4 * block]!;
  }
}

export { CHUNK_WORDS };
