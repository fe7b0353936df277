/**
 * The MCC matching without most of the `n × m × d` matmul, for inputs where most rows have one
 * clearly best partner (an SAE that learned the features): the same optimum as solving the full
 * cost matrix, proven rather than assumed, and `null` when the proof would cost more than the
 * full computation.
 *
 * Bounds. Split each unit row at column `k`: `cos(a, b) = a[:k]·b[:k] + a[k:]·b[k:]`, and by
 * Cauchy–Schwarz `|a[k:]·b[k:]| ≤ ‖a[k:]‖·‖b[k:]‖`. So one float32 matmul over the first `k`
 * columns (`k/d` of the full work) gives, for every pair,
 *
 *   U_ij = |P_ij| + r_i·s_j + margin ≥ |cos_ij|   (r, s: the tail norms),
 *
 * where `margin = (k + d + 6)·ε·1.01 + 1e-12` covers the float32 rounding of `P` (inner size
 * `k`, operands rounded once each), of any cosine computed later by a float32 matmul (inner size
 * `d`), and the float64 rounding of `r·s`. For 4096 noisy copies of true features against 16,384
 * features in d = 768 (|cos| 0.97 for the copy, ≤ 0.2 for the rest), `k = d/8` already bounds
 * every other pair below 0.95.
 *
 * Proof. Each row gets exact cosines (float64 on the host) for the columns whose bound could beat
 * its best exact value (`row-scan.ts`), so its best column is proven to be its cheapest. If those
 * best columns are distinct, giving every row its cheapest column is optimal: no assignment can
 * cost less than the sum of row minima. Otherwise the rows that fail (too many candidates, or a
 * shared best column) get their whole row exactly from the backend, and the assignment is solved
 * on a matrix that holds exact costs where computed and the lower bounds `1 − U_ij` elsewhere. As
 * that matrix is entrywise ≤ the true costs, an optimum of it that uses only exact entries is an
 * optimum of the true matrix; if it uses a bound, that row is computed in full and the solve
 * repeated.
 *
 * The prefix length is chosen on a probe of evenly spaced rows by the work it predicts; random
 * inputs (no clear partners) are recognised there and sent to the dense path at the cost of the
 * probe alone.
 */
import type { Backend } from '@synth/core';
import { linearSumAssignment } from '../assignment/linear-sum-assignment';
import type { Matching } from './dense-matching';
import type { HostRows } from './host-rows';
import { suffixNorms, unitRowBlock, unitRowsAt } from './host-rows';
import { chooseLevel } from './prefix-level';
import type { Level, PruningOptions } from './prefix-level';
import { exactAbsCosine, prefixProducts } from './row-products';
import { createRowScanner } from './row-scan';

export type { PruningOptions } from './prefix-level';

/**
 * An optimal matching of the rows of `a` (`a.count <= b.count`) to rows of `b` under the cost
 * `1 − |cos|`, or null when pruning would not pay (the caller then solves the dense matrix).
 * Exact cosines are float64 from the float32 entries, or float32 matmul rows for rows computed
 * in full; the result is optimal for that matrix.
 *
 * @example
 * ```ts
 * const matching = prunedMatching(backend, a, b, { blockRows: 512 }) ?? denseMatching(backend, a, b, 512);
 * ```
 * @throws RangeError only if a buffer cannot be allocated.
 */
export function prunedMatching(backend: Backend, a: HostRows, b: HostRows, options: PruningOptions): Matching | null {
  const level = chooseLevel(backend, a, b, options);
  if (level === null) return null;
  try {
    return solveWithLevel(backend, a, b, level, options);
  } finally {
    level.products.dispose();
  }
}

function solveWithLevel(backend: Backend, a: HostRows, b: HostRows, level: Level, options: PruningOptions): Matching | null {
  const [rows, columns] = [a.count, b.count];
  const { prefix, margin } = level;
  const scan = createRowScanner(level.columnSuffixNorms, margin, options.maxExactPerRow ?? 32);
  const rowSuffixNorms = suffixNorms(a, prefix);
  // Exact cosines found per row: row i's are [exactStart[i], exactStart[i + 1]).
  const exactColumns: number[] = [];
  const exactCosines: number[] = [];
  const exactStart = new Int32Array(rows + 1);
  const best = new Int32Array(rows);
  const bestCosine = new Float64Array(rows);
  const full = new Uint8Array(rows); // rows to compute in full
  for (let first = 0; first < rows; first += options.blockRows) {
    const length = Math.min(options.blockRows, rows - first);
    const block = level.products.multiply(unitRowBlock(a, first, length, prefix), length);
    for (let r = 0; r < length; r++) {
      const i = first + r;
      exactStart[i] = exactColumns.length;
      const row = scan(block, r * columns, rowSuffixNorms[i]!, (j) => exactAbsCosine(a, i, b, j), (j, cosine) => {
        exactColumns.push(j);
        exactCosines.push(cosine);
      });
      best[i] = row.best;
      bestCosine[i] = row.bestCosine;
      if (!row.certified) full[i] = 1;
    }
  }
  exactStart[rows] = exactColumns.length;
  // Rows whose proven best columns collide cannot all have them.
  const owner = new Int32Array(columns).fill(-1);
  let fullCount = 0;
  for (let i = 0; i < rows; i++) {
    if (full[i] === 1) continue;
    const other = owner[best[i]!]!;
    if (other < 0) owner[best[i]!] = i;
    else full[i] = full[other] = 1;
  }
  for (let i = 0; i < rows; i++) fullCount += full[i]!;
  if (fullCount === 0) {
    const costs = new Float32Array(rows);
    for (let i = 0; i < rows; i++) costs[i] = 1 - bestCosine[i]!;
    return { columnForRow: best, costs };
  }
  const maxFull = Math.floor((options.maxFullRowFraction ?? 1 / 4) * rows);
  if (fullCount > maxFull) return null;

  // The bounded matrix: 1 − U where nothing was computed, exact costs where something was. The
  // prefix products are computed again rather than kept from the scan, so the common case above
  // never holds more than one block (a kept copy would double the peak memory here).
  const cost = new Float32Array(rows * columns);
  const s = level.columnSuffixNorms;
  for (let first = 0; first < rows; first += options.blockRows) {
    const length = Math.min(options.blockRows, rows - first);
    if (full.subarray(first, first + length).every((flag) => flag === 1)) continue;
    const block = level.products.multiply(unitRowBlock(a, first, length, prefix), length);
    for (let r = 0; r < length; r++) {
      const i = first + r;
      if (full[i] === 1) continue;
      const ri = rowSuffixNorms[i]!;
      const base = i * columns;
      const source = r * columns;
      // Rounding 1 − U to float32 keeps it ≤ the float32 cost, as rounding is monotone.
      for (let j = 0; j < columns; j++) cost[base + j] = 1 - margin - (Math.abs(block[source + j]!) + ri * s[j]!);
      for (let e = exactStart[i]!; e < exactStart[i + 1]!; e++) cost[base + exactColumns[e]!] = 1 - exactCosines[e]!;
    }
  }

  const fullProducts = prefixProducts(backend, b, a.width);
  try {
    const fillFullRows = (indices: Int32Array): void => {
      for (let first = 0; first < indices.length; first += options.blockRows) {
        const part = indices.subarray(first, Math.min(indices.length, first + options.blockRows));
        const block = fullProducts.multiply(unitRowsAt(a, part, a.width), part.length);
        for (let r = 0; r < part.length; r++) {
          const base = part[r]! * columns;
          for (let j = 0; j < columns; j++) cost[base + j] = 1 - Math.abs(block[r * columns + j]!);
        }
      }
    };
    fillFullRows(Int32Array.from({ length: rows }, (_, i) => i).filter((i) => full[i] === 1));
    const isExact = (i: number, j: number): boolean => {
      if (full[i] === 1) return true;
      for (let e = exactStart[i]!; e < exactStart[i + 1]!; e++) if (exactColumns[e] === j) return true;
      return false;
    };
    const maxSolves = options.maxSolves ?? 8;
    for (let solve = 0; solve < maxSolves; solve++) {
      const { columnIndices } = linearSumAssignment(cost, rows, columns);
      const pending: number[] = [];
      for (let i = 0; i < rows; i++) if (!isExact(i, columnIndices[i]!)) pending.push(i);
      if (pending.length === 0) {
        const costs = new Float32Array(rows);
        for (let i = 0; i < rows; i++) costs[i] = cost[i * columns + columnIndices[i]!]!;
        return { columnForRow: columnIndices, costs };
      }
      fullCount += pending.length;
      if (fullCount > maxFull) return null;
      for (const i of pending) full[i] = 1;
      fillFullRows(Int32Array.from(pending));
    }
    return null;
  } finally {
    fullProducts.dispose();
  }
}
