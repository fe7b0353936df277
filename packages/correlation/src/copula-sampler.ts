/**
 * The Gaussian-copula firing sampler (SPEC §1.6 step 1, correlated branches): features fire where
 * a correlated standard-normal latent exceeds `τ_i = Φ⁻¹(1 − p_i)`, so each fires with
 * probability `p_i` while pairs fire together as the correlation says.
 */
import { InvalidArgumentError, Rng, SynthError, assertInteger, normalUpperThresholds } from '@synth/core';
import type { Backend } from '@synth/core';
import { denseCopulaKernel, lowRankCopulaKernel, type CopulaKernel } from './copula-kernels';
import { FiringPatternBuilder, type FiringPattern } from './firing-pattern';
import { resolveFiringProbabilities } from './firing-probabilities';
import { createHostLowRankCopula } from './host-low-rank-copula';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';
import { validateLowRankCorrelation } from './low-rank-correlation-matrix';
import { validateCorrelationMatrix, type CorrelationMatrixInput } from './validate-correlation-matrix';

/**
 * Name of the child stream (`rng.split(COPULA_STREAM)`) the sampler draws its normals from.
 *
 * @example
 * ```ts
 * // Row r's normals: words [r·wordsPerRow, (r + 1)·wordsPerRow) of this stream.
 * const stream = rng.split(COPULA_STREAM).seek(r * sampler.wordsPerRow);
 * ```
 */
export const COPULA_STREAM = 'copula';
/** Normals drawn per block (2^22 float32s = 16 MiB), bounding memory whatever `rows` is. */
const BLOCK_WORDS = 2 ** 22;

/** Options of {@link createCopulaSampler}. */
export interface CopulaSamplerOptions {
  /** The backend that runs the matmul and the threshold comparison. */
  readonly backend: Backend;
  /**
   * Whether a low-rank correlation on the cpu backend may sample with the host kernel (default
   * `true`): the same firing bit for bit, much faster at large F. `false` always runs the
   * backend's tensors (the reference the host kernel is tested against).
   */
  readonly hostKernel?: boolean;
}

/** A firing sampler for one correlation and one set of firing probabilities. */
export interface CopulaSampler {
  readonly numFeatures: number;
  /** `'dense'` for a full matrix, `'low-rank'` for `F·Fᵀ + diag(D)`. */
  readonly form: 'dense' | 'low-rank';
  /** `τ_i = Φ⁻¹(1 − p_i)` (float64; `+∞` for p = 0, `−∞` for p = 1). */
  readonly thresholds: Float64Array;
  /** Normals each row uses: `n` (dense) or `rank + n` (low-rank, `ε` first, then `η`). */
  readonly wordsPerRow: number;
  /**
   * The firing pattern of rows `startRow .. startRow + rows − 1`. Row `r` uses words
   * `[r·wordsPerRow, (r + 1)·wordsPerRow)` of `rng.split('copula')`, so the result depends only on
   * `rng`'s stream and the row numbers: any chunking gives the same rows. `rng` is not advanced.
   */
  sampleFiring(rng: Rng, startRow: number, rows: number): Promise<FiringPattern>;
  /** Frees the sampler's tensors; it cannot sample afterwards. */
  dispose(): void;
}

/**
 * Builds a Gaussian-copula sampler. A dense `correlation` is validated (see
 * {@link validateCorrelationMatrix}) and factored by Cholesky once, here; a low-rank one is
 * validated by {@link validateLowRankCorrelation}. `firingProbabilities` is one probability for
 * all features or one per feature, each in [0, 1].
 *
 * @remarks
 * SAELens builds a `MultivariateNormal`, and so runs Cholesky, on every `sample()` call; here it
 * runs once. The normals are made on the host from the seeded stream (identical on every backend);
 * the matmul and comparison run on the backend in float32. Probabilities outside [0, 1] or NaN
 * are rejected (SAELens does not check them), and the low-rank diagonal must be 1 (SPEC §5.9).
 * A low-rank correlation on the cpu backend samples on the host instead (`hostKernel`, see
 * `host-low-rank-copula.ts`): the cpu backend's firing bit for bit, in time that grows with the
 * entries near their thresholds rather than with `rows × F × rank` JavaScript multiply-adds, and
 * without a `rows × F` array.
 *
 * @example
 * ```ts
 * const backend = await createBackend('cpu');
 * const correlation = createCorrelationMatrixFromCorrelations(3, [[0, 1, 0.9]]);
 * const sampler = createCopulaSampler(correlation, [0.2, 0.2, 0.5], { backend });
 * const pattern = await sampler.sampleFiring(Rng.fromSeed(1), 0, 1024);
 * sampler.dispose();
 * ```
 * @throws InvalidArgumentError for a bad correlation shape, bad probabilities ("Value must be a
 * tensor of shape (n,) or a float", or naming `firingProbabilities[i]`), a missing backend or a
 * `hostKernel` that is not a boolean.
 * @throws ValidationError when the correlation is not a valid correlation matrix.
 */
export function createCopulaSampler(
  correlation: CorrelationMatrixInput | LowRankCorrelationMatrix,
  firingProbabilities: number | ArrayLike<number>,
  options: CopulaSamplerOptions,
): CopulaSampler {
  const backend = options.backend;
  if (!(typeof backend === 'object' && backend !== null && typeof backend.tidy === 'function')) {
    throw new InvalidArgumentError('backend', 'a Backend from createBackend()', backend);
  }
  const hostKernel = options.hostKernel ?? true;
  if (typeof hostKernel !== 'boolean') throw new InvalidArgumentError('hostKernel', 'a boolean', hostKernel);
  const lowRank = isLowRank(correlation);
  const numFeatures = lowRank ? correlation.numFeatures : denseSize(correlation);
  const probabilities = resolveFiringProbabilities(firingProbabilities, numFeatures);
  const thresholds = normalUpperThresholds(probabilities);
  if (!lowRank) {
    const kernel = denseCopulaKernel(backend, validateCorrelationMatrix(correlation, numFeatures), thresholds);
    return makeSampler(tensorFiring(kernel, numFeatures), numFeatures, 'dense', thresholds);
  }
  const checked = checkedLowRank(correlation);
  const host = hostKernel && backend.engineName === 'cpu' ? createHostLowRankCopula(checked, thresholds) : undefined;
  const source = host ?? tensorFiring(lowRankCopulaKernel(backend, checked, thresholds), numFeatures);
  return makeSampler(source, numFeatures, 'low-rank', thresholds);
}

/** Where a sampler's firing comes from: the host kernel, or a tensor kernel run block by block. */
interface FiringSource {
  readonly wordsPerRow: number;
  /** Rows `startRow …` from the copula stream `stream` (row r: words `[r·W, (r+1)·W)`). */
  sampleRows(stream: Rng, startRow: number, rows: number): FiringPattern | Promise<FiringPattern>;
  dispose(): void;
}

/** A tensor kernel as a {@link FiringSource}: normals drawn on the host per block, fired on the backend. */
function tensorFiring(kernel: CopulaKernel, numFeatures: number): FiringSource {
  const { wordsPerRow } = kernel;
  return {
    wordsPerRow,
    async sampleRows(stream, startRow, rows) {
      const builder = new FiringPatternBuilder(rows, numFeatures);
      stream.seek(startRow * wordsPerRow);
      const blockRows = Math.max(1, Math.floor(BLOCK_WORDS / wordsPerRow));
      for (let done = 0; done < rows; done += blockRows) {
        const count = Math.min(blockRows, rows - done);
        const normals = stream.fillNormal(new Float32Array(count * wordsPerRow));
        const fired = kernel.fire(normals, count);
        try {
          builder.append((await fired.data()), count);
        } finally {
          fired.dispose();
        }
      }
      return builder.finish();
    },
    dispose: () => kernel.dispose(),
  };
}

function makeSampler(source: FiringSource, numFeatures: number, form: CopulaSampler['form'], thresholds: Float64Array): CopulaSampler {
  const { wordsPerRow } = source;
  let disposed = false;
  return {
    numFeatures,
    form,
    thresholds,
    wordsPerRow,
    async sampleFiring(rng, startRow, rows) {
      if (disposed) throw new SynthError('This copula sampler was disposed.', { code: 'SYNTH_DISPOSED' });
      if (!(rng instanceof Rng)) throw new InvalidArgumentError('rng', 'an Rng from @synth/core', rng);
      assertInteger('startRow', startRow, 0);
      assertInteger('rows', rows, 0, Math.floor(Number.MAX_SAFE_INTEGER / Math.max(wordsPerRow, 1)) - startRow);
      if (numFeatures === 0) {
        const builder = new FiringPatternBuilder(rows, numFeatures);
        builder.append(new Uint8Array(0), rows);
        return builder.finish();
      }
      return source.sampleRows(rng.split(COPULA_STREAM), startRow, rows);
    },
    dispose() {
      if (!disposed) source.dispose();
      disposed = true;
    },
  };
}

function isLowRank(value: unknown): value is LowRankCorrelationMatrix {
  return typeof value === 'object' && value !== null && 'correlationFactor' in value && 'correlationDiag' in value;
}

function checkedLowRank(lowRank: LowRankCorrelationMatrix): LowRankCorrelationMatrix {
  return validateLowRankCorrelation(lowRank.correlationFactor, lowRank.correlationDiag, lowRank.numFeatures, lowRank.rank);
}

/** The `n` of an `n × n` dense input: its rows, or the square root of a flat array's length. */
function denseSize(correlation: CorrelationMatrixInput): number {
  if (correlation instanceof Float32Array || correlation instanceof Float64Array) {
    const n = Math.round(Math.sqrt(correlation.length));
    if (n * n !== correlation.length) {
      throw new InvalidArgumentError('correlationMatrix', 'a square number of entries (n×n, row-major)', correlation, {
        detail: '(Correlation matrix must have shape (n, n))',
      });
    }
    return n;
  }
  if (!(typeof correlation === 'object' && correlation !== null && Number.isSafeInteger(correlation.rows))) {
    throw new InvalidArgumentError('correlation', 'a DenseMatrix, Float32Array, Float64Array or LowRankCorrelationMatrix', correlation);
  }
  return correlation.rows;
}
