/**
 * Eigen-decomposition of a symmetric matrix (the `torch.linalg.eigh` / `eigvalsh` pair), through
 * ml-matrix's tridiagonal QL solver.
 */
import { EigenvalueDecomposition } from 'ml-matrix';
import { identityMatrix, type DenseMatrix } from './dense-matrix';
import { DEFAULT_SYMMETRY_TOLERANCE, assertSquare, assertSymmetric } from './matrix-checks';
import { toMlMatrix } from './ml-matrix-bridge';

/** Entries below this (after scaling the largest to about 1) are flushed to zero; see `conditionForSolver`. */
const FLUSH_BELOW = 2 ** -500;

/** Result of {@link eigh}. */
export interface SymmetricEigenDecomposition {
  /** The eigenvalues, ascending (as `torch.linalg.eigh` returns them). */
  readonly values: Float64Array;
  /** Orthonormal eigenvectors: column `k` belongs to `values[k]`. */
  readonly vectors: DenseMatrix;
}

/** Options of {@link eigh} and {@link eigvalsh}. */
export interface EighOptions {
  /** Relative tolerance of the symmetry check: `|a_ij − a_ji| <= tolerance · max|a|` (default 1e-8). */
  readonly symmetryTolerance?: number;
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix: `A = V·diag(λ)·Vᵀ`.
 *
 * @remarks
 * ml-matrix's tql2 already sorts ascending; the values are sorted again here (with their columns)
 * so the order does not rest on that detail. The sign of each eigenvector is whatever the solver
 * gives, so compare vectors with torch's only up to sign.
 *
 * @example
 * ```ts
 * const { values, vectors } = eigh(denseMatrix(2, 2, [2, 1, 1, 2]));
 * values;  // Float64Array [1, 3]
 * vectors; // columns ±[1, -1]/√2 and ±[1, 1]/√2
 * ```
 * @throws InvalidArgumentError when `a` is not square.
 * @throws ValidationError when `a` is not symmetric.
 */
export function eigh(a: DenseMatrix, options: EighOptions = {}): SymmetricEigenDecomposition {
  const n = assertSquare('a', a);
  assertSymmetric('Matrix', a, options.symmetryTolerance ?? DEFAULT_SYMMETRY_TOLERANCE);
  if (n === 0) return { values: new Float64Array(0), vectors: { rows: 0, columns: 0, data: new Float64Array(0) } };
  const conditioned = conditionForSolver(a);
  if (conditioned === undefined) return { values: new Float64Array(n), vectors: identityMatrix(n) };
  const decomposition = new EigenvalueDecomposition(toMlMatrix(conditioned.scaled), { assumeSymmetric: true });
  const raw = decomposition.realEigenvalues.map((lambda) => timesPowerOfTwo(lambda, conditioned.exponent));
  const rawVectors = decomposition.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => raw[p]! - raw[q]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const source = order[k]!;
    values[k] = raw[source]!;
    for (let i = 0; i < n; i++) vectors[i * n + k] = rawVectors.get(i, source);
  }
  return { values, vectors: { rows: n, columns: n, data: vectors } };
}

/**
 * Scales `a` by a power of two so its largest entry is about 1 (exact), and flushes entries
 * below `2^-500` of that to zero. ml-matrix's tql2 tests convergence against `ε·max(|d| + |e|)`;
 * when that underflows to 0 (entries near the subnormal range, found by fast-check with entries
 * like 5e-324 beside 1e-15) it divides 0 by 0 and runs off the end of its arrays. The flush changes
 * `A` by at most `2^-500·max|a|` per entry, far below the solver's own backward error `~n·ε·‖A‖`.
 */
function conditionForSolver(a: DenseMatrix): { scaled: DenseMatrix; exponent: number } | undefined {
  let largest = 0;
  for (const value of a.data) largest = Math.max(largest, Math.abs(value));
  if (largest === 0) return undefined;
  const exponent = Math.floor(Math.log2(largest));
  const data = a.data.map((value) => {
    const scaledValue = timesPowerOfTwo(value, -exponent);
    return Math.abs(scaledValue) < FLUSH_BELOW ? 0 : scaledValue;
  });
  return { scaled: { rows: a.rows, columns: a.columns, data }, exponent };
}

/** `x·2^k`, in two factors so that `2^k` itself cannot overflow (|k| reaches 1074 for subnormals). */
function timesPowerOfTwo(x: number, k: number): number {
  const half = Math.trunc(k / 2);
  return x * 2 ** half * 2 ** (k - half);
}

/**
 * The eigenvalues of a symmetric matrix, ascending.
 *
 * @example
 * ```ts
 * eigvalsh(denseMatrix(2, 2, [2, 1, 1, 2])); // Float64Array [1, 3]
 * ```
 * @throws InvalidArgumentError when `a` is not square.
 * @throws ValidationError when `a` is not symmetric.
 */
export function eigvalsh(a: DenseMatrix, options: EighOptions = {}): Float64Array {
  return eigh(a, options).values;
}
