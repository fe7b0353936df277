/**
 * The backend conformance suite: every tensor operation synth's packages rely on, checked on one
 * backend against a float64 reference computed in plain JavaScript from the same float32 inputs.
 * Each package's tests call it once per backend present, so a backend cannot drift.
 *
 * Tolerances come from the backend's float precision ε (2⁻²³ for float32): an elementwise op is
 * allowed a few ulps (`4ε·|x|`); a sum of n terms the classic worst-case bound `n·ε·Σ|terms|`.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import { Rng } from '../rng';
import { sparseRowsFromDense } from '../sparse-rows';
import { matMulTransposeA, matMulTransposeB, normalizeRows, sparseMatmul, sparseMatmulOnDevice, sparseRowsToTensor } from '../tensor-ops';
import { expectNoTensorLeak } from './leak';
import { assertClose, randomMatrix, referenceMatmul } from './reference';

type Unary = { name: string; op: (b: Backend, x: Parameters<Backend['tf']['relu']>[0]) => ReturnType<Backend['tf']['relu']>; ref: (x: number) => number; positive?: boolean };

const UNARY: readonly Unary[] = [
  { name: 'relu', op: (b, x) => b.tf.relu(x), ref: (x) => Math.max(0, x) },
  { name: 'abs', op: (b, x) => b.tf.abs(x), ref: Math.abs },
  { name: 'neg', op: (b, x) => b.tf.neg(x), ref: (x) => -x },
  { name: 'square', op: (b, x) => b.tf.square(x), ref: (x) => x * x },
  { name: 'sqrt', op: (b, x) => b.tf.sqrt(x), ref: Math.sqrt, positive: true },
  { name: 'exp', op: (b, x) => b.tf.exp(x), ref: Math.exp },
  { name: 'log', op: (b, x) => b.tf.log(x), ref: Math.log, positive: true },
  { name: 'log1p', op: (b, x) => b.tf.log1p(x), ref: Math.log1p, positive: true },
  { name: 'tanh', op: (b, x) => b.tf.tanh(x), ref: Math.tanh },
  { name: 'sigmoid', op: (b, x) => b.tf.sigmoid(x), ref: (x) => 1 / (1 + Math.exp(-x)) },
  { name: 'sign', op: (b, x) => b.tf.sign(x), ref: Math.sign },
  { name: 'floor', op: (b, x) => b.tf.floor(x), ref: Math.floor },
];

type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum' | 'squaredDifference';
const BINARY: readonly [BinaryName, (a: number, b: number) => number][] = [
  ['add', (a, b) => a + b],
  ['sub', (a, b) => a - b],
  ['mul', (a, b) => a * b],
  ['div', (a, b) => a / b],
  ['maximum', Math.max],
  ['minimum', Math.min],
  ['squaredDifference', (a, b) => (a - b) ** 2],
];

/**
 * Registers the conformance tests for `backend` in the current vitest file.
 *
 * @example
 * ```ts
 * for (const backend of await loadTestBackends()) defineBackendConformanceSuite(backend);
 * ```
 */
export function defineBackendConformanceSuite(backend: Backend): void {
  const { tf, epsilon } = backend;
  const rng = Rng.fromSeed(20_241_126).split(`conformance/${backend.name}`);
  const read = async (fn: () => Parameters<typeof tf.dispose>[0] & { data(): Promise<ArrayLike<number>> }): Promise<Float64Array> =>
    expectNoTensorLeak(backend, async () => {
      const t = backend.tidy(fn);
      const data = Float64Array.from(await t.data());
      tf.dispose(t);
      return data;
    });

  // The float precision goes in the name, so a report says when a device only rendered float16.
  const precision = epsilon >= 2 ** -10 ? 'float16' : 'float32';
  // Moving data (gather, transpose, max, …) is exact on float32, since the inputs are float32
  // values. A float16 device rounds each input once when it stores it: at most ε·|v| whether it
  // rounds to nearest (ε/2) or truncates (ε), which the GL specification leaves to the driver.
  const storageError = (v: number): number => (epsilon > 2 ** -23 ? epsilon * Math.abs(v) : 0);
  describe(`backend conformance: ${backend.name} (${precision}, ε = 2^${Math.log2(epsilon)})`, () => {
    describe.each(UNARY)('$name', ({ op, ref, positive }) => {
      it('matches the float64 reference within 4ε·|x|', async () => {
        const x = randomMatrix(rng, 6, 9, positive === true ? 0.01 : -3, 3);
        const got = await read(() => op(backend, tf.tensor2d(x.data, [6, 9])));
        assertClose(got, Float64Array.from(x.data, ref), (i) => 4 * epsilon * Math.abs(ref(x.data[i]!)) + 2 * epsilon);
      });
    });

    describe.each(BINARY)('%s (with broadcasting)', (name, ref) => {
      it('matches the float64 reference within 4ε', async () => {
        const a = randomMatrix(rng, 5, 7, -2, 2);
        const b = randomMatrix(rng, 1, 7, 0.5, 2); // positive: safe divisor
        const got = await read(() => tf[name](tf.tensor2d(a.data, [5, 7]), tf.tensor2d(b.data, [1, 7])));
        const want = Float64Array.from(a.data, (v, i) => ref(v, b.data[i % 7]!));
        assertClose(got, want, (i) => 4 * epsilon * (Math.abs(want[i]!) + 4));
      });
    });

    it.each([
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ])('matMul (transposeA=%s, transposeB=%s) within k·ε·Σ|a||b|', async (transposeA, transposeB) => {
      const [m, k, n] = [7, 33, 5];
      const a = randomMatrix(rng, transposeA ? k : m, transposeA ? m : k, -1, 1);
      const b = randomMatrix(rng, transposeB ? n : k, transposeB ? k : n, -1, 1);
      const got = await read(() => tf.matMul(tf.tensor2d(a.data, [a.rows, a.columns]), tf.tensor2d(b.data, [b.rows, b.columns]), transposeA, transposeB));
      const { product, magnitude } = referenceMatmul(a, b, transposeA, transposeB);
      assertClose(got, product, (i) => (k + 2) * epsilon * magnitude[i]!);
    });

    // Operands made on the device, with odd dimensions: a GPU backend that stores 2×2 blocks
    // (WebGL's packed textures) has padding lanes, which `x + 1` fills with 1 if it is not masked;
    // a matMul that sums them is off by whole units. Uploaded operands (the tests above) have
    // clean padding, so they cannot catch this.
    it.each([
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ])('matMul of computed operands with odd dimensions (transposeA=%s, transposeB=%s) within k·ε·Σ|a||b|', async (transposeA, transposeB) => {
      const [m, k, n] = [5, 7, 3];
      const a = randomMatrix(rng, transposeA ? k : m, transposeA ? m : k, -1, 1);
      const b = randomMatrix(rng, transposeB ? n : k, transposeB ? k : n, -1, 1);
      const got = await read(() =>
        tf.matMul(tf.add(tf.tensor2d(a.data, [a.rows, a.columns]), 1), tf.add(tf.tensor2d(b.data, [b.rows, b.columns]), 1), transposeA, transposeB),
      );
      // Float32 `x + 1` is exact to one rounding, as the device's; a float16 device's extra
      // rounding of each operand (ε·|x + 1|) is inside the (k + 2)·ε bound.
      const plusOne = (x: typeof a): typeof a => ({ ...x, data: x.data.map((v) => v + 1) });
      const { product, magnitude } = referenceMatmul(plusOne(a), plusOne(b), transposeA, transposeB);
      assertClose(got, product, (i) => (k + 2) * epsilon * magnitude[i]!);
    });

    it('matMulTransposeB (a·bᵀ, transposed before the matmul on wasm) within k·ε·Σ|a||b|', async () => {
      const [m, k, n] = [9, 70, 6]; // k > 48: more than one of the wasm fallback loop's blocks
      const a = randomMatrix(rng, m, k, -1, 1);
      const b = randomMatrix(rng, n, k, -1, 1);
      const got = await read(() => matMulTransposeB(backend, tf.tensor2d(a.data, [m, k]), tf.tensor2d(b.data, [n, k])));
      const { product, magnitude } = referenceMatmul(a, b, false, true);
      assertClose(got, product, (i) => (k + 2) * epsilon * magnitude[i]!);
    });

    it('matMulTransposeA (aᵀ·b, transposed before the matmul on wasm) within k·ε·Σ|a||b|', async () => {
      const [k, m, n] = [70, 8, 5];
      const a = randomMatrix(rng, k, m, -1, 1);
      const b = randomMatrix(rng, k, n, -1, 1);
      const got = await read(() => matMulTransposeA(backend, tf.tensor2d(a.data, [k, m]), tf.tensor2d(b.data, [k, n])));
      const { product, magnitude } = referenceMatmul(a, b, true, false);
      assertClose(got, product, (i) => (k + 2) * epsilon * magnitude[i]!);
    });

    it.each([0, 1])('sum, mean, max, min, argMax along axis %i', async (axis) => {
      const x = randomMatrix(rng, 8, 11, -4, 4);
      const [rows, columns] = [8, 11];
      const outer = axis === 0 ? columns : rows;
      const inner = axis === 0 ? rows : columns;
      const at = (o: number, i: number): number => (axis === 0 ? x.data[i * columns + o]! : x.data[o * columns + i]!);
      const reduce = (f: (vals: number[]) => number): Float64Array =>
        Float64Array.from({ length: outer }, (_, o) => f(Array.from({ length: inner }, (_, i) => at(o, i))));
      const absSum = reduce((v) => v.reduce((s, t) => s + Math.abs(t), 0));
      const t = (): ReturnType<typeof tf.tensor2d> => tf.tensor2d(x.data, [rows, columns]);
      assertClose(await read(() => tf.sum(t(), axis)), reduce((v) => v.reduce((s, u) => s + u, 0)), (o) => inner * epsilon * absSum[o]!);
      assertClose(await read(() => tf.mean(t(), axis)), reduce((v) => v.reduce((s, u) => s + u, 0) / inner), (o) => (inner * epsilon * absSum[o]!) / inner + epsilon);
      const maxs = reduce((v) => Math.max(...v));
      const mins = reduce((v) => Math.min(...v));
      assertClose(await read(() => tf.max(t(), axis)), maxs, (o) => storageError(maxs[o]!));
      assertClose(await read(() => tf.min(t(), axis)), mins, (o) => storageError(mins[o]!));
      assertClose(await read(() => tf.argMax(t(), axis)), reduce((v) => v.indexOf(Math.max(...v))), () => 0);
    });

    // WebGPU guarantees only 8 storage buffers per shader; TF.js's AddN bound one per input, so 8
    // or more inputs failed and voided their command batch (see backend-workarounds.ts).
    it('addN of 12 tensors (more than a shader can bind) within n·ε·Σ|x|', async () => {
      const parts = Array.from({ length: 12 }, () => randomMatrix(rng, 3, 5, -1, 1));
      const got = await read(() => tf.addN(parts.map((p) => tf.tensor2d(p.data, [3, 5]))));
      const want = Float64Array.from({ length: 15 }, (_, i) => parts.reduce((sum, p) => sum + p.data[i]!, 0));
      const magnitude = Float64Array.from({ length: 15 }, (_, i) => parts.reduce((sum, p) => sum + Math.abs(p.data[i]!), 0));
      assertClose(got, want, (i) => parts.length * epsilon * magnitude[i]!);
    });

    it('euclidean norm along rows, and normalizeRows (zero rows stay zero)', async () => {
      const x = randomMatrix(rng, 4, 10, -2, 2);
      x.data.fill(0, 10, 20); // row 1 is all zeros
      const norms = Float64Array.from({ length: 4 }, (_, r) => Math.hypot(...x.data.subarray(r * 10, r * 10 + 10)));
      assertClose(await read(() => tf.norm(tf.tensor2d(x.data, [4, 10]), 'euclidean', 1)), norms, (r) => 12 * epsilon * norms[r]!);
      const unit = await read(() => normalizeRows(backend, tf.tensor2d(x.data, [4, 10])));
      const want = Float64Array.from(x.data, (v, i) => v / Math.max(norms[Math.floor(i / 10)]!, 1e-8));
      assertClose(unit, want, () => 16 * epsilon);
      // Exactly zero, not "close": float16 WebGL once turned this row into ones (0 / 0 = 1 there).
      expect(Array.from(unit.subarray(10, 20))).toEqual(new Array(10).fill(0));
    });

    it('normalizeRows of a [rows, 0] matrix is a [rows, 0] matrix (no reduction over an empty axis)', async () => {
      const shape = await expectNoTensorLeak(backend, () => {
        const empty = backend.tidy(() => tf.tensor2d([], [3, 0]));
        const unit = normalizeRows(backend, empty);
        tf.dispose([empty, unit]);
        return unit.shape;
      });
      expect(shape).toEqual([3, 0]);
    });

    it('gather, scatterND (summing duplicate indices), transpose, concat, slice: exact up to storage', async () => {
      const x = randomMatrix(rng, 5, 3, -1, 1);
      const exactly = (got: Float64Array, want: ArrayLike<number>): void => assertClose(got, want, (i) => storageError(want[i]!));
      const gathered = await read(() => tf.gather(tf.tensor2d(x.data, [5, 3]), tf.tensor1d([4, 0, 4], 'int32')));
      exactly(gathered, [...x.data.subarray(12, 15), ...x.data.subarray(0, 3), ...x.data.subarray(12, 15)]);
      const scattered = await read(() => tf.scatterND(tf.tensor2d([2, 0, 2], [3, 1], 'int32'), tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), [4, 2]));
      expect(Array.from(scattered)).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
      const transposed = await read(() => tf.transpose(tf.tensor2d(x.data, [5, 3])));
      exactly(transposed, Array.from({ length: 15 }, (_, i) => x.data[(i % 5) * 3 + Math.floor(i / 5)]!));
      const joined = await read(() => tf.concat([tf.tensor2d([1, 2], [1, 2]), tf.tensor2d([3, 4, 5, 6], [2, 2])], 0));
      expect(Array.from(joined)).toEqual([1, 2, 3, 4, 5, 6]);
      const sliced = await read(() => tf.slice(tf.tensor2d(x.data, [5, 3]), [1, 1], [2, 2]));
      exactly(sliced, [x.data[4]!, x.data[5]!, x.data[7]!, x.data[8]!]);
    });

    it('topk keeps the k largest per row, in order, with their indices', async () => {
      const rows = [[0.5, -1, 3, 2, 0], [7, 6, 5, 4, 8]];
      const result = backend.tidy(() => tf.topk(tf.tensor2d(rows), 3));
      const [values, indices] = [await result.values.data(), await result.indices.data()];
      tf.dispose([result.values, result.indices]);
      expect(Array.from(values)).toEqual([3, 2, 0.5, 8, 7, 6]);
      expect(Array.from(indices)).toEqual([2, 3, 0, 4, 0, 1]);
    });

    it('comparisons, where, cast, clipByValue, step', async () => {
      const a = tf.tensor1d([-1, 0, 0.5, 2]);
      expect(Array.from(await read(() => tf.cast(tf.greater(a, 0), 'float32')))).toEqual([0, 0, 1, 1]);
      expect(Array.from(await read(() => tf.where(tf.greater(a, 0), a, tf.zerosLike(a))))).toEqual([0, 0, 0.5, 2]);
      expect(Array.from(await read(() => tf.clipByValue(a, -0.5, 1)))).toEqual([-0.5, 0, 0.5, 1]);
      expect(Array.from(await read(() => tf.step(a)))).toEqual([0, 0, 1, 1]);
      a.dispose();
    });

    // tfjs-backend-wasm 4.22 ignores oneHot's float32 dtype and writes the int32 bit pattern, so 1
    // reads back as 2⁻¹⁴⁹ ≈ 1.4e-45. synth does not call oneHot (tensor-ops.test.ts scans the
    // sources); this records the bug so that a tfjs upgrade that fixes it fails here and says so.
    it('oneHot: int32 (then cast) is right everywhere; float32 is broken exactly as recorded on wasm', async () => {
      const indices = [0, 2, 1];
      const want = [1, 0, 0, 0, 0, 1, 0, 1, 0];
      const viaInt = await read(() => tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), 3), 'float32'));
      expect(Array.from(viaInt)).toEqual(want);
      const direct = await read(() => tf.oneHot(tf.tensor1d(indices, 'int32'), 3, 1, 0, 'float32'));
      if (backend.engineName === 'wasm') {
        const intBitsOfOne = new Float32Array(new Int32Array([1]).buffer)[0]!; // 2⁻¹⁴⁹
        expect(Array.from(direct), 'tfjs-backend-wasm oneHot(float32) now works: update this test and the notes that avoid oneHot').toEqual(want.map((v) => v * intBitsOfOne));
      } else {
        expect(Array.from(direct)).toEqual(want);
      }
    });

    it('sparseMatmul equals the dense product; sparseRowsToTensor restores the batch', async () => {
      const dense = randomMatrix(rng, 6, 12, -1, 1);
      dense.data.forEach((v, i) => { if (v < 0.3) dense.data[i] = 0; }); // mostly zeros, row 0 kept non-empty below
      dense.data.fill(0, 24, 36); // row 2 has no entries at all
      const sparse = sparseRowsFromDense(dense.data, 6, 12);
      const weights = randomMatrix(rng, 12, 4, -1, 1);
      const { product, magnitude } = referenceMatmul(dense, weights, false, false);
      const got = await read(() => sparseMatmul(backend, sparse, tf.tensor2d(weights.data, [12, 4])));
      assertClose(got, product, (i) => 14 * epsilon * magnitude[i]!);
      // The gather/scatter form GPU backends use, run here too so it stays checked on every backend.
      const onDevice = await read(() => sparseMatmulOnDevice(backend, sparse, tf.tensor2d(weights.data, [12, 4])));
      assertClose(onDevice, product, (i) => 14 * epsilon * magnitude[i]!);
      expect(Array.from(await read(() => sparseRowsToTensor(backend, sparse)))).toEqual(Array.from(dense.data));
    });
  });
}
