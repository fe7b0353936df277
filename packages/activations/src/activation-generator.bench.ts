// ActivationGenerator without correlation: F = 16,384 features with zipf-like probabilities
// (max 0.4, min 5e-4), batches of 1024, sparse and dense output. Baseline in the same run: a dense
// Bernoulli mask over every (row, feature) entry with Rng.fillBernoulli (the O(batch × F) way).
// Run: cd packages/activations && pnpm exec vitest bench --run src/activation-generator.bench.ts
import { bench, describe } from 'vitest';
import { Rng, createBackend } from '@synth/core';
import { ActivationGenerator } from './activation-generator';

const numFeatures = 16_384;
const batchSize = 1024;
const [max, min] = [0.4, 5e-4];
const tail = numFeatures ** -0.5;
/** p_i = min + (max − min)·(i^(−1/2) − n^(−1/2))/(1 − n^(−1/2)), i = 1 … n: p_1 = max, p_n = min. */
const firingProbabilities = Float64Array.from({ length: numFeatures }, (_, i) => min + ((max - min) * ((i + 1) ** -0.5 - tail)) / (1 - tail));
const expectedPerBatch = batchSize * firingProbabilities.reduce((a, b) => a + b, 0);

const backends = [await createBackend('wasm'), await createBackend('cpu')];
const options = { numFeatures, firingProbabilities, stdFiringMagnitudes: 0.1, meanFiringMagnitudes: 1, seed: 1 } as const;

/** Guards against work being skipped: the stored entries must be near their expectation (±10 %). */
function check(stored: number): void {
  if (!(Math.abs(stored - expectedPerBatch) < 0.1 * expectedPerBatch)) throw new Error(`unexpected firing count ${stored}`);
}

describe(`ActivationGenerator F=${numFeatures}, batch ${batchSize}, zipf p (≈${Math.round(expectedPerBatch / batchSize)} firings per row)`, () => {
  const sparse = new ActivationGenerator(options);
  bench('sampleSparse', () => {
    check(sparse.sampleSparse(batchSize).values.length);
  }, { time: 2000 });

  for (const backend of backends) {
    const dense = new ActivationGenerator({ ...options, backend });
    bench(`sampleDense (${backend.name})`, () => {
      // tfjs creates tensors eagerly, so the work cannot be skipped; the shape is the guard here
      // (counting the positives on the backend would add a full pass to the figure).
      const tensor = dense.sampleDense(batchSize);
      const [rows, columns] = tensor.shape;
      tensor.dispose();
      if (rows !== batchSize || columns !== numFeatures) throw new Error('unexpected shape');
    }, { time: 2000 });
  }

  const rng = Rng.fromSeed(2);
  const mask = new Uint8Array(batchSize * numFeatures);
  bench('baseline: dense Bernoulli mask (fillBernoulli, batch × F words)', () => {
    rng.fillBernoulli(mask, firingProbabilities, batchSize);
    let stored = 0;
    for (let k = 0; k < mask.length; k++) stored += mask[k]!;
    check(stored);
  }, { time: 2000 });
});

describe(`ActivationGenerator F=${numFeatures}, batch ${batchSize}, zipf p, low-rank correlation rank 25 (scale 0.1)`, async () => {
  const { generateRandomLowRankCorrelationMatrix } = await import('@synth/correlation');
  const correlationMatrix = generateRandomLowRankCorrelationMatrix(numFeatures, 25, 0.1, { seed: 3 });
  const backend = backends[0]!;
  const correlated = new ActivationGenerator({ ...options, correlationMatrix, backend });
  bench('sampleSparseAsync (wasm copula)', async () => {
    check((await correlated.sampleSparseAsync(batchSize)).values.length);
  }, { iterations: 5, time: 0 });
});
