/**
 * Linear-interpolation quantiles of an unsorted Float32Array by selection (expected O(m) per
 * quantile) instead of a full sort (O(m log m)): SAELens calls `torch.quantile`, which sorts, once
 * per feature and percentile.
 */

/** Below this many entries a range is insertion-sorted: faster than partitioning it further. */
const INSERTION_SORT_BELOW = 16;

/** Where a quantile falls among `m` sorted values: `sorted[below]` moved toward `sorted[below + 1]` by `weight`. */
export interface QuantilePosition {
  readonly below: number;
  readonly weight: number;
}

/**
 * The interpolation position of quantile `q ∈ [0, 1]` among `m >= 1` values, with numpy's and
 * `torch.quantile`'s default (linear) rule: `h = q·(m − 1)`, `below = ⌊h⌋`, `weight = h − ⌊h⌋`.
 *
 * @example
 * ```ts
 * quantilePosition(0.5, 2);  // { below: 0, weight: 0.5 } (the mean of the two values)
 * quantilePosition(0.95, 21); // { below: 19, weight: 0 }
 * ```
 * @throws Never (callers validate `q` and `m`).
 */
export function quantilePosition(q: number, m: number): QuantilePosition {
  const h = q * (m - 1);
  const below = Math.min(Math.floor(h), m - 1);
  return { below, weight: h - below };
}

/**
 * The order statistics (0-based ranks) that the given positions read: `below`, and `below + 1`
 * when the weight is not 0. Ascending, without repeats.
 *
 * @example
 * ```ts
 * neededRanks([quantilePosition(0.5, 4), quantilePosition(1, 4)]); // Int32Array [1, 2, 3]
 * ```
 * @throws Never.
 */
export function neededRanks(positions: readonly QuantilePosition[]): Int32Array {
  const ranks = new Set<number>();
  for (const { below, weight } of positions) {
    ranks.add(below);
    if (weight > 0) ranks.add(below + 1);
  }
  return Int32Array.from(ranks).sort();
}

/**
 * Rearranges `values` so that each rank in `ranks` (ascending, each < `values.length`) holds the
 * value a full ascending sort would put there, everything before it is no larger and everything
 * after it no smaller. Expected O(m) per rank, O(m log m) at worst (an introselect: a range that
 * partitions badly too often is sorted instead). `values` must hold no NaN.
 *
 * @example
 * ```ts
 * const values = Float32Array.of(5, 1, 4, 2, 3);
 * selectRanks(values, Int32Array.of(2, 3)); // values[2] = 3, values[3] = 4
 * ```
 * @throws Never.
 */
export function selectRanks(values: Float32Array, ranks: Int32Array): void {
  const last = values.length - 1;
  let left = 0;
  for (let r = 0; r < ranks.length; r++) {
    const rank = ranks[r]!;
    if (rank < left) continue; // already in place (a repeated rank)
    if (rank === left) moveExtremeTo(values, left, last, true);
    else if (rank === last) moveExtremeTo(values, left, last, false);
    else selectRank(values, rank, left, last);
    left = rank + 1;
  }
}

/**
 * The linear-interpolation quantile at `position` from values already arranged by
 * {@link selectRanks} for its ranks, with `torch.lerp`'s formula (the same as core's
 * `quantileSorted`).
 *
 * @example
 * ```ts
 * interpolateQuantile(Float32Array.of(1, 3), { below: 0, weight: 0.5 }); // 2
 * ```
 * @throws Never.
 */
export function interpolateQuantile(arranged: Float32Array, { below, weight }: QuantilePosition): number {
  const a = arranged[below]!;
  if (weight === 0) return a;
  const b = arranged[below + 1]!;
  const difference = b - a;
  return weight < 0.5 ? a + weight * difference : b - (1 - weight) * difference;
}

/** Swaps the minimum (or maximum) of `values[left..right]` into `left` (or `right`). */
function moveExtremeTo(values: Float32Array, left: number, right: number, minimum: boolean): void {
  let at = minimum ? left : right;
  let extreme = values[at]!;
  for (let k = left; k <= right; k++) {
    const v = values[k]!;
    if (minimum ? v < extreme : v > extreme) {
      extreme = v;
      at = k;
    }
  }
  const target = minimum ? left : right;
  values[at] = values[target]!;
  values[target] = extreme;
}

/** Hoare-partition quickselect with a median-of-three pivot, on `values[left..right]`. */
function selectRank(values: Float32Array, rank: number, left: number, right: number): void {
  // Each good partition at least quarters the range on average; allow twice the depth a
  // balanced split needs before giving up on partitioning and sorting the range.
  let budget = 2 * (32 - Math.clz32(right - left + 1)) + 4;
  while (right - left >= INSERTION_SORT_BELOW) {
    if (budget-- === 0) {
      values.subarray(left, right + 1).sort();
      return;
    }
    const middle = (left + right) >>> 1;
    sortThree(values, left, middle, right);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    // values[left] <= pivot <= values[right] stop both scans inside the range.
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    // Now values[left..j] <= pivot <= values[i..right], and any entries between equal the pivot.
    if (rank <= j) right = j;
    else if (rank >= i) left = i;
    else return;
  }
  insertionSort(values, left, right);
}

function sortThree(values: Float32Array, a: number, b: number, c: number): void {
  let x = values[a]!;
  let y = values[b]!;
  let z = values[c]!;
  if (x > y) [x, y] = [y, x];
  if (y > z) [y, z] = [z, y];
  if (x > y) [x, y] = [y, x];
  values[a] = x;
  values[b] = y;
  values[c] = z;
}

function insertionSort(values: Float32Array, left: number, right: number): void {
  for (let k = left + 1; k <= right; k++) {
    const v = values[k]!;
    let j = k - 1;
    while (j >= left && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
}
