import { describe, expect, it } from 'vitest';
import { philox4x32 } from '../rng/philox';
import { Rng } from '../rng/rng';
import { LowRankScan, MAX_BOX_MULLER_RADIUS } from './low-rank-scan';
import type { ScanWords } from './low-rank-scan';

interface Survivor { row: number; feature: number; value: number; w0: number; w1: number }

/** The kernel's int16 quantization: step `fround(max|v| / Q)`, `q = round(v / step)`. */
function quantize(values: Float32Array, limit: number): { q: number[]; step: number } {
  const largest = values.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const step = largest > 0 ? Math.max(Math.fround(largest / limit), 2 ** -126) : 1;
  return { q: Array.from(values, (v) => Math.round(v / step)), step };
}

/** The kernel's arithmetic in plain JavaScript: exact integer sums, three float32 roundings, the same tests. */
function referenceScan(
  epsilon: Float32Array, rows: number, factor: Float32Array, rank: number, c: Float32Array,
  scales: Float32Array, words: ScanWords, first: number, last: number,
): { survivors: Survivor[]; candidates: number } {
  const limit = Math.min(32767, Math.floor(Math.sqrt((2 ** 31 - 1) / Math.max(2 * Math.ceil(rank / 2), 2))));
  const survivors: Survivor[] = [];
  let candidates = 0;
  const block = new Uint32Array(4);
  for (let r = 0; r < rows; r++) {
    const e = quantize(epsilon.subarray(r * rank, (r + 1) * rank), limit);
    for (let j = first; j < last; j++) {
      const l = quantize(factor.subarray(j * rank, (j + 1) * rank), limit);
      let sum = 0;
      for (let k = 0; k < rank; k++) sum += e.q[k]! * l.q[k]!;
      const m = Math.fround(Math.fround(Math.fround(sum) * l.step) * e.step);
      if (!(m > c[j]!)) continue;
      candidates++;
      const g = MAX_BOX_MULLER_RADIUS - (m - c[j]!) / (scales[j]! * (1 + 2 ** -22));
      let limitWord = Infinity;
      if (g > 0) {
        const level = (Math.trunc(Math.min(g * 16, 127)) / 16) * (1 - 1e-12);
        limitWord = Math.exp(-0.5 * level * level) * (1 + 1e-12) * 2 ** 32;
      }
      const position = words.firstPosition + r * words.wordsPerRow + j;
      const index = Math.floor(position / 4);
      philox4x32([index % 2 ** 32, Math.floor(index / 2 ** 32), words.stream[0], words.stream[1]], words.key, block);
      const lane = position % 4 >= 2 ? 2 : 0;
      if (block[lane]! + 1 > limitWord) continue;
      survivors.push({ row: r, feature: j, value: m, w0: block[lane]!, w1: block[lane + 1]! });
    }
  }
  return { survivors, candidates };
}

function readChunk(scan: LowRankScan, chunk: number, words: ScanWords, rows: number): Survivor[] {
  const s = scan.scanChunk(chunk, words);
  const out: Survivor[] = [];
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < s.counts[r]!; t++) {
      const i = (r * s.capacity + t) * 4;
      out.push({ row: r, feature: s.records[i]!, value: s.values[i + 1]!, w0: s.words[i + 2]!, w1: s.words[i + 3]! });
    }
  }
  return out;
}

function randomWords(rng: Rng, firstPosition: number, wordsPerRow: number): ScanWords {
  return { key: [rng.nextUint32(), rng.nextUint32()], stream: [rng.nextUint32(), rng.nextUint32()], firstPosition, wordsPerRow };
}

describe('LowRankScan', () => {
  it.each([
    { n: 70, rank: 5, rows: 9, chunkFeatures: 16, scale: 0.4, firstPosition: 13 },
    { n: 33, rank: 100, rows: 6, chunkFeatures: 2048, scale: 0.1, firstPosition: 2 ** 40 + 3 },
    { n: 200, rank: 7, rows: 13, chunkFeatures: 64, scale: 0.3, firstPosition: 0 },
    { n: 19, rank: 0, rows: 5, chunkFeatures: 8, scale: 0, firstPosition: 1 },
    { n: 24, rank: 1200, rows: 4, chunkFeatures: 8, scale: 0.03, firstPosition: 5 },
  ])('finds exactly the entries its JavaScript reference finds (%o)', ({ n, rank, rows, chunkFeatures, scale, firstPosition }) => {
    const rng = Rng.fromSeed(n * 1000 + rank).split('low-rank-scan');
    const factor = rng.fillNormal(new Float32Array(n * rank), 0, scale);
    factor.fill(0, 0, rank); // a zero row of L
    const scales = rng.fillUniform(new Float32Array(n), 0, 1);
    scales[0] = 0;
    const c = rng.fillUniform(new Float32Array(n), -1.5, 0.5);
    c[1] = Infinity;
    c[2] = -Infinity;
    const epsilon = rng.fillNormal(new Float32Array(rows * rank));
    const words = randomWords(rng, firstPosition, n + rank);
    const scan = LowRankScan.create({ factor, numFeatures: n, rank, scales, maxRows: rows + 3, chunkFeatures })!;
    expect(scan).toBeDefined();
    scan.setRows(epsilon, rows);
    scan.setCandidateThresholds(c);
    let [total, candidates] = [0, 0];
    for (let chunk = 0; chunk < scan.chunks; chunk++) {
      const first = chunk * chunkFeatures;
      const want = referenceScan(epsilon, rows, factor, rank, c, scales, words, first, Math.min(n, first + chunkFeatures));
      expect(readChunk(scan, chunk, words, rows)).toEqual(want.survivors);
      total += want.survivors.length;
      candidates += want.candidates;
    }
    // Both of the filter's outcomes happen: some candidates survive, some are dropped.
    expect(total).toBeGreaterThan(0);
    expect(candidates).toBeGreaterThan(total);
  });

  it.each([
    [100, 0.1],
    [25, 0.3],
    [7, 1],
    [300, 0.05],
  ])('bounds its estimate of ε·Lᵀ (rank %i, factor scale %f), and not loosely', (rank, scale) => {
    const [n, rows] = [64, 20];
    const rng = Rng.fromSeed(rank).split('low-rank-scan-bounds');
    const factor = rng.fillNormal(new Float32Array(n * rank), 0, scale);
    const epsilon = rng.fillNormal(new Float32Array(rows * rank));
    epsilon[3] = 6.66; // the largest normal there is
    factor.subarray(0, rank).forEach((v, k, row) => (row[k] = v * 1e-39)); // a row of subnormal floats
    // s = 0 and c = −∞: every entry is a candidate and survives, with its estimate.
    const scan = LowRankScan.create({ factor, numFeatures: n, rank, scales: new Float32Array(n), maxRows: rows })!;
    scan.setRows(epsilon, rows);
    scan.setCandidateThresholds(new Float32Array(n).fill(-Infinity));
    const bounds = new Float64Array(n);
    scan.errorBounds(bounds);
    const got = readChunk(scan, 0, randomWords(rng, 0, n + rank), rows);
    expect(got.length).toBe(rows * n);
    let worst = 0;
    for (const { row, feature, value } of got) {
      let exact = 0;
      for (let k = 0; k < rank; k++) exact += epsilon[row * rank + k]! * factor[feature * rank + k]!;
      const error = Math.abs(value - exact);
      expect(error, `row ${row}, feature ${feature}`).toBeLessThanOrEqual(bounds[feature]!);
      worst = Math.max(worst, error / bounds[feature]!);
    }
    // The bound is a worst case over ~rank rounding errors of one sign; it should not be vacuous.
    expect(Math.max(...bounds)).toBeLessThan(0.02 * Math.sqrt(rank) * scale * 10);
    expect(worst).toBeGreaterThan(0.005);
  });
});
