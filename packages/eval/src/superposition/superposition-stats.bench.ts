// Superposition stats at SPEC scale: 16,384 random features in d = 768, on wasm (the default batchSize
// 1024 and percentiles [95, 99]), a 4096-feature run, the same 16,384 run with no percentiles (the
// backend's share), and the host's per-row percentile step by selection against a full sort.
// Run: cd packages/eval && pnpm exec vitest bench --run src/superposition
import { bench, describe } from 'vitest';
import { Rng, createBackend } from '@synth/core';
import { neededRanks, quantilePosition, selectRanks } from './quantile-selection';
import { computeSuperpositionStats } from './superposition-stats';

const backend = await createBackend('wasm');
const { tf } = backend;
const d = 768;

function gaussianFeatures(seed: number, rows: number) {
  return tf.tensor2d(Rng.fromSeed(seed).fillNormal(new Float32Array(rows * d)), [rows, d]);
}

const large = gaussianFeatures(1, 16_384);
const small = gaussianFeatures(2, 4096);

/** For random unit vectors in d = 768, |cos| has sd 1/sqrt(768) ≈ 0.036: the mean |cos| is sqrt(2/π)·0.036 ≈ 0.029. */
function check(stats: Awaited<ReturnType<typeof computeSuperpositionStats>>): void {
  const p95 = stats.meanPercentileAbsCosSim.get(95)!;
  if (!(Math.abs(stats.meanAbsCosSim - 0.0288) < 0.002 && p95 > 0.06 && p95 < 0.08 && stats.meanMaxAbsCosSim > p95)) {
    throw new Error(`unexpected stats: mean ${stats.meanAbsCosSim}, p95 ${p95}, max ${stats.meanMaxAbsCosSim}`);
  }
}

describe('computeSuperpositionStats (wasm)', () => {
  bench('16384 × 768, percentiles [95, 99]', async () => {
    check(await computeSuperpositionStats(backend, large));
  }, { iterations: 1, time: 0, warmupIterations: 0 });

  bench('16384 × 768, no percentiles (max and mean only)', async () => {
    const stats = await computeSuperpositionStats(backend, large, { percentiles: [] });
    if (!(Math.abs(stats.meanAbsCosSim - 0.0288) < 0.002)) throw new Error(`unexpected mean |cos| ${stats.meanAbsCosSim}`);
  }, { iterations: 1, time: 0, warmupIterations: 0 });

  bench('4096 × 768, percentiles [95, 99]', async () => {
    check(await computeSuperpositionStats(backend, small));
  }, { iterations: 2, time: 0, warmupIterations: 0 });
});

// The host step per feature: the 95th and 99th percentiles of 16,383 |cos| values, over 1024 rows
// (one block). SAELens's torch.quantile sorts each row; synth selects.
const rows = 1024;
const m = 16_383;
const absCos = Rng.fromSeed(4).fillNormal(new Float32Array(rows * m)).map((v) => Math.abs(v) / Math.sqrt(d));
const scratch = new Float32Array(m);
const positions = [quantilePosition(0.95, m), quantilePosition(0.99, m)];
const ranks = neededRanks(positions);

describe('per-row percentiles [95, 99] of 16,383 values, 1024 rows', () => {
  bench('selection (selectRanks)', () => {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      scratch.set(absCos.subarray(r * m, (r + 1) * m));
      selectRanks(scratch, ranks);
      total += scratch[ranks[0]!]!;
    }
    if (!(total / rows > 0.06 && total / rows < 0.08)) throw new Error(`unexpected 95th percentile ${total / rows}`);
  }, { iterations: 3, time: 0 });

  bench('full sort (Float32Array.prototype.sort)', () => {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      scratch.set(absCos.subarray(r * m, (r + 1) * m));
      scratch.sort();
      total += scratch[ranks[0]!]!;
    }
    if (!(total / rows > 0.06 && total / rows < 0.08)) throw new Error(`unexpected 95th percentile ${total / rows}`);
  }, { iterations: 3, time: 0 });
});
