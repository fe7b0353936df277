/**
 * Float64 reference computations and tolerance checks for the conformance suite.
 */
import type { Rng } from '../rng';
import { SynthError } from '../errors';

/** A row-major float32 matrix whose entries are exactly representable in float32. */
export interface TestMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly data: Float32Array;
}

/** Uniform entries in [low, high), drawn from `rng`. */
export function randomMatrix(rng: Rng, rows: number, columns: number, low: number, high: number): TestMatrix {
  const data = new Float32Array(rows * columns);
  rng.fillUniform(data, low, high);
  return { rows, columns, data };
}

/** op(a)·op(b) in float64, plus Σ|a_ik·b_kj| per entry (the scale of its rounding error). */
export function referenceMatmul(a: TestMatrix, b: TestMatrix, transposeA: boolean, transposeB: boolean): { product: Float64Array; magnitude: Float64Array } {
  const m = transposeA ? a.columns : a.rows;
  const k = transposeA ? a.rows : a.columns;
  const n = transposeB ? b.rows : b.columns;
  const at = (i: number, l: number): number => (transposeA ? a.data[l * a.columns + i]! : a.data[i * a.columns + l]!);
  const bt = (l: number, j: number): number => (transposeB ? b.data[j * b.columns + l]! : b.data[l * b.columns + j]!);
  const product = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let abs = 0;
      for (let l = 0; l < k; l++) {
        const term = at(i, l) * bt(l, j);
        sum += term;
        abs += Math.abs(term);
      }
      product[i * n + j] = sum;
      magnitude[i * n + j] = abs;
    }
  }
  return { product, magnitude };
}

/**
 * Throws (with the worst entry) unless `|got[i] − want[i]| <= bound(i)` for every i.
 *
 * @throws SynthError describing the first entry out of bounds.
 */
export function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, bound: (index: number) => number): void {
  if (got.length !== want.length) throw new SynthError(`Length mismatch: got ${got.length}, want ${want.length}.`);
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got[i]! - want[i]!);
    if (!(error <= bound(i))) {
      throw new SynthError(`Entry ${i}: got ${got[i]}, want ${want[i]} (error ${error.toExponential(3)} > bound ${bound(i).toExponential(3)}).`);
    }
  }
}
