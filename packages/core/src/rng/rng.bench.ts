/**
 * Bulk-fill throughput, 1M values per iteration, so hz reads as M values/s. The xoshiro128**
 * fills are the comparison baseline only (not exported); compare ratios within one run.
 * Run: pnpm exec vitest bench --run src/rng
 */
import { bench, describe } from 'vitest';
import { fillUniformAt } from './fill-uniform';
import { createJsKernel } from './philox-kernel';
import { PhiloxStream } from './philox-stream';
import { Rng } from './rng';

const N = 1_000_000;
const f64 = new Float64Array(N);
const f32 = new Float32Array(N);
const bits = new Uint8Array(N);
const probabilities = Float64Array.from({ length: 1000 }, (_, j) => (j + 0.5) / 1000);

/** Throws unless the fill produced plausible values, so the work cannot be skipped. */
function check(out: ArrayLike<number>, low: number, high: number): void {
  const last = out[out.length - 1]!;
  if (!(last >= low && last < high)) throw new Error(`bench produced ${last}`);
}

/** xoshiro128** 1.1 (Blackman & Vigna), the plain-JS baseline. */
function xoshiro128(seed: number): () => number {
  let s0 = seed | 0 || 1;
  let s1 = 0x9e3779b9;
  let s2 = 0x243f6a88;
  let s3 = 0x85a308d3;
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

describe('uniform fills (M values/s = hz)', () => {
  const rng = Rng.fromSeed(1);
  const next = xoshiro128(1);
  const jsSource = new PhiloxStream([1, 0], [0, 0], createJsKernel());
  let jsPosition = 0;
  bench('baseline: xoshiro128** uniforms, Float64Array', () => {
    for (let i = 0; i < N; i++) f64[i] = next() * 2 ** -32;
    check(f64, 0, 1);
  });
  bench('Rng.fillUniform Float64Array (wasm kernel)', () => {
    rng.fillUniform(f64);
    check(f64, 0, 1);
  });
  bench('Rng.fillUniform Float32Array (wasm kernel)', () => {
    rng.fillUniform(f32);
    check(f32, 0, 1);
  });
  bench('Rng.fillUniform Float64Array, [-1, 1) (wasm kernel)', () => {
    rng.fillUniform(f64, -1, 1);
    check(f64, -1, 1);
  });
  bench('reference: fillUniform Float64Array on the plain-JS kernel', () => {
    fillUniformAt(jsSource, jsPosition, f64, 0, 1);
    jsPosition += N;
    check(f64, 0, 1);
  });
});

describe('normal fills (M values/s = hz)', () => {
  const rng = Rng.fromSeed(2);
  const next = xoshiro128(2);
  bench('baseline: xoshiro128** Box–Muller normals, Float64Array', () => {
    for (let i = 0; i < N; i += 2) {
      const radius = Math.sqrt(-2 * Math.log((next() + 1) * 2 ** -32));
      const angle = next() * (2 * Math.PI * 2 ** -32);
      f64[i] = radius * Math.cos(angle);
      f64[i + 1] = radius * Math.sin(angle);
    }
    check(f64, -100, 100);
  });
  bench('Rng.fillNormal Float64Array', () => {
    rng.fillNormal(f64);
    check(f64, -100, 100);
  });
  bench('Rng.fillNormal Float32Array', () => {
    rng.fillNormal(f32);
    check(f32, -100, 100);
  });
});

describe('Bernoulli (M entries/s = hz)', () => {
  const rng = Rng.fromSeed(3);
  bench('Rng.fillBernoulli 1000 rows x 1000 features', () => {
    rng.fillBernoulli(bits, probabilities, N / probabilities.length);
    check(bits, 0, 2);
  });
  bench('Rng.bernoulliEvents p = 1e-3 over 1e9 trials (~1M events)', () => {
    const events = rng.bernoulliEvents(1e-3, 1e9);
    check(events, 0, 1e9);
  });
});
