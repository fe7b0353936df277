/**
 * One row of the pruned MCC: from upper bounds `U_j ≥ |cos(a_i, b_j)|` for every column, find the
 * row's largest `|cos|` with as few exact cosines as possible, and prove it is the largest.
 *
 * The bound (see `pruned-matching.ts`) is `U_j = |P_j| + r·s_j + margin`, where `P_j` is the
 * product of the first `k` columns of the unit rows, `r` and `s_j` the norms of their remaining
 * columns, and `margin` covers rounding. The scan keeps the `TOP` largest bounds in one pass;
 * exact cosines are computed in decreasing order of bound until the next bound cannot beat the
 * best exact value. Only when all `TOP` were needed does a second pass look further.
 */

/** Bounds kept from the first pass. 8 covers a planted row (one candidate) with room to spare. */
const TOP = 8;

/** What {@link RowScanner} found for one row. */
export interface RowScan {
  /** Every column the row could be matched to more cheaply than `best` had its cosine computed. */
  readonly certified: boolean;
  /** The column of the largest exact `|cos|` (valid when certified). */
  readonly best: number;
  readonly bestCosine: number;
}

/**
 * Scans rows of bounds. `exact(j)` returns the exact `|cos|` with column `j` of the row being
 * scanned and is called at most `maxExact` times per row; `record(j, cosine)` sees each value.
 */
export type RowScanner = (
  products: Float32Array,
  offset: number,
  rowSuffixNorm: number,
  exact: (column: number) => number,
  record: (column: number, cosine: number) => void,
) => RowScan;

/**
 * Builds a scanner for rows of `columnSuffixNorms.length` columns.
 *
 * @example
 * ```ts
 * const scan = createRowScanner(s, margin, 32);
 * const { certified, best } = scan(block, r * m, rowSuffix[i], (j) => exactAbsCosine(a, i, b, j), () => {});
 * ```
 */
export function createRowScanner(columnSuffixNorms: Float64Array, margin: number, maxExact: number): RowScanner {
  const columns = columnSuffixNorms.length;
  const s = columnSuffixNorms;
  const topBound = new Float64Array(TOP);
  const topColumn = new Int32Array(TOP);
  return (products, offset, r, exact, record) => {
    topBound.fill(-Infinity);
    topColumn.fill(-1);
    let floor = -Infinity;
    for (let j = 0; j < columns; j++) {
      const bound = Math.abs(products[offset + j]!) + r * s[j]!;
      if (bound > floor) {
        let t = TOP - 1;
        while (t > 0 && topBound[t - 1]! < bound) {
          topBound[t] = topBound[t - 1]!;
          topColumn[t] = topColumn[t - 1]!;
          t--;
        }
        topBound[t] = bound;
        topColumn[t] = j;
        floor = topBound[TOP - 1]!;
      }
    }
    let best = -1;
    let bestCosine = -1;
    let computed = 0;
    let t = 0;
    for (; t < TOP; t++) {
      const j = topColumn[t]!;
      if (j < 0 || topBound[t]! + margin <= bestCosine) break;
      const cosine = exact(j);
      computed++;
      record(j, cosine);
      if (cosine > bestCosine) {
        bestCosine = cosine;
        best = j;
      }
    }
    // Columns outside the buffer have bounds <= floor. If the buffer ran out while its last bound
    // could still beat the best, look at every column again.
    if (t === TOP && floor + margin > bestCosine) {
      for (let j = 0; j < columns; j++) {
        const bound = Math.abs(products[offset + j]!) + r * s[j]!;
        if (bound + margin <= bestCosine || topColumn.includes(j)) continue;
        if (computed === maxExact) return { certified: false, best, bestCosine };
        const cosine = exact(j);
        computed++;
        record(j, cosine);
        if (cosine > bestCosine) {
          bestCosine = cosine;
          best = j;
        }
      }
    }
    return { certified: true, best, bestCosine };
  };
}
