// MCC at the sizes of issue #3: a planted 4096-latent SAE against 16,384 true features in d = 768,
// and two random 4096 × 768 sets. Run: pnpm --filter @synth/eval exec vitest bench --run src/mcc.bench.ts
import { bench, describe } from 'vitest';
import { Rng, createBackend } from '@synth/core';
import { meanCorrelationCoefficient } from './mean-correlation-coefficient';

const backend = await createBackend('wasm');
const { tf } = backend;
const d = 768;

function gaussianRows(rng: Rng, rows: number): Float32Array {
  return rng.fillNormal(new Float32Array(rows * d));
}

// Planted: each latent is a distinct true feature plus noise of 1/4 its norm, in random order.
const rng = Rng.fromSeed(3).split('mcc-bench');
const trueData = gaussianRows(rng, 16_384);
const chosen = rng.sampleWithoutReplacement(16_384, 4096);
const noise = gaussianRows(rng, 4096);
const planted = Float32Array.from(noise, (v, k) => trueData[chosen[Math.floor(k / d)]! * d + (k % d)]! + 0.25 * v);
const trueFeatures = tf.tensor2d(trueData, [16_384, d]);
const sae = tf.tensor2d(planted, [4096, d]);
const randomA = tf.tensor2d(gaussianRows(rng, 4096), [4096, d]);
const randomB = tf.tensor2d(gaussianRows(rng, 4096), [4096, d]);

describe('meanCorrelationCoefficient (wasm)', () => {
  bench('planted 4096 × 16384 × 768', () => {
    const mcc = meanCorrelationCoefficient(backend, sae, trueFeatures);
    if (!(mcc > 0.95)) throw new Error(`planted MCC ${mcc} should be near 0.97`);
  }, { iterations: 2, time: 0 });

  bench('random 4096 × 4096 × 768', () => {
    const mcc = meanCorrelationCoefficient(backend, randomA, randomB);
    if (!(mcc > 0 && mcc < 0.5)) throw new Error(`random MCC ${mcc} out of range`);
  }, { iterations: 2, time: 0 });
});
