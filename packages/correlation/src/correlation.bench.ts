// Copula firing sampler: dense F = 1024 × batch 4096, low-rank F = 16,384 rank 25 × batch 1024,
// on wasm and cpu, beside the cost of drawing the normals alone (host Philox + Box–Muller).
// Run: pnpm --filter @synth/correlation exec vitest bench --run src/correlation.bench.ts
import { Rng, createBackend } from '@synth/core';
import type { Backend } from '@synth/core';
import { bench, describe } from 'vitest';
import { createCopulaSampler } from './copula-sampler';
import { generateRandomCorrelationMatrix } from './generate-random-correlation-matrix';
import { generateRandomLowRankCorrelationMatrix } from './generate-random-low-rank-correlation-matrix';

const backends: Backend[] = [await createBackend('wasm'), await createBackend('cpu')];
const rng = Rng.fromSeed(1);
const dense = generateRandomCorrelationMatrix(1024, { seed: 1, minCorrelationStrength: 0.01, maxCorrelationStrength: 0.05 });
const lowRank = generateRandomLowRankCorrelationMatrix(16_384, 25, 0.075, { seed: 1 });

/** Checks the result so the work cannot be optimised away: about p of the entries fired. */
function check(fired: number, total: number, p: number): void {
  const rate = fired / total;
  if (!(Math.abs(rate - p) < 0.01)) throw new Error(`firing rate ${rate} is far from ${p}`);
}

const cases = [
  { name: 'dense F=1024 batch 4096', correlation: dense, rows: 4096, features: 1024 },
  { name: 'low-rank F=16384 rank 25 batch 1024', correlation: lowRank, rows: 1024, features: 16_384 },
] as const;

for (const { name, correlation, rows, features } of cases) {
  describe(`copula ${name}`, () => {
    for (const backend of backends) {
      const sampler = createCopulaSampler(correlation, 0.05, { backend });
      let row = 0;
      bench(backend.name, async () => {
        const pattern = await sampler.sampleFiring(rng, row, rows);
        row += rows;
        check(pattern.columnIndices.length, rows * features, 0.05);
      }, { iterations: 5, time: 0 });
    }
    const words = rows * (features + (correlation === lowRank ? 25 : 0));
    bench('normals only (host)', () => {
      const normals = rng.split('copula').fillNormal(new Float32Array(words));
      if (!Number.isFinite(normals[words - 1])) throw new Error('non-finite normal');
    }, { iterations: 5, time: 0 });
  });
}
