/**
 * Test helpers: bivariate normal orthant probabilities and firing-pattern statistics.
 */
import { normalCdf } from '@synth/core';
import type { FiringPattern } from '../firing-pattern';

/**
 * `P(Z1 > a, Z2 > b)` for standard normals with correlation `rho`, as the 1-D integral
 * `∫_a^∞ φ(x)·(1 − Φ((b − ρx)/√(1 − ρ²))) dx` by composite Simpson on `[a, a + 12]` with 4000
 * panels (the tail beyond `a + 12` is below φ(12) ≈ 2e-32; the error of Simpson's rule is far
 * below 1e-9 for this smooth integrand).
 */
export function orthantProbability(a: number, b: number, rho: number): number {
  const scale = Math.sqrt(1 - rho * rho);
  const f = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * (1 - normalCdf((b - rho * x) / scale));
  const panels = 4000;
  const h = 12 / panels;
  let sum = f(a) + f(a + 12);
  for (let k = 1; k < panels; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}

/** How often each feature fired (fraction of rows). */
export function firingRates(pattern: FiringPattern): Float64Array {
  const counts = new Float64Array(pattern.columns);
  for (const column of pattern.columnIndices) counts[column]! += 1;
  return counts.map((c) => c / pattern.rows);
}

/** How often features `i` and `j` fired in the same row (fraction of rows). */
export function coFiringRate(pattern: FiringPattern, i: number, j: number): number {
  let both = 0;
  for (let r = 0; r < pattern.rows; r++) {
    const row = pattern.columnIndices.subarray(pattern.rowOffsets[r], pattern.rowOffsets[r + 1]);
    if (row.includes(i) && row.includes(j)) both++;
  }
  return both / pattern.rows;
}

/** The rows `start .. start + count − 1` of a pattern, as a standalone pattern. */
export function sliceRows(pattern: FiringPattern, start: number, count: number): FiringPattern {
  const from = pattern.rowOffsets[start]!;
  const to = pattern.rowOffsets[start + count]!;
  return {
    rows: count,
    columns: pattern.columns,
    rowOffsets: pattern.rowOffsets.slice(start, start + count + 1).map((offset) => offset - from),
    columnIndices: pattern.columnIndices.slice(from, to),
  };
}

/** Concatenates patterns row-wise. */
export function concatRows(parts: readonly FiringPattern[]): FiringPattern {
  const rows = parts.reduce((sum, p) => sum + p.rows, 0);
  const rowOffsets = new Int32Array(rows + 1);
  const columnIndices: number[] = [];
  let r = 0;
  for (const part of parts) {
    for (let k = 0; k < part.rows; k++) {
      for (let t = part.rowOffsets[k]!; t < part.rowOffsets[k + 1]!; t++) columnIndices.push(part.columnIndices[t]!);
      rowOffsets[++r] = columnIndices.length;
    }
  }
  return { rows, columns: parts[0]?.columns ?? 0, rowOffsets, columnIndices: Int32Array.from(columnIndices) };
}
