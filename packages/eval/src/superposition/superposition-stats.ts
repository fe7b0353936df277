/**
 * Superposition statistics of a feature dictionary (SPEC §1.10 `SuperpositionStats`,
 * `compute_superposition_stats`): how close each feature is to the others, by `|cos|`.
 */
import { InvalidArgumentError, assertInRange, assertInteger, normalizeRows } from '@synth/core';
import type { Backend, Rank, Tensor2D } from '@synth/core';
import { interpolateQuantile, neededRanks, quantilePosition, selectRanks } from './quantile-selection';
import type { QuantilePosition } from './quantile-selection';

/** What {@link computeSuperpositionStats} measures. Percentile keys are the requested numbers (95, not 0.95). */
export interface SuperpositionStats {
  /** For each feature `i`, `max_{j≠i} |cos(v_i, v_j)|`; `[numFeatures]`. */
  readonly maxAbsCosSims: Float32Array;
  /** For each requested percentile `p`, the `p`-th percentile of `|cos(v_i, v_j)|` over `j ≠ i`, per feature. */
  readonly percentileAbsCosSims: ReadonlyMap<number, Float32Array>;
  /** The mean of {@link maxAbsCosSims}. */
  readonly meanMaxAbsCosSim: number;
  /** For each requested percentile, the mean of its per-feature values. */
  readonly meanPercentileAbsCosSim: ReadonlyMap<number, number>;
  /** The mean `|cos|` over unordered pairs `i < j`. */
  readonly meanAbsCosSim: number;
  readonly numFeatures: number;
  readonly hiddenDim: number;
}

/** Options of {@link computeSuperpositionStats}. */
export interface SuperpositionStatsOptions {
  /** Features per block of `|cos|` rows computed on the backend (default 1024). Backend memory is O(batchSize · numFeatures). */
  readonly batchSize?: number;
  /** Percentiles in [0, 100] to compute per feature (default [95, 99]). Repeats count once. */
  readonly percentiles?: readonly number[];
}

/** SAELens's defaults. */
const DEFAULT_BATCH_SIZE = 1024;
const DEFAULT_PERCENTILES: readonly number[] = [95, 99];

/**
 * Measures superposition among the rows `v_i` of `featureVectors` (a `[numFeatures, hiddenDim]`
 * tensor, or anything with one, such as a `FeatureDictionary`). Rows are divided by
 * `max(‖v_i‖, 1e-8)`, so a zero row has `|cos| = 0` with every feature, never NaN. For each
 * feature `i`, over the other `n − 1` features: the largest `|cos|` and each requested percentile
 * by linear interpolation (numpy's and `torch.quantile`'s default; the median of two values is
 * their mean).
 *
 * `|cos|` is computed on the backend in blocks of `batchSize` rows against all features (one
 * `[batchSize, n]` block at a time, so memory is O(batchSize · n)); each row's percentiles come
 * from a selection on a reused copy, expected O(n) per percentile. Time is O(n²·d) on the backend
 * plus O(n²) on the host. Results do not depend on `batchSize` beyond float32 rounding.
 *
 * @remarks
 * SAELens's loop takes `torch.quantile` of each row, a sort (O(n² log n) overall), and is very
 * slow beyond about 1e5 features. Differences: this function is async (block reads are awaited,
 * and the next block is queued on the backend while the host reduces the current one); sums for
 * the means run in float64; percentile maps are `Map`s keyed by the percentile (SAELens's dicts);
 * non-finite entries throw, where SAELens would return NaN.
 *
 * @example
 * ```ts
 * const stats = await computeSuperpositionStats(backend, dictionary, { percentiles: [50, 95, 99] });
 * stats.meanMaxAbsCosSim;                // mean over features of the closest other feature's |cos|
 * stats.percentileAbsCosSims.get(95)![0]; // feature 0's 95th-percentile |cos|
 * ```
 * @throws InvalidArgumentError when `featureVectors` is not a 2-D tensor, has fewer than 2 rows
 * ("Need at least 2 features to compute superposition stats") or a non-finite entry; when
 * `batchSize` is not an integer >= 1; when a percentile is outside [0, 100] or `percentiles` is
 * not an array.
 */
export async function computeSuperpositionStats(
  backend: Backend,
  featureVectors: Tensor2D | { readonly featureVectors: Tensor2D },
  options: SuperpositionStatsOptions = {},
): Promise<SuperpositionStats> {
  const vectors =
    typeof featureVectors === 'object' && featureVectors !== null && 'featureVectors' in featureVectors ? featureVectors.featureVectors : featureVectors;
  const { batchSize, percentiles } = resolveOptions(options);
  if (!(typeof vectors === 'object' && vectors !== null && vectors.rank === 2)) {
    throw new InvalidArgumentError('featureVectors', 'a 2-D tensor [numFeatures, hiddenDim]', vectors);
  }
  const [numFeatures, hiddenDim] = vectors.shape;
  if (numFeatures < 2) {
    throw new InvalidArgumentError('featureVectors', 'a tensor with at least 2 rows', vectors, {
      detail: '(Need at least 2 features to compute superposition stats)',
    });
  }
  await assertFinite(backend, vectors);
  const rows = new RowReducer(numFeatures, percentiles);
  const { tf } = backend;
  const [unit, unitTransposed] = backend.tidy(() => {
    const normalized = normalizeRows(backend, tf.cast(vectors, 'float32'));
    // An explicit transpose, made once: matMul(a, b, false, true) is several times slower on wasm.
    return [normalized, tf.transpose(normalized)] as [Tensor2D, Tensor2D];
  });
  const absCosBlock = (first: number): Tensor2D =>
    backend.tidy(() => {
      const count = Math.min(batchSize, numFeatures - first);
      // With hiddenDim 0 every row is a zero row; wasm's matMul over an empty inner dimension
      // returns uninitialised memory instead of zeros.
      if (hiddenDim === 0) return tf.zeros<Rank.R2>([count, numFeatures]);
      return tf.abs(tf.matMul(tf.slice(unit, [first, 0], [count, hiddenDim]), unitTransposed)) as Tensor2D;
    });
  let current: Tensor2D | undefined = absCosBlock(0);
  let next: Tensor2D | undefined;
  try {
    for (let first = 0; first < numFeatures; first += batchSize) {
      // Queue the next block before reading this one, so an asynchronous backend computes it
      // while the host reduces this one.
      next = first + batchSize < numFeatures ? absCosBlock(first + batchSize) : undefined;
      const block = (await current!.data()) as Float32Array;
      current!.dispose();
      current = next;
      next = undefined;
      rows.reduceBlock(first, block);
    }
  } finally {
    current?.dispose();
    next?.dispose();
    unit.dispose();
    unitTransposed.dispose();
  }
  return rows.result(hiddenDim);
}

function resolveOptions(options: SuperpositionStatsOptions): { batchSize: number; percentiles: readonly number[] } {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  assertInteger('batchSize', batchSize, 1);
  const percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
  if (!Array.isArray(percentiles)) throw new InvalidArgumentError('percentiles', 'an array of numbers in [0, 100]', percentiles);
  percentiles.forEach((p: unknown, i) => assertInRange(`percentiles[${i}]`, p, 0, 100));
  return { batchSize, percentiles: [...new Set(percentiles)] };
}

async function assertFinite(backend: Backend, vectors: Tensor2D): Promise<void> {
  if (vectors.size === 0) return; // tf.all of nothing is not reliably true
  const { tf } = backend;
  const flag = backend.tidy(() => tf.all(tf.isFinite(tf.cast(vectors, 'float32'))));
  const finite = (await flag.data())[0] === 1;
  flag.dispose();
  if (!finite) throw new InvalidArgumentError('featureVectors', 'finite entries', vectors);
}

/** Per-feature reductions of `|cos|` rows, and their summaries. */
class RowReducer {
  readonly #numFeatures: number;
  readonly #percentiles: readonly number[];
  readonly #positions: readonly QuantilePosition[];
  readonly #ranks: Int32Array;
  /** The row without its own entry, rearranged in place by the selection. */
  readonly #others: Float32Array;
  readonly #max: Float32Array;
  readonly #percentileValues: Float32Array[];
  #sumOverLaterPairs = 0;

  constructor(numFeatures: number, percentiles: readonly number[]) {
    this.#numFeatures = numFeatures;
    this.#percentiles = percentiles;
    this.#positions = percentiles.map((p) => quantilePosition(p / 100, numFeatures - 1));
    this.#ranks = neededRanks(this.#positions);
    this.#others = new Float32Array(numFeatures - 1);
    this.#max = new Float32Array(numFeatures);
    this.#percentileValues = percentiles.map(() => new Float32Array(numFeatures));
  }

  /** Reduces rows `first, first + 1, …` of `|cos|`, given row-major with `numFeatures` columns. */
  reduceBlock(first: number, block: Float32Array): void {
    const n = this.#numFeatures;
    for (let offset = 0, i = first; offset < block.length; offset += n, i++) {
      const row = block.subarray(offset, offset + n);
      let max = 0;
      for (let j = 0; j < n; j++) if (j !== i && row[j]! > max) max = row[j]!;
      this.#max[i] = max;
      let sum = 0;
      for (let j = i + 1; j < n; j++) sum += row[j]!;
      this.#sumOverLaterPairs += sum;
      if (this.#positions.length === 0) continue;
      this.#others.set(row.subarray(0, i), 0);
      this.#others.set(row.subarray(i + 1), i);
      selectRanks(this.#others, this.#ranks);
      for (let p = 0; p < this.#positions.length; p++) this.#percentileValues[p]![i] = interpolateQuantile(this.#others, this.#positions[p]!);
    }
  }

  result(hiddenDim: number): SuperpositionStats {
    const n = this.#numFeatures;
    const percentileAbsCosSims = new Map<number, Float32Array>();
    const meanPercentileAbsCosSim = new Map<number, number>();
    this.#percentiles.forEach((p, k) => {
      percentileAbsCosSims.set(p, this.#percentileValues[k]!);
      meanPercentileAbsCosSim.set(p, mean(this.#percentileValues[k]!));
    });
    return {
      maxAbsCosSims: this.#max,
      percentileAbsCosSims,
      meanMaxAbsCosSim: mean(this.#max),
      meanPercentileAbsCosSim,
      meanAbsCosSim: this.#sumOverLaterPairs / ((n * (n - 1)) / 2),
      numFeatures: n,
      hiddenDim,
    };
  }
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k]!;
  return sum / values.length;
}
