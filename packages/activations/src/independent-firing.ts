/**
 * Independent firing (no correlation) in time proportional to the number of firings, not to
 * `rows × numFeatures`.
 *
 * Features are grouped into buckets by probability: bucket k holds every p in (2^-(k+1), 2^-k].
 * For a block of rows, the trials of one bucket (row-major over (row, member)) are scanned by
 * geometric skipping at the bucket's ceiling q = 2^-k (`Rng.bernoulliEvents`), and each candidate
 * is kept with probability p_j / q (thinning). A trial fires with probability q · p_j / q = p_j,
 * independently of all others, so the law is exactly that of per-entry Bernoulli(p_j) draws; the
 * acceptance is at least 1/2, so there are at most about 2 candidates per firing.
 */
import type { Rng } from '@synth/core';

/** Where the features fired in a block of rows, as CSR without values. */
export interface FiringPattern {
  /** Length `rows + 1`. */
  readonly rowOffsets: Int32Array;
  /** Column of each firing, ascending within each row. */
  readonly columnIndices: Int32Array;
}

interface Bucket {
  /** k: the bucket holds p in (2^-(k+1), 2^-k]; also its split key. */
  readonly exponent: number;
  /** Features in the bucket, ascending. */
  readonly members: Int32Array;
  /** p_j · 2^k per member, in (1/2, 1]. */
  readonly acceptance: Float64Array;
  /** True when every acceptance is 1 (no thinning words are drawn). */
  readonly acceptsAll: boolean;
}

/** Largest bucket exponent: the smallest positive double is 2^-1074. */
const MAX_EXPONENT = 1074;

/** `NEGATIVE_POWERS[k] = 2^-k` (a table: `2 ** -k` is slow on a per-feature path). */
const NEGATIVE_POWERS = Float64Array.from({ length: MAX_EXPONENT + 2 }, (_, k) => 2 ** -k);

/**
 * The bucket exponent k with p ∈ (2^-(k+1), 2^-k], for 0 < p <= 1.
 *
 * @example
 * ```ts
 * bucketExponent(0.3); // 1: 0.3 is in (0.25, 0.5]
 * ```
 */
export function bucketExponent(p: number): number {
  let k = Math.floor(0 - Math.log2(p)); // `0 −` so p = 1 gives +0, not −0
  // log2 may round across a power of two; nudge until the half-open interval holds.
  while (p > NEGATIVE_POWERS[k]!) k--;
  while (p <= NEGATIVE_POWERS[k + 1]!) k++;
  return k;
}

/**
 * Samples firing patterns of independent features from validated probabilities (each in [0, 1]).
 *
 * @example
 * ```ts
 * const sampler = new IndependentFiringSampler(new Float32Array([0.5, 0.01, 0]));
 * const { rowOffsets, columnIndices } = sampler.sampleBlock(Rng.fromSeed(1).split(0), 64);
 * ```
 */
export class IndependentFiringSampler {
  readonly #buckets: readonly Bucket[];
  /** Expected firings per row, Σ p_j (sizes the output buffers). */
  readonly #expectedPerRow: number;

  constructor(probabilities: ArrayLike<number>) {
    // Typed arrays and a counting sort by exponent: this runs once per generator, over up to
    // 2^25 features, so it avoids per-feature Map and array-growth costs.
    const n = probabilities.length;
    const exponents = new Int16Array(n).fill(-1); // -1: p = 0, never fires
    const sizes = new Int32Array(MAX_EXPONENT + 1);
    let expected = 0;
    let lastP = Number.NaN;
    let lastK = 0;
    for (let j = 0; j < n; j++) {
      const p = probabilities[j]!;
      expected += p;
      if (!(p > 0)) continue;
      if (p !== lastP) [lastP, lastK] = [p, bucketExponent(p)];
      exponents[j] = lastK;
      sizes[lastK]!++;
    }
    this.#expectedPerRow = expected;
    const next = new Int32Array(MAX_EXPONENT + 1);
    for (let k = 1; k <= MAX_EXPONENT; k++) next[k] = next[k - 1]! + sizes[k - 1]!;
    const starts = next.slice();
    const members = new Int32Array(n);
    const acceptance = new Float64Array(n);
    const rejecting = new Uint8Array(MAX_EXPONENT + 1);
    const scales = Float64Array.from({ length: MAX_EXPONENT + 1 }, (_, k) => 2 ** k); // `**` per feature is slow
    for (let j = 0; j < n; j++) {
      const k = exponents[j]!;
      if (k < 0) continue;
      const at = next[k]!++;
      members[at] = j;
      const a = probabilities[j]! * scales[k]!; // exact: a power-of-two scaling
      acceptance[at] = a;
      if (a !== 1) rejecting[k] = 1;
    }
    const buckets: Bucket[] = [];
    for (let k = 0; k <= MAX_EXPONENT; k++) {
      if (sizes[k] === 0) continue;
      const [start, end] = [starts[k]!, starts[k]! + sizes[k]!];
      buckets.push({ exponent: k, members: members.subarray(start, end), acceptance: acceptance.subarray(start, end), acceptsAll: rejecting[k] === 0 });
    }
    this.#buckets = buckets;
  }

  /**
   * The firing pattern of `rows` rows, drawn from `rng` (bucket k reads only `rng.split(k)`, so a
   * feature's firings do not depend on features in other buckets).
   */
  sampleBlock(rng: Rng, rows: number): FiringPattern {
    let rowOf: Int32Array = new Int32Array(Math.ceil(rows * this.#expectedPerRow * 1.2) + 64);
    let columnOf: Int32Array = new Int32Array(rowOf.length);
    let count = 0;
    for (const { exponent, members, acceptance, acceptsAll } of this.#buckets) {
      const stream = rng.split(exponent);
      const width = members.length;
      const candidates = stream.bernoulliEvents(2 ** -exponent, rows * width);
      // One thinning uniform per candidate, drawn after the skipping words of the same stream.
      const uniforms = acceptsAll ? undefined : stream.fillUniform(new Float64Array(candidates.length));
      if (count + candidates.length > rowOf.length) {
        const size = 2 * (count + candidates.length);
        rowOf = grow(rowOf, size);
        columnOf = grow(columnOf, size);
      }
      for (let c = 0; c < candidates.length; c++) {
        const trial = candidates[c]!;
        const member = trial % width;
        if (uniforms !== undefined && !(uniforms[c]! < acceptance[member]!)) continue;
        rowOf[count] = (trial - member) / width;
        columnOf[count++] = members[member]!;
      }
    }
    return toRows(rows, rowOf, columnOf, count);
  }
}

function grow(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/** Counting sort by row, then sort each row's columns (rows are short: about Σ p_j entries). */
function toRows(rows: number, rowOf: Int32Array, columnOf: Int32Array, count: number): FiringPattern {
  const rowOffsets = new Int32Array(rows + 1);
  for (let i = 0; i < count; i++) rowOffsets[rowOf[i]! + 1]!++;
  for (let r = 0; r < rows; r++) rowOffsets[r + 1]! += rowOffsets[r]!;
  const next = rowOffsets.slice(0, rows);
  const columnIndices = new Int32Array(count);
  for (let i = 0; i < count; i++) columnIndices[next[rowOf[i]!]!++] = columnOf[i]!;
  for (let r = 0; r < rows; r++) columnIndices.subarray(rowOffsets[r], rowOffsets[r + 1]).sort();
  return { rowOffsets, columnIndices };
}
