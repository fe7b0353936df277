/**
 * Timings of linearSumAssignment on the sizes of the MCC use case. Run with
 * `pnpm exec vitest bench --run src/assignment` from packages/eval. Matrices come from a seeded
 * local generator, and every run checks its result so the work cannot be optimised away.
 */
import { bench, describe } from 'vitest';
import { linearSumAssignment } from './linear-sum-assignment';

/** mulberry32: a tiny seeded 32-bit generator, enough for benchmark inputs. Returns [0, 1). */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniformCosts(rows: number, columns: number, seed: number): Float64Array {
  const next = seededUniform(seed);
  return Float64Array.from({ length: rows * columns }, next);
}

/**
 * `1 − |cos|` of a trained SAE against its ground truth, idealised: row i's planted column
 * `permutation[i]` costs 0.01–0.05, every other entry 0.9–1.0. Returns the planted optimum too.
 */
function plantedCosts(rows: number, columns: number, seed: number): { cost: Float32Array; optimum: number } {
  const next = seededUniform(seed);
  const cost = new Float32Array(rows * columns);
  for (let index = 0; index < cost.length; index++) cost[index] = 0.9 + 0.1 * next();
  const permutation = Int32Array.from({ length: columns }, (_, j) => j);
  for (let j = columns - 1; j > 0; j--) {
    const k = Math.floor(next() * (j + 1));
    [permutation[j], permutation[k]] = [permutation[k]!, permutation[j]!];
  }
  let optimum = 0;
  for (let i = 0; i < rows; i++) {
    cost[i * columns + permutation[i]!] = 0.01 + 0.04 * next();
    optimum += cost[i * columns + permutation[i]!]!;
  }
  return { cost, optimum };
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`assignment bench: ${what}`);
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe('linearSumAssignment, uniform random costs', () => {
  for (const size of [1024, 4096]) {
    const cost = uniformCosts(size, size, 20240601 + size);
    bench(`${size} × ${size}`, () => {
      const result = linearSumAssignment(cost, size, size);
      // The optimum of n × n uniform [0,1) costs tends to π²/6 ≈ 1.645 (Aldous 2001).
      check(result.rowIndices.length === size && result.totalCost > 1 && result.totalCost < 2.5, `total ${result.totalCost}`);
    }, size > 1024 ? once : { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
  }
});

/** `1 − |cos|` of unrelated random unit vectors in 512 dimensions: cos ≈ N(0, 1/512), float32. */
function narrowBandCosts(size: number, seed: number): Float32Array {
  const next = seededUniform(seed);
  const cost = new Float32Array(size * size);
  for (let index = 0; index < cost.length; index++) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    cost[index] = 1 - Math.abs(gaussian) / Math.sqrt(512);
  }
  return cost;
}

describe('linearSumAssignment, narrow-band random 1 − |cos|', () => {
  const size = 4096;
  const cost = narrowBandCosts(size, 11);
  bench(`${size} × ${size} (float32)`, () => {
    const result = linearSumAssignment(cost, size, size);
    check(result.rowIndices.length === size && result.totalCost > 0 && result.totalCost < size, `total ${result.totalCost}`);
  }, once);
});

describe('linearSumAssignment, planted near-diagonal 1 − |cos|', () => {
  const rows = 4096;
  const columns = 16384;
  const { cost, optimum } = plantedCosts(rows, columns, 7);
  bench(`${rows} × ${columns} (float32)`, () => {
    const result = linearSumAssignment(cost, rows, columns);
    check(Math.abs(result.totalCost - optimum) < 1e-6 * optimum, `total ${result.totalCost} vs planted ${optimum}`);
  }, { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
  const transposedCost = new Float32Array(cost.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) transposedCost[j * rows + i] = cost[i * columns + j]!;
  bench(`${columns} × ${rows} (float32, more rows than columns)`, () => {
    const result = linearSumAssignment(transposedCost, columns, rows);
    check(Math.abs(result.totalCost - optimum) < 1e-6 * optimum, `total ${result.totalCost} vs planted ${optimum}`);
  }, once);
});
