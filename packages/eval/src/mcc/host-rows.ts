/**
 * The two matrices of an MCC on the host: their raw float32 rows, each row's inverse norm, and
 * the unit-row operands the backend multiplies. Reading them once lets the exact phase compute
 * single cosines in float64, and builds every operand without a backend transpose (on wasm,
 * `tf.transpose` of 16,384 × 768 took ~175 ms and row normalisation ~160 ms; on the host each
 * takes a fraction of that and is fused with the copy that the upload makes anyway).
 */
import { MIN_ROW_NORM } from '@synth/core';
import type { Tensor2D } from '@synth/core';

/** A row-major matrix on the host with the factors that make its rows unit vectors. */
export interface HostRows {
  readonly count: number;
  readonly width: number;
  /** Raw entries, row-major. */
  readonly values: Float32Array;
  /** `1 / max(‖row‖₂, 1e-8)` in float64 (as SAELens clamps), so zero rows stay zero. */
  readonly inverseNorms: Float64Array;
}

/** Side of the square tiles of the blocked transposes (64 float32 = 4 cache lines per tile row). */
const TILE = 64;

/**
 * Reads a 2-D tensor to the host, or returns null when an entry is not finite (the caller then
 * takes the path that reports it).
 *
 * @example
 * ```ts
 * const rows = readHostRows(backend.tf.tensor2d([[3, 4]])); // inverseNorms [0.2]
 * ```
 */
export function readHostRows(tensor: Tensor2D): HostRows | null {
  const [count, width] = tensor.shape;
  const data = tensor.dataSync();
  const values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  const inverseNorms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    const base = i * width;
    for (let l = 0; l < width; l++) sum += values[base + l]! * values[base + l]!;
    // A NaN or ±Infinity entry makes the sum NaN or Infinity.
    if (!Number.isFinite(sum)) return null;
    inverseNorms[i] = 1 / Math.max(Math.sqrt(sum), MIN_ROW_NORM);
  }
  return { count, width, values, inverseNorms };
}

/**
 * `‖row[start:]‖ / max(‖row‖, 1e-8)` in float64, the norm of the unit row's tail from column
 * `start` on, for every row or for the rows at `indices`.
 *
 * @example
 * ```ts
 * suffixNorms(rows, 96); // Float64Array, one per row, each in [0, 1]
 * ```
 */
export function suffixNorms(rows: HostRows, start: number, indices?: Int32Array): Float64Array {
  const { width, values, inverseNorms } = rows;
  const count = indices === undefined ? rows.count : indices.length;
  const out = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const i = indices === undefined ? t : indices[t]!;
    let sum = 0;
    const base = i * width;
    for (let l = start; l < width; l++) sum += values[base + l]! * values[base + l]!;
    out[t] = Math.sqrt(sum) * inverseNorms[i]!;
  }
  return out;
}

/**
 * The first `prefix` columns of the unit rows `first .. first + length`, row-major
 * `[length, prefix]`, rounded to float32 (what the backend multiplies).
 *
 * @example
 * ```ts
 * unitRowBlock(rows, 0, 512, 96); // Float32Array(512 · 96)
 * ```
 */
export function unitRowBlock(rows: HostRows, first: number, length: number, prefix: number): Float32Array {
  const { width, values, inverseNorms } = rows;
  const out = new Float32Array(length * prefix);
  for (let r = 0; r < length; r++) {
    const scale = inverseNorms[first + r]!;
    const from = (first + r) * width;
    const to = r * prefix;
    for (let l = 0; l < prefix; l++) out[to + l] = values[from + l]! * scale;
  }
  return out;
}

/**
 * The first `prefix` columns of the unit rows at `indices`, row-major `[indices.length, prefix]`.
 *
 * @example
 * ```ts
 * unitRowsAt(rows, Int32Array.of(3, 17), 768); // Float32Array(2 · 768)
 * ```
 */
export function unitRowsAt(rows: HostRows, indices: Int32Array, prefix: number): Float32Array {
  const out = new Float32Array(indices.length * prefix);
  for (let r = 0; r < indices.length; r++) out.set(unitRowBlock(rows, indices[r]!, 1, prefix), r * prefix);
  return out;
}

/**
 * The first `prefix` columns of all unit rows, transposed: row-major `[prefix, count]`, the
 * right-hand operand of `A·Bᵀ` for backends that multiply an explicit transpose fastest.
 * Blocked so that the strided reads of a tile stay in cache.
 *
 * @example
 * ```ts
 * unitColumns(rows, 96); // Float32Array(96 · rows.count)
 * ```
 */
export function unitColumns(rows: HostRows, prefix: number): Float32Array {
  const { count, width, values, inverseNorms } = rows;
  const out = new Float32Array(prefix * count);
  for (let rowStart = 0; rowStart < count; rowStart += TILE) {
    const rowEnd = Math.min(count, rowStart + TILE);
    for (let columnStart = 0; columnStart < prefix; columnStart += TILE) {
      const columnEnd = Math.min(prefix, columnStart + TILE);
      for (let l = columnStart; l < columnEnd; l++) {
        const base = l * count;
        for (let i = rowStart; i < rowEnd; i++) out[base + i] = values[i * width + l]! * inverseNorms[i]!;
      }
    }
  }
  return out;
}
