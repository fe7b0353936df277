/**
 * `LowRankScan`: the host kernel behind `@synth/correlation`'s low-rank copula sampler on the cpu
 * backend. It finds, for a block of rows, the few (row, feature) entries whose latent
 * `ε·L_jᵀ + η·s_j` could exceed a threshold, without forming the `rows × F` latents: a
 * WebAssembly SIMD pass estimates `m = ε·L_jᵀ` tile by tile from 16-bit quantized `ε` and `L`
 * (exact integer sums) and keeps entries above a per-feature bound, then a second pass looks at
 * each one's Philox word and drops those whose Box–Muller radius is too small to reach the
 * threshold. {@link LowRankScan.errorBounds} bounds the estimate's error, so the caller can decide
 * the remaining entries exactly.
 */
import { LOW_RANK_SCAN_WASM_BASE64 } from './low-rank-scan-wasm-bytes';
import { SCAN_LEVELS, SCAN_LEVELS_PER_UNIT, SCAN_PANEL, SCAN_RESERVED_BYTES, SCAN_TILE_ROWS } from './low-rank-scan-wat';

export { MAX_BOX_MULLER_RADIUS } from './low-rank-scan-wat';

/** Options of {@link LowRankScan.create}. */
export interface LowRankScanOptions {
  /** `L`, `numFeatures × rank`, row-major, float32 (quantized into the kernel's memory). */
  readonly factor: Float32Array;
  readonly numFeatures: number;
  readonly rank: number;
  /** `s_j >= 0`, the weight of each entry's own normal. */
  readonly scales: Float32Array;
  /** Most rows per {@link LowRankScan.setRows} (default 256). */
  readonly maxRows?: number;
  /** Features per {@link LowRankScan.scanChunk} (a multiple of 8; default 2048). */
  readonly chunkFeatures?: number;
}

/** Where the η normals of a row block live in their Philox stream. */
export interface ScanWords {
  /** Philox key and stream id, `[low word, high word]` each (as in `RngState`, hex-decoded). */
  readonly key: readonly [number, number];
  readonly stream: readonly [number, number];
  /** Word position of feature 0's normal in the block's first row. */
  readonly firstPosition: number;
  /** Words from one row to the next. */
  readonly wordsPerRow: number;
}

/**
 * A chunk's survivors, as views into the kernel's memory (valid until the next call). Row `r`'s
 * `t`-th survivor is record `i = (r·capacity + t)·4`: feature `records[i]` (Int32), `m̃` at
 * `values[i + 1]`, and the pair's Philox words `words[i + 2]`, `words[i + 3]`.
 */
export interface ScanSurvivors {
  readonly counts: Int32Array;
  readonly capacity: number;
  readonly records: Int32Array;
  readonly values: Float32Array;
  readonly words: Uint32Array;
}

interface ScanExports {
  readonly memory: WebAssembly.Memory;
  readonly scan: (
    eps: number, invT: number, rows: number, pairs: number, lp: number, invS: number, c: number, panels: number, jBase: number,
    candF: number, candV: number, cap: number, counts: number,
  ) => void;
  readonly filter: (
    rows: number, candF: number, candV: number, cap: number, counts: number, c: number, scale: number, table: number, surv: number,
    rowPos: number, W: number, k0: number, k1: number, st0: number, st1: number,
  ) => void;
}

/** Byte addresses of the kernel's arrays in its memory. */
type ScanLayout = Record<'table' | 'counts' | 'invT' | 'eps' | 'invS' | 'c' | 'scale' | 'factor' | 'candF' | 'candV' | 'surv', number>;

let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const binary = atob(LOW_RANK_SCAN_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    // WebAssembly memory is little-endian; the typed views below read it right only on such hosts.
    compiled = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null; // no WebAssembly, or no SIMD
  }
  return compiled;
}

const align = (bytes: number): number => Math.ceil(bytes / 64) * 64;
/** Records per row and chunk: `scan` stores whole 4-lane vectors, so up to 3 past the last one. */
const capacity = (chunkFeatures: number): number => chunkFeatures + 8;
/** Relative error of the kernel's three float32 roundings (`sum`, `·invS`, `·invT`), rounded up. */
const SCALING_ERROR = 3.001 * 2 ** -24;
/** Absolute slack for float32 underflow in those roundings (each loses at most 2^-150). */
const UNDERFLOW_SLACK = 1e-40;

/**
 * The largest integer magnitude `Q` of a quantized value: `2·pairs·Q² < 2^31`, so no int32 sum
 * of `2·pairs` products can overflow (and `Q <= 32767`, an int16).
 */
function quantizationLimit(pairs: number): number {
  return Math.min(32767, Math.floor(Math.sqrt((2 ** 31 - 1) / Math.max(2 * pairs, 2))));
}

/**
 * Quantizes `values` (length `n`) to int16 with the float32 step `max|v| / limit` (1 for a zero
 * vector), so `|v − q·step| <= step / 2`; writes `q` from `out[0]` and returns the step.
 */
function quantize(values: Float32Array, out: Int16Array, limit: number): number {
  let largest = 0;
  for (let k = 0; k < values.length; k++) largest = Math.max(largest, Math.abs(values[k]!));
  // At least the smallest normal float32, so that a tiny vector's step does not underflow to 0.
  const step = largest > 0 ? Math.max(Math.fround(largest / limit), 2 ** -126) : 1;
  // v / step may exceed `limit` by float32 rounding of step, but by far less than 1/2.
  for (let k = 0; k < values.length; k++) out[k] = Math.round(values[k]! / step);
  return step;
}

/**
 * The kernel with one factor loaded. Internal to synth (exported for `@synth/correlation`).
 *
 * @internal
 * @example
 * ```ts
 * const scan = LowRankScan.create({ factor, numFeatures, rank, scales });
 * if (scan) { scan.setRows(epsilon, rows); scan.setCandidateThresholds(c); const s = scan.scanChunk(0, words); }
 * ```
 */
export class LowRankScan {
  readonly numFeatures: number;
  readonly rank: number;
  readonly maxRows: number;
  readonly chunkFeatures: number;
  /** Number of chunks: `ceil(numFeatures / chunkFeatures)`. */
  readonly chunks: number;
  readonly #kernel: ScanExports;
  readonly #at: ScanLayout;
  readonly #pairs: number;
  readonly #limit: number;
  readonly #survivors: ScanSurvivors;
  /** Per feature: the quantization step, `‖L_j‖₁` and `‖L_j‖₂`. */
  readonly #factorStep: Float32Array;
  readonly #factorL1: Float64Array;
  readonly #factorL2: Float64Array;
  /** Of the loaded rows: `max ‖ε_i‖₁`, `max ‖ε_i‖₂`, the largest step. */
  #rowsL1 = 0;
  #rowsL2 = 0;
  #rowsStep = 0;
  #rows = 0;

  private constructor(kernel: ScanExports, at: ScanLayout, options: Required<LowRankScanOptions>) {
    this.#kernel = kernel;
    this.#at = at;
    this.numFeatures = options.numFeatures;
    this.rank = options.rank;
    this.maxRows = options.maxRows;
    this.chunkFeatures = options.chunkFeatures;
    this.chunks = Math.ceil(options.numFeatures / options.chunkFeatures);
    this.#pairs = Math.ceil(options.rank / 2);
    this.#limit = quantizationLimit(this.#pairs);
    const buffer = kernel.memory.buffer;
    const cap = capacity(options.chunkFeatures);
    this.#survivors = {
      counts: new Int32Array(buffer, at.counts, options.maxRows),
      capacity: cap,
      records: new Int32Array(buffer, at.surv, options.maxRows * cap * 4),
      values: new Float32Array(buffer, at.surv, options.maxRows * cap * 4),
      words: new Uint32Array(buffer, at.surv, options.maxRows * cap * 4),
    };
    this.#factorStep = new Float32Array(buffer, at.invS, options.numFeatures);
    this.#factorL1 = new Float64Array(options.numFeatures);
    this.#factorL2 = new Float64Array(options.numFeatures);
    this.#loadFactor(options.factor, options.scales);
  }

  /**
   * Loads the factor, or returns `undefined` where WebAssembly SIMD is missing or the kernel's
   * memory cannot grow to hold it (callers then use their backend path).
   */
  static create(options: LowRankScanOptions): LowRankScan | undefined {
    const module = compile();
    if (module === null) return undefined;
    const resolved: Required<LowRankScanOptions> = { maxRows: 256, chunkFeatures: 2048, ...options };
    const { numFeatures: n, rank, maxRows, chunkFeatures } = resolved;
    const padded = Math.ceil(n / SCAN_PANEL) * SCAN_PANEL;
    const tileRows = Math.ceil(maxRows / SCAN_TILE_ROWS) * SCAN_TILE_ROWS;
    const pairBytes = Math.ceil(rank / 2) * 4;
    const cap = capacity(chunkFeatures);
    const sizes: ScanLayout = {
      table: SCAN_LEVELS * 8,
      counts: tileRows * 4,
      invT: tileRows * 4,
      eps: tileRows * pairBytes,
      invS: padded * 4,
      c: padded * 4,
      scale: padded * 4,
      factor: padded * pairBytes,
      candF: tileRows * cap * 4,
      candV: tileRows * cap * 4,
      surv: maxRows * cap * 16,
    };
    const at = {} as ScanLayout;
    let end = SCAN_RESERVED_BYTES;
    for (const name of Object.keys(sizes) as (keyof ScanLayout)[]) {
      at[name] = end;
      end = align(end + sizes[name]);
    }
    let kernel: ScanExports;
    try {
      kernel = new WebAssembly.Instance(module, {}).exports as unknown as ScanExports;
      const pages = Math.ceil(end / 65536) - kernel.memory.buffer.byteLength / 65536;
      if (pages > 0) kernel.memory.grow(pages);
    } catch {
      return undefined; // the memory could not grow that far
    }
    return new LowRankScan(kernel, at, resolved);
  }

  #loadFactor(factor: Float32Array, scales: Float32Array): void {
    const { numFeatures: n, rank } = this;
    const buffer = this.#kernel.memory.buffer;
    const pairs = this.#pairs;
    const packed = new Int16Array(buffer, this.#at.factor, Math.ceil(n / SCAN_PANEL) * SCAN_PANEL * pairs * 2);
    const row = new Int16Array(2 * pairs);
    for (let j = 0; j < n; j++) {
      const values = factor.subarray(j * rank, (j + 1) * rank);
      this.#factorStep[j] = quantize(values, row, this.#limit);
      let [l1, l2] = [0, 0];
      for (let k = 0; k < rank; k++) {
        l1 += Math.abs(values[k]!);
        l2 += values[k]! ** 2;
      }
      this.#factorL1[j] = l1;
      this.#factorL2[j] = Math.sqrt(l2);
      // Panel p = j / 8 holds, per pair of k, features 0–3 then 4–7, each as (q_k, q_k+1).
      const panel = Math.floor(j / SCAN_PANEL);
      const lane = j - panel * SCAN_PANEL;
      const base = panel * pairs * 16 + (lane >> 2) * 8 + (lane & 3) * 2;
      for (let p = 0; p < pairs; p++) {
        packed[base + p * 16] = row[2 * p]!;
        packed[base + p * 16 + 1] = row[2 * p + 1]!;
      }
    }
    new Float32Array(buffer, this.#at.scale, n).set(scales.subarray(0, n));
    const table = new Float64Array(buffer, this.#at.table, SCAN_LEVELS);
    for (let level = 0; level < SCAN_LEVELS; level++) {
      // Keep iff u1 = (w0 + 1)·2^-32 <= exp(−g²/2) for the level's g (<= the entry's G): then the
      // radius sqrt(−2 ln u1) >= g. The factors 1 ∓ 1e-12 cover Math.exp's and Math.log's rounding.
      const g = (level / SCAN_LEVELS_PER_UNIT) * (1 - 1e-12);
      table[level] = Math.exp(-0.5 * g * g) * (1 + 1e-12) * 2 ** 32;
    }
  }

  /** Loads `rows` rows of `ε` (`rows × rank`, row-major) for the next scans. */
  setRows(epsilon: Float32Array, rows: number): void {
    if (!(rows >= 0 && rows <= this.maxRows)) throw new RangeError(`rows must be in [0, ${this.maxRows}], got ${rows}`);
    const { rank } = this;
    const pairs = this.#pairs;
    const tileRows = Math.ceil(rows / SCAN_TILE_ROWS) * SCAN_TILE_ROWS;
    const buffer = this.#kernel.memory.buffer;
    const quantized = new Int16Array(buffer, this.#at.eps, tileRows * pairs * 2).fill(0);
    const steps = new Float32Array(buffer, this.#at.invT, tileRows).fill(1);
    let [l1Max, l2Max, stepMax] = [0, 0, 0];
    for (let r = 0; r < rows; r++) {
      const values = epsilon.subarray(r * rank, (r + 1) * rank);
      steps[r] = quantize(values, quantized.subarray(r * pairs * 2, r * pairs * 2 + rank), this.#limit);
      let [l1, l2] = [0, 0];
      for (let k = 0; k < rank; k++) {
        l1 += Math.abs(values[k]!);
        l2 += values[k]! ** 2;
      }
      [l1Max, l2Max, stepMax] = [Math.max(l1Max, l1), Math.max(l2Max, Math.sqrt(l2)), Math.max(stepMax, steps[r]!)];
    }
    [this.#rowsL1, this.#rowsL2, this.#rowsStep, this.#rows] = [l1Max, l2Max, stepMax, rows];
  }

  /**
   * Writes into `out[j]` a bound on `|m̃_ij − ε_i·L_jᵀ|` (the kernel's estimate against the exact
   * real dot product of the float32 inputs) that holds for every loaded row `i`.
   *
   * With `ε̃ = qε·stepε`, `L̃ = qL·stepL` (each within half a step of the input), the kernel's
   * integer sum gives `ε̃·L̃` exactly, then three float32 roundings; and
   * `|ε·L − ε̃·L̃| <= Σ|ε_k|·|L_k − L̃_k| + |L̃_k|·|ε_k − ε̃_k|`.
   */
  errorBounds(out: Float64Array): void {
    const rank = this.rank;
    const [rowsL1, rowsL2, rowsStep] = [this.#rowsL1, this.#rowsL2, this.#rowsStep];
    const rowsL2Quantized = rowsL2 + 0.5 * rowsStep * Math.sqrt(rank);
    for (let j = 0; j < this.numFeatures; j++) {
      const step = this.#factorStep[j]!;
      const quantization = 0.5 * step * rowsL1 + 0.5 * rowsStep * (this.#factorL1[j]! + 0.5 * rank * step);
      const scaling = SCALING_ERROR * rowsL2Quantized * (this.#factorL2[j]! + 0.5 * step * Math.sqrt(rank));
      out[j] = quantization + scaling + UNDERFLOW_SLACK;
    }
  }

  /** Loads `c_j` (length `numFeatures`): `scan` keeps the entries with `m̃ > c_j`. */
  setCandidateThresholds(c: Float32Array): void {
    const padded = Math.ceil(this.numFeatures / SCAN_PANEL) * SCAN_PANEL;
    const view = new Float32Array(this.#kernel.memory.buffer, this.#at.c, padded);
    view.set(c.subarray(0, this.numFeatures));
    view.fill(Infinity, this.numFeatures);
  }

  /**
   * Scans features `[chunk·chunkFeatures, …)` of the loaded rows: `scan` keeps `m̃ > c_j`, then
   * `filter` drops the entries whose radius cannot reach `c_j + R·s_j`, `R` the largest radius.
   */
  scanChunk(chunk: number, words: ScanWords): ScanSurvivors {
    const first = chunk * this.chunkFeatures;
    const panels = Math.ceil(Math.min(this.chunkFeatures, this.numFeatures - first) / SCAN_PANEL);
    const at = this.#at;
    const rows = this.#rows;
    const cap = this.#survivors.capacity;
    const factorAt = at.factor + first * this.#pairs * 4;
    this.#kernel.scan(at.eps, at.invT, rows, this.#pairs, factorAt, at.invS + first * 4, at.c + first * 4, panels, first, at.candF, at.candV, cap, at.counts);
    this.#kernel.filter(
      rows, at.candF, at.candV, cap, at.counts, at.c, at.scale, at.table, at.surv,
      words.firstPosition, words.wordsPerRow, words.key[0], words.key[1], words.stream[0], words.stream[1],
    );
    return this.#survivors;
  }
}
