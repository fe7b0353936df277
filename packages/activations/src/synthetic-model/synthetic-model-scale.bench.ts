// SyntheticModel at scale: 2^20 features in d = 1024 (the feature vectors alone are 2^30 floats,
// 4 GiB), low-rank correlation rank 100, a 1000 × 1000 mutually exclusive hierarchy (1000 roots,
// branching 1000, depth 1: 1,001,000 features in trees), no orthogonalization, no bias; one
// batch of 2500 rows, sparse features. Nothing here forms an F × F matrix: the largest objects
// are F × d (the dictionary) and F × rank (the correlation factor).
//
// Full size (≈ 2–3 min on 2 cores, most of it building the model; the cpu backend, since wasm32
// memory stops at 4 GiB):
//   cd packages/activations && SYNTH_SCALE_FEATURES=1048576 /usr/bin/time -v \
//     pnpm exec vitest bench --run src/synthetic-model/synthetic-model-scale.bench.ts
// Without the variable it runs at 2^16 features, so `pnpm bench` stays quick. SYNTH_SCALE_BATCH
// changes the batch (default 2500).
//
// Recorded (2-core shared container, cpu backend, Node 20, 2^20 features; peak RSS is
// process.resourceUsage().maxRSS, which /usr/bin/time -v agrees with):
//   before (load ≈ 7): create 177 s, sample(2500) 2495 s wall, 64.4 firings/row, peak RSS
//     12.59 GiB. FeatureDictionary.create held the 4 GiB of draws, the tensor made from them and
//     the normalised copy at once; the copula ran O(batch · F · rank) = 2.6e11 multiply-adds on
//     tfjs-cpu (~0.8 GFLOPS) plus 2.6e9 host normals.
//   after (two runs, load ≈ 5–7 / 8–9): create 66.2 / 98.6 s, sample(2500) 17.2 / 24.9 s, 64.4
//     firings/row (the same firing: the host copula reproduces tfjs-cpu bit for bit), peak RSS
//     4.98 / 4.99 GiB (the dictionary, 4 GiB, is the one F × d copy). Create is mostly drawing the
//     dictionary's 2^30 normals (fillNormal); sampling is core's WebAssembly low-rank scan
//     (≈ 50 %), its Philox filter (≈ 20 %), then the hierarchy and the sparse forward. Batch 250:
//     sample 1.6 s (SAELens 6.35: 7.1 s; at 2500 it cannot allocate its 10.5 GB temporaries
//     under the bench's 16 GiB cap).
//   At 2^16: create 13.0 → 2.0–4.3 s, sample 91.8 → 1.1 s, peak RSS 0.89 → 0.45 GiB.
import { bench, describe } from 'vitest';
import { createBackend } from '@synth/core';
import { ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import { buildCorrelation, buildFeatureDictionary, buildHierarchy } from './build-parts';
import { SyntheticModel } from './synthetic-model';

const numFeatures = Number(process.env.SYNTH_SCALE_FEATURES ?? 2 ** 16);
const hiddenDim = 1024;
const batchSize = Number(process.env.SYNTH_SCALE_BATCH ?? 2500);
/** 1000 × 1000 trees at full size; √F × √F trees below it so the same shape scales down. */
const side = Math.min(1000, Math.floor(Math.sqrt(numFeatures - Math.sqrt(numFeatures))));
const gib = (bytes: number): string => (bytes / 2 ** 30).toFixed(2);
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

const config = new SyntheticModelConfig({
  numFeatures,
  hiddenDim,
  firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
  hierarchy: new HierarchyConfig({ totalRootNodes: side, branchingFactor: side, maxDepth: 1, mutuallyExclusivePortion: 1 }),
  correlation: new LowRankCorrelationConfig({ rank: 100, correlationScale: 0.1 }),
  orthogonalization: null,
  bias: false,
  seed: 1,
});

describe(`SyntheticModel F=${numFeatures}, d=${hiddenDim}, rank 100, ${side}×${side} ME hierarchy, batch ${batchSize}`, async () => {
  const backend = await createBackend('cpu');
  // The parts are built one by one (then handed to create) to see each one's time and peak.
  const phases: string[] = [];
  let started = performance.now();
  const phase = <T>(name: string, build: () => T): T => {
    const begun = performance.now();
    const result = build();
    phases.push(`${name} ${((performance.now() - begun) / 1000).toFixed(1)} s (peak so far ${gib(peakRss())} GiB)`);
    return result;
  };
  const hierarchy = phase('hierarchy', () => buildHierarchy(config)!);
  const correlation = phase('correlation', () => buildCorrelation(config, () => {}))!;
  const featureDictionary = await phase('dictionary', () => buildFeatureDictionary(config, backend));
  phases[phases.length - 1] = `dictionary ${((performance.now() - started) / 1000).toFixed(1)} s since start (peak so far ${gib(peakRss())} GiB)`;
  const model = await SyntheticModel.create(config, { backend, onWarning: () => {}, hierarchy, correlation, featureDictionary });
  phases.push(`rest of create (probabilities, magnitudes, generator) → peak ${gib(peakRss())} GiB`);
  const createSeconds = (performance.now() - started) / 1000;
  model.useSparseTensors = true;
  const expectedPerRow = model.firingProbabilities.reduce((sum, p) => sum + p, 0);

  bench(`sampleWithFeaturesAsync(${batchSize})`, async () => {
    started = performance.now();
    const { hidden, features } = await model.sampleWithFeaturesAsync(batchSize);
    const sampleSeconds = (performance.now() - started) / 1000;
    // Guards the work: right shape, and a firing count no larger than the marginals allow
    // (mutual exclusion and the hierarchy only remove firings).
    const stored = 'values' in features ? features.values.length : -1;
    if (hidden.shape[0] !== batchSize || hidden.shape[1] !== hiddenDim || !(stored > 0 && stored <= 1.2 * expectedPerRow * batchSize)) {
      throw new Error(`unexpected batch: ${String(hidden.shape)}, ${stored} firings`);
    }
    hidden.dispose();
    console.log(
      `F=${numFeatures}: create ${createSeconds.toFixed(1)} s, sample ${sampleSeconds.toFixed(1)} s, ` +
        `${(stored / batchSize).toFixed(1)} firings/row (independent marginals: ${expectedPerRow.toFixed(1)}), ` +
        `peak RSS ${gib(peakRss())} GiB, heap ${gib(process.memoryUsage().heapUsed)} GiB, ` +
        `array buffers ${gib(process.memoryUsage().arrayBuffers)} GiB\n  ${phases.join('\n  ')}`,
    );
  }, { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 });
});
