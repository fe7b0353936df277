/**
 * Chunk-invariant sampling: randomness is keyed by absolute row position. Rows are grouped into
 * fixed blocks of {@link BLOCK_ROWS}; block b is a pure function of (streams, b), and a batch that
 * covers part of a block generates the whole block and keeps its rows. So a stream of 4096 rows
 * is the same bit for bit whether it is sampled as one batch or as any sequence of smaller ones.
 */
import { InvalidArgumentError, SynthError, type Rng, type SparseRows } from '@synth/core';
import { firingMagnitudes } from './firing-magnitudes';
import type { FiringPattern } from './independent-firing';

/**
 * Rows per block. Large enough that per-block costs (a stream split and a skipping call per
 * probability bucket) are spread over 64 · (bucket size) trials; small enough that a batch of one
 * row generates at most 63 spare rows, and the last block is cached for the next batch.
 */
export const BLOCK_ROWS = 64;

/** Stored entries of a batch are indexed with Int32Array. */
const MAX_STORED = 2 ** 31 - 1;

/** A generated block: `BLOCK_ROWS` rows of firings with their magnitudes. */
interface Block extends FiringPattern {
  readonly index: number;
  readonly values: Float32Array;
}

/**
 * How firing patterns are made: synchronously one block at a time (`block(b)` covers rows
 * `b·BLOCK_ROWS …`), or asynchronously for a run of blocks (`range(first, count)` covers
 * `count·BLOCK_ROWS` rows from `first·BLOCK_ROWS`), as the backend-run copula sampler does.
 */
export type BlockFiring =
  | { readonly block: (blockIndex: number) => FiringPattern }
  | { readonly range: (firstBlock: number, blockCount: number) => Promise<FiringPattern> };

/**
 * Assembles batches of absolute rows from blocks.
 *
 * @example
 * ```ts
 * const stream = new BlockStream(numFeatures, firing, mean, std, rng.split('magnitude'));
 * const rows = stream.rows(100, 32); // rows 100 … 131
 * ```
 */
export class BlockStream {
  readonly #numFeatures: number;
  readonly #firing: BlockFiring;
  readonly #mean: Float32Array;
  readonly #std: Float32Array;
  readonly #magnitudeRoot: Rng;
  readonly #noisy: boolean;
  #cached: Block | undefined;
  /** Firing patterns fetched by {@link BlockStream.prepare} and not yet turned into blocks. */
  readonly #fetched = new Map<number, FiringPattern>();

  constructor(numFeatures: number, firing: BlockFiring, mean: Float32Array, std: Float32Array, magnitudeRoot: Rng) {
    this.#numFeatures = numFeatures;
    this.#firing = firing;
    this.#mean = mean;
    this.#std = std;
    this.#magnitudeRoot = magnitudeRoot;
    this.#noisy = std.some((s) => s > 0);
  }

  /** Whether `rows` can run without {@link BlockStream.prepare} (firing is synchronous). */
  get synchronous(): boolean {
    return 'block' in this.#firing;
  }

  /** Fetches, in one call, the firing of every block of rows `[firstRow, firstRow + count)` not yet at hand. */
  async prepare(firstRow: number, count: number): Promise<void> {
    if (!('range' in this.#firing) || count === 0) return;
    const first = Math.floor(firstRow / BLOCK_ROWS);
    const last = Math.floor((firstRow + count - 1) / BLOCK_ROWS);
    let from = first;
    while (from <= last && (this.#cached?.index === from || this.#fetched.has(from))) from++;
    if (from > last) return;
    const pattern = await this.#firing.range(from, last - from + 1);
    for (let b = from; b <= last; b++) {
      const start = (b - from) * BLOCK_ROWS;
      const lo = pattern.rowOffsets[start]!;
      const rowOffsets = Int32Array.from(pattern.rowOffsets.subarray(start, start + BLOCK_ROWS + 1), (o) => o - lo);
      const columnIndices = pattern.columnIndices.slice(lo, pattern.rowOffsets[start + BLOCK_ROWS]);
      this.#fetched.set(b, { rowOffsets, columnIndices });
    }
  }

  #block(index: number): Block {
    if (this.#cached?.index === index) return this.#cached;
    let pattern = this.#fetched.get(index);
    if (pattern !== undefined) this.#fetched.delete(index);
    else if ('block' in this.#firing) pattern = this.#firing.block(index);
    else throw new SynthError(`Block ${index} was not prepared (internal error).`);
    const normals = this.#noisy ? this.#magnitudeRoot.split(index) : undefined;
    const block = { index, ...pattern, values: firingMagnitudes(pattern.columnIndices, this.#mean, this.#std, normals) };
    this.#cached = block;
    return block;
  }

  /** Rows `[firstRow, firstRow + count)` as a sparse batch (explicit zeros stay stored). */
  rows(firstRow: number, count: number): SparseRows {
    const end = firstRow + count;
    const parts: { block: Block; from: number; to: number }[] = [];
    let stored = 0;
    for (let b = Math.floor(firstRow / BLOCK_ROWS); b * BLOCK_ROWS < end; b++) {
      const block = this.#block(b);
      const start = b * BLOCK_ROWS;
      const from = Math.max(firstRow, start) - start;
      const to = Math.min(end, start + BLOCK_ROWS) - start;
      parts.push({ block, from, to });
      stored += block.rowOffsets[to]! - block.rowOffsets[from]!;
      if (stored > MAX_STORED) {
        throw new InvalidArgumentError('batchSize', `a batch with at most ${MAX_STORED} firings`, count, { detail: 'Sample smaller batches.' });
      }
    }
    const rowOffsets = new Int32Array(count + 1);
    const columnIndices = new Int32Array(stored);
    const values = new Float32Array(stored);
    let row = 0;
    let at = 0;
    for (const { block, from, to } of parts) {
      const lo = block.rowOffsets[from]!;
      const hi = block.rowOffsets[to]!;
      columnIndices.set(block.columnIndices.subarray(lo, hi), at);
      values.set(block.values.subarray(lo, hi), at);
      for (let r = from; r < to; r++) rowOffsets[++row] = at + block.rowOffsets[r + 1]! - lo;
      at += hi - lo;
    }
    return { rows: count, columns: this.#numFeatures, rowOffsets, columnIndices, values };
  }
}
