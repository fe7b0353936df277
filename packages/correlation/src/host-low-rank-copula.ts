/**
 * The low-rank Gaussian copula on the host, for the cpu backend: the same firing, bit for bit, as
 * `lowRankCopulaKernel` on tfjs-backend-cpu, in a small fraction of its time, and never holding a
 * `rows × F` array. Internal.
 *
 * The backend computes, in float32, `z = fround(fround(η·s) + m)` with `m = ε·L_jᵀ` (tfjs-cpu's
 * matMul: float64 sums over k-blocks of 48, each added into a float32 accumulator), and fires
 * where `z > τ`. Here, per block of rows and chunk of features, core's `LowRankScan`
 * (WebAssembly SIMD, 16-bit integer dot products) estimates `m` within a proven `margin_j`, keeps
 * only the entries that could fire with the largest normal Box–Muller can make (`m̃ > c_j`), then
 * only those whose own normal's radius is large enough (it computes that normal's Philox word).
 * The few left are decided with their exact normal, and the ones within `margin_j` of the
 * threshold with the backend's own `m` ({@link cpuMatMulEntry}). Every skip is a proof that the
 * backend would not fire; `host-low-rank-copula.test.ts` checks the firing bit for bit against the
 * backend, threshold ties included.
 */
import { LowRankScan, MAX_BOX_MULLER_RADIUS, boxMullerNormal } from '@synth/core';
import type { Rng } from '@synth/core';
import { FiringPatternBuilder, type FiringPattern } from './firing-pattern';
import type { LowRankCorrelationMatrix } from './low-rank-correlation-matrix';

/** tfjs-backend-cpu's matMul block size (`MathBackendCPU.blockSize`, 4.22): it sums k in blocks of 48. */
const CPU_MATMUL_BLOCK = 48;
/** Rows per block: bounds the kernel's candidate buffers (rows × chunk) and the ε kept here. */
const BLOCK_ROWS = 256;

/** The host sampler of one low-rank correlation and one set of thresholds. */
export interface HostLowRankCopula {
  readonly wordsPerRow: number;
  /** Firing of rows `startRow …`, from the copula stream `stream` (row r: words `[r·W, (r+1)·W)`). */
  sampleRows(stream: Rng, startRow: number, rows: number): FiringPattern;
  dispose(): void;
}

/**
 * `m` as tfjs-backend-cpu's `matMul(ε, L, false, true)` computes entry (i, j): products of float32s
 * summed in float64 over each k-block of 48, each block sum added into a float32 accumulator.
 */
export function cpuMatMulEntry(epsilon: Float32Array, eOffset: number, factor: Float32Array, lOffset: number, rank: number): number {
  let accumulator = 0;
  for (let k0 = 0; k0 < rank; k0 += CPU_MATMUL_BLOCK) {
    const k1 = Math.min(k0 + CPU_MATMUL_BLOCK, rank);
    let sum = 0.0;
    for (let k = k0; k < k1; k++) sum += epsilon[eOffset + k]! * factor[lOffset + k]!;
    accumulator = Math.fround(accumulator + sum);
  }
  return accumulator;
}

const below32 = new Float32Array(1);
const below32Bits = new Int32Array(below32.buffer);

/** The largest float32 <= x (x not NaN). */
function float32Below(x: number): number {
  const f = Math.fround(x);
  if (f <= x) return f;
  // fround rounded up: step down one float32 through the bit pattern (f != 0 here, as fround(0) = 0).
  below32[0] = f;
  below32Bits[0] = f > 0 ? below32Bits[0]! - 1 : below32Bits[0]! + 1;
  return below32[0];
}

/**
 * Per-feature bounds around `τ`: `low` sits below `τ` and `high` above it by more than float32
 * rounding of `z` and float64 rounding of the kernel's tests (`|τ|·2^-20 + 1e-6`), so that
 * `e + m <= low` proves `fround(e + m) <= τ` and `e + m >= high` proves `fround(e + m) > τ`.
 */
function thresholdBounds(tau: Float32Array): { low: Float32Array; high: Float64Array } {
  const low = new Float32Array(tau.length);
  const high = new Float64Array(tau.length);
  for (let j = 0; j < tau.length; j++) {
    const t = tau[j]!;
    const slack = Number.isFinite(t) ? Math.abs(t) * 2 ** -20 + 1e-6 : 0;
    low[j] = float32Below(t - slack);
    high[j] = t + slack;
  }
  return { low, high };
}

/** The key and stream id of an `Rng`, as the `[low, high]` words Philox takes. */
function philoxWords(stream: Rng): { key: [number, number]; stream: [number, number] } {
  const { key, stream: id } = stream.state;
  const words = (hex: string): [number, number] => [Number.parseInt(hex.slice(8), 16), Number.parseInt(hex.slice(0, 8), 16)];
  return { key: words(key), stream: words(id) };
}

/**
 * Builds the host sampler, or returns `undefined` where its kernel cannot run (no WebAssembly
 * SIMD, or a factor too large for 32-bit WebAssembly memory); the caller then uses the backend.
 */
export function createHostLowRankCopula(lowRank: LowRankCorrelationMatrix, thresholds: Float64Array): HostLowRankCopula | undefined {
  const { numFeatures: n, rank } = lowRank;
  const factor = lowRank.correlationFactor instanceof Float32Array ? lowRank.correlationFactor : Float32Array.from(lowRank.correlationFactor);
  const scales = Float32Array.from(lowRank.correlationDiag, Math.sqrt);
  const tau = Float32Array.from(thresholds);
  const { low, high } = thresholdBounds(tau);
  const factorNorms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let squares = 0;
    for (let k = 0; k < rank; k++) squares += factor[j * rank + k]! ** 2;
    factorNorms[j] = Math.sqrt(squares);
  }
  let scan = LowRankScan.create({ factor, numFeatures: n, rank, scales, maxRows: BLOCK_ROWS });
  if (scan === undefined) return undefined;
  const wordsPerRow = rank + n;
  const epsilon = new Float32Array(BLOCK_ROWS * rank);
  const margins = new Float64Array(n);
  const candidates = new Float32Array(n);
  // tfjs-cpu's m is within (ceil(K/48)·2^-24 + K·2^-53)·Σ|ε_k L_k| of the exact dot product (a
  // float32 rounding per k-block, float64 sums inside), and Σ|ε_k L_k| <= ‖ε‖·‖L_j‖.
  const cpuErrorPerNorm = (Math.ceil(rank / CPU_MATMUL_BLOCK) + 1) * 2 ** -24 * 1.01;
  const radiusWeight = MAX_BOX_MULLER_RADIUS * (1 + 2 ** -22);

  function sampleBlock(scan: LowRankScan, stream: Rng, startRow: number, rows: number, builder: FiringPatternBuilder): void {
    let epsilonNorm = 0;
    for (let r = 0; r < rows; r++) {
      const row = epsilon.subarray(r * rank, (r + 1) * rank);
      stream.seek((startRow + r) * wordsPerRow).fillNormal(row);
      let squares = 0;
      for (let k = 0; k < rank; k++) squares += row[k]! ** 2;
      epsilonNorm = Math.max(epsilonNorm, Math.sqrt(squares));
    }
    scan.setRows(epsilon, rows);
    // margin_j bounds |m̃ − m| for the kernel's estimate m̃ and the backend's m (both against the
    // exact dot product), doubled to spare the analysis any doubt.
    scan.errorBounds(margins);
    for (let j = 0; j < n; j++) {
      const margin = 2 * (margins[j]! + cpuErrorPerNorm * epsilonNorm * factorNorms[j]! + 1e-40);
      margins[j] = margin;
      candidates[j] = float32Below(low[j]! - margin - radiusWeight * scales[j]!);
    }
    scan.setCandidateThresholds(candidates);
    const fired: number[][] = Array.from({ length: rows }, () => []);
    const words = { ...philoxWords(stream), firstPosition: startRow * wordsPerRow + rank, wordsPerRow };
    for (let chunk = 0; chunk < scan.chunks; chunk++) {
      const { counts, capacity, records, values, words: pairs } = scan.scanChunk(chunk, words);
      for (let r = 0; r < rows; r++) {
        const count = counts[r]!;
        const rowPosition = words.firstPosition + r * wordsPerRow;
        for (let t = 0; t < count; t++) {
          const i = (r * capacity + t) * 4;
          const j = records[i]!;
          const estimate = values[i + 1]!;
          const eta = Math.fround(boxMullerNormal(pairs[i + 2]!, pairs[i + 3]!, (rowPosition + j) % 2 === 1));
          const e = Math.fround(eta * scales[j]!);
          const margin = margins[j]!;
          if (e + estimate + margin < low[j]!) continue; // cannot fire
          let fires = e + estimate - margin > high[j]!;
          if (!fires) {
            const m = rank > 0 ? cpuMatMulEntry(epsilon, r * rank, factor, j * rank, rank) : 0;
            fires = (rank > 0 ? Math.fround(e + m) : e) > tau[j]!;
          }
          if (fires) fired[r]!.push(j);
        }
      }
    }
    for (const columns of fired) builder.appendRow(columns);
  }

  return {
    wordsPerRow,
    // Synchronous on purpose: the kernel's memory holds one block at a time, so calls must not
    // interleave (the sampler's async callers may overlap, as in `Promise.all`).
    sampleRows(stream, startRow, rows) {
      if (scan === undefined) throw new Error('The host copula sampler was disposed (internal error).');
      const builder = new FiringPatternBuilder(rows, n);
      for (let done = 0; done < rows; done += BLOCK_ROWS) sampleBlock(scan, stream, startRow + done, Math.min(BLOCK_ROWS, rows - done), builder);
      return builder.finish();
    },
    dispose() {
      scan = undefined; // lets the kernel's memory (the packed factor) be collected
    },
  };
}
