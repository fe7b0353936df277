import { Rng, createBackend, listAvailableBackends } from '@synth/core';
import type { BackendRequest } from '@synth/core';

/** Options of the `demo` command. */
export interface DemoOptions {
  readonly backend: BackendRequest;
  readonly seed: number;
  readonly json: boolean;
}

/**
 * A small seeded sample on the chosen backend: firing patterns of 8 features with decreasing
 * probabilities over 6 samples, and their mean firing rate over 100k samples computed with tensors.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const available = await listAvailableBackends();
  const backend = await createBackend(options.backend);
  const features = 8;
  const probabilities = Float64Array.from({ length: features }, (_, i) => 0.5 / (i + 1));
  const rng = Rng.fromSeed(options.seed).split('demo');
  const preview = new Uint8Array(6 * features);
  rng.fillBernoulli(preview, probabilities, 6);
  const samples = 100_000;
  const firing = new Uint8Array(samples * features);
  rng.fillBernoulli(firing, probabilities, samples);
  const { tf } = backend;
  const rates = backend.tidy(() => tf.mean(tf.tensor2d(Float32Array.from(firing), [samples, features]), 0));
  const measured = Array.from(await rates.data());
  rates.dispose();
  const result = {
    backend: backend.name,
    available,
    seed: options.seed,
    firingProbabilities: Array.from(probabilities),
    measuredRates: measured,
    preview: Array.from({ length: 6 }, (_, r) => Array.from(preview.subarray(r * features, (r + 1) * features))),
  };
  if (options.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`synth demo — backend ${result.backend} (available here: ${available.join(', ')}), seed ${options.seed}`);
  console.log(`\nFiring pattern of ${features} features (p = 0.5/rank) over 6 samples:`);
  for (const row of result.preview) console.log(`  ${row.map((v) => (v === 1 ? '█' : '·')).join(' ')}`);
  console.log(`\nFiring rate over ${samples.toLocaleString('en-US')} samples (target → measured):`);
  probabilities.forEach((p, i) => console.log(`  feature ${i}: ${p.toFixed(4)} → ${measured[i]!.toFixed(4)}`));
}
