// synth's side of the side-by-side workloads (the SAELens side is bench/peer/sae_lens_bench.py;
// the two must stay in step: same sizes, same parameters, same timed region).
//
// A workload is { goal, backend, sizes: { full, smoke }, setup(synth, backend, size) }, where
// setup builds everything untimed and returns { run, dispose }: `run()` does the timed work once
// and returns metrics it has checked, so the work cannot be optimised away or silently break
// (a `timedSeconds` metric replaces the outer timer when only part of `run` is the workload).

/** Hidden activations must come back with the right shape and finite, non-trivial values. */
async function checkHidden(tensor, rows, columns) {
  const [r, c] = tensor.shape;
  const data = await tensor.data();
  tensor.dispose();
  let sumSquares = 0;
  for (let i = 0; i < data.length; i += 97) sumSquares += data[i] * data[i];
  if (r !== rows || c !== columns || !Number.isFinite(sumSquares) || !(sumSquares > 0)) {
    throw new Error(`unexpected hidden activations: shape ${r}×${c} (want ${rows}×${columns}), Σx² sample ${sumSquares}`);
  }
  return sumSquares;
}

/** Options of the SynthSAEBench-16k preset, scaled down for the smoke run. */
function gen16kConfig(synth, size) {
  const a = synth.activations;
  return new a.SyntheticModelConfig({
    numFeatures: size.numFeatures,
    hiddenDim: size.hiddenDim,
    firingProbability: new a.ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
    hierarchy: new a.HierarchyConfig({
      totalRootNodes: size.roots,
      branchingFactor: 4,
      maxDepth: 3,
      mutuallyExclusivePortion: 1,
      compensateProbabilities: true,
    }),
    correlation: new a.LowRankCorrelationConfig({ rank: 25, correlationScale: 0.1 }),
    // The preset orthogonalizes (100 steps); that is setup, not sampling, and has its own workload.
    orthogonalization: null,
    meanFiringMagnitudes: new a.LinearMagnitudeConfig({ start: 5, end: 4 }),
    stdFiringMagnitudes: new a.FoldedNormalMagnitudeConfig({ mean: 0.5, std: 0.5 }),
    bias: 0.5,
    seed: 42,
  });
}

/** The docs' basic workflow data: 16 unit vectors in 32 dims, p = 0.25, magnitude N(1, 0.05²). */
function toyWorkflow(synth, backend) {
  const { Rng, sparseMatmul } = synth.core;
  const numFeatures = 16;
  const hiddenDim = 32;
  const data = Rng.fromSeed(1).split('feature-vectors').fillNormal(new Float32Array(numFeatures * hiddenDim));
  for (let r = 0; r < numFeatures; r++) {
    let sum = 0;
    for (let c = 0; c < hiddenDim; c++) sum += data[r * hiddenDim + c] ** 2;
    for (let c = 0; c < hiddenDim; c++) data[r * hiddenDim + c] /= Math.sqrt(sum);
  }
  backend.activate();
  const featureVectors = backend.tf.tensor2d(data, [numFeatures, hiddenDim]);
  const featureMap = {
    featureVectors,
    forward: (acts) => ('rowOffsets' in acts ? sparseMatmul(backend, acts, featureVectors) : backend.tidy(() => backend.tf.matMul(acts, featureVectors))),
    dispose: () => featureVectors.dispose(),
  };
  const options = { numFeatures, firingProbabilities: 0.25, stdFiringMagnitudes: 0.05, meanFiringMagnitudes: 1, backend };
  const { ActivationGenerator } = synth.activations;
  return { featureMap, generator: new ActivationGenerator({ ...options, seed: 2 }), evalGenerator: new ActivationGenerator({ ...options, seed: 3 }) };
}

/** Rows of Gaussian noise, float32. */
function gaussianRows(rng, rows, d) {
  return rng.fillNormal(new Float32Array(rows * d));
}

export const WORKLOADS = {
  'gen-16k': {
    goal: { ratio: 0.33 },
    backend: 'wasm',
    what: 'SynthSAEBench-16k (no orthogonalization), sample hidden activations',
    sizes: {
      // sparse = 1 samples the features as sparse rows (`useSparseTensors`) on both sides.
      full: { numFeatures: 16_384, hiddenDim: 768, roots: 128, batch: 1024, sparse: 0 },
      smoke: { numFeatures: 1024, hiddenDim: 64, roots: 8, batch: 64, sparse: 0 },
    },
    async setup(synth, backend, size) {
      const model = await synth.activations.SyntheticModel.create(gen16kConfig(synth, size), { backend, onWarning: () => {} });
      model.useSparseTensors = size.sparse === 1;
      return {
        run: async () => ({ sumSquaresSample: await checkHidden(await model.sampleAsync(size.batch), size.batch, size.hiddenDim) }),
        dispose: () => model.dispose(),
      };
    },
  },

  'gen-1m': {
    goal: { ratio: 1.0, peakRssGiB: 8 },
    // wasm32 memory stops at 4 GiB and the 2^20 × 1024 dictionary alone is 4 GiB.
    backend: 'cpu',
    what: '2^20 features, d 1024, low-rank rank 100, 1000×1000 ME hierarchy, sparse, sample hidden',
    sizes: {
      full: { numFeatures: 2 ** 20, hiddenDim: 1024, side: 1000, batch: 2500 },
      smoke: { numFeatures: 4096, hiddenDim: 32, side: 60, batch: 50 },
    },
    async setup(synth, backend, size) {
      const a = synth.activations;
      const config = new a.SyntheticModelConfig({
        numFeatures: size.numFeatures,
        hiddenDim: size.hiddenDim,
        firingProbability: new a.ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
        hierarchy: new a.HierarchyConfig({ totalRootNodes: size.side, branchingFactor: size.side, maxDepth: 1, mutuallyExclusivePortion: 1 }),
        correlation: new a.LowRankCorrelationConfig({ rank: 100, correlationScale: 0.1 }),
        orthogonalization: null,
        bias: false,
        seed: 1,
      });
      const model = await a.SyntheticModel.create(config, { backend, onWarning: () => {} });
      model.useSparseTensors = true;
      return {
        run: async () => ({ sumSquaresSample: await checkHidden(await model.sampleAsync(size.batch), size.batch, size.hiddenDim) }),
        dispose: () => model.dispose(),
      };
    },
  },

  'toy-train': {
    goal: { ratio: 0.33, mccTolerance: 0.01 },
    backend: 'wasm',
    what: "docs' basic workflow: 16 features, 32 dims, standard SAE, trainToySae, then MCC",
    sizes: {
      full: { samples: 10_000_000, batch: 1024, evalSamples: 100_000 },
      smoke: { samples: 20_480, batch: 1024, evalSamples: 4096 },
    },
    async setup(synth, backend, size) {
      return {
        run: async () => {
          const { featureMap, generator, evalGenerator } = toyWorkflow(synth, backend);
          const sae = new synth.sae.StandardTrainingSAE(backend, { dIn: 32, dSae: 16, l1Coefficient: 5e-2, seed: 3 });
          try {
            const started = performance.now();
            await synth.sae.trainToySae(backend, sae, featureMap, generator, { trainingSamples: size.samples, batchSize: size.batch });
            // Only training is timed, as on the SAELens side; the evaluation below checks it.
            const timedSeconds = (performance.now() - started) / 1000;
            const result = await synth.eval.evalSaeOnSyntheticData(backend, sae, featureMap, { sample: (b) => evalGenerator.sampleSparse(b) }, { numSamples: size.evalSamples });
            if (!(result.mcc > 0 && result.mcc <= 1)) throw new Error(`MCC ${result.mcc}`);
            return { timedSeconds, mcc: result.mcc, saeL0: result.saeL0, trueL0: result.trueL0 };
          } finally {
            sae.dispose();
            featureMap.dispose();
          }
        },
        dispose: () => {},
      };
    },
  },

  'mcc-planted': {
    goal: { ratio: 1.0 },
    backend: 'wasm',
    what: 'meanCorrelationCoefficient: 4096 latents = planted true features + ¼ noise, vs 16384 true, d 768',
    sizes: { full: { latents: 4096, features: 16_384, d: 768 }, smoke: { latents: 64, features: 256, d: 32 } },
    async setup(synth, backend, size) {
      const { Rng } = synth.core;
      const { latents, features, d } = size;
      const rng = Rng.fromSeed(3).split('mcc-bench');
      const trueData = gaussianRows(rng, features, d);
      const chosen = rng.sampleWithoutReplacement(features, latents);
      const noise = gaussianRows(rng, latents, d);
      const planted = Float32Array.from(noise, (v, k) => trueData[chosen[Math.floor(k / d)] * d + (k % d)] + 0.25 * v);
      backend.activate();
      const trueFeatures = backend.tf.tensor2d(trueData, [features, d]);
      const sae = backend.tf.tensor2d(planted, [latents, d]);
      return {
        run: async () => {
          const mcc = synth.eval.meanCorrelationCoefficient(backend, sae, trueFeatures);
          // Each latent's own feature has |cos| = 1/√(1 + 1/16) ≈ 0.970.
          if (!(mcc > 0.95 && mcc < 0.99)) throw new Error(`planted MCC ${mcc} should be near 0.97`);
          return { mcc };
        },
        dispose: () => { trueFeatures.dispose(); sae.dispose(); },
      };
    },
  },

  'mcc-random': {
    goal: { ratio: 1.0 },
    backend: 'wasm',
    what: 'meanCorrelationCoefficient: two random 16384 × 768 sets (a 16384² assignment)',
    sizes: { full: { rows: 16_384, d: 768 }, smoke: { rows: 256, d: 32 } },
    async setup(synth, backend, size) {
      const rng = synth.core.Rng.fromSeed(4).split('mcc-random');
      backend.activate();
      const a = backend.tf.tensor2d(gaussianRows(rng, size.rows, size.d), [size.rows, size.d]);
      const b = backend.tf.tensor2d(gaussianRows(rng, size.rows, size.d), [size.rows, size.d]);
      return {
        run: async () => {
          const mcc = synth.eval.meanCorrelationCoefficient(backend, a, b);
          if (!(mcc > 0 && mcc < 0.5)) throw new Error(`random MCC ${mcc} out of range`);
          return { mcc };
        },
        dispose: () => { a.dispose(); b.dispose(); },
      };
    },
  },

  orthogonalize: {
    goal: { ratio: 2.0 },
    backend: 'wasm',
    what: 'orthogonalizeEmbeddings 16384 × 768, lr 3e-4, chunk 1024',
    sizes: { full: { rows: 16_384, d: 768, steps: 100, chunk: 1024 }, smoke: { rows: 256, d: 32, steps: 2, chunk: 64 } },
    async setup(synth, backend, size) {
      const data = gaussianRows(synth.core.Rng.fromSeed(5).split('orthogonalize'), size.rows, size.d);
      return {
        run: async () => {
          const out = await synth.dictionary.orthogonalizeEmbeddings(data, {
            backend, shape: [size.rows, size.d], numSteps: size.steps, lr: 3e-4, chunkSize: size.chunk,
          });
          const values = await out.data();
          out.dispose();
          if (!Number.isFinite(values[values.length - 1])) throw new Error('non-finite embeddings');
          return { steps: size.steps };
        },
        dispose: () => {},
      };
    },
  },

  'train-16k': {
    goal: { ratio: 1.0 },
    backend: 'wasm',
    what: 'BatchTopK d_sae 4096, k 25, batch 1024, SAETrainer steps on pre-generated gen-16k batches',
    sizes: {
      full: { numFeatures: 16_384, hiddenDim: 768, roots: 128, batch: 1024, dSae: 4096, k: 25, steps: 20, pool: 4 },
      smoke: { numFeatures: 1024, hiddenDim: 64, roots: 8, batch: 64, dSae: 128, k: 8, steps: 3, pool: 2 },
    },
    throughput: (size) => size.steps * size.batch,
    async setup(synth, backend, size) {
      const model = await synth.activations.SyntheticModel.create(gen16kConfig(synth, size), { backend, onWarning: () => {} });
      const pool = [];
      for (let i = 0; i < size.pool; i++) pool.push(await model.sampleAsync(size.batch));
      model.dispose();
      return {
        run: async () => {
          const sae = new synth.sae.BatchTopKTrainingSAE(backend, { dIn: size.hiddenDim, dSae: size.dSae, k: size.k, seed: 1 });
          let served = 0;
          // The trainer disposes each batch it is given; a clone shares the pooled data.
          const data = { next: () => ({ done: false, value: backend.tf.clone(pool[served++ % pool.length]) }) };
          const trainer = new synth.sae.SAETrainer(backend, sae, data, {
            totalTrainingSamples: size.steps * size.batch,
            trainBatchSizeSamples: size.batch,
            lr: 3e-4,
          });
          try {
            await trainer.fit();
          } finally {
            trainer.dispose();
            sae.dispose();
          }
          if (served < size.steps) throw new Error(`trainer took ${served} batches, expected ${size.steps}`);
          return { steps: size.steps };
        },
        dispose: () => { for (const t of pool) t.dispose(); },
      };
    },
  },

  'copula-dense': {
    goal: { ratio: 1.0 },
    backend: 'wasm',
    what: 'ActivationGenerator with a dense random correlation matrix (F 1024, p 0.05), sample(4096) dense',
    sizes: { full: { numFeatures: 1024, batch: 4096 }, smoke: { numFeatures: 64, batch: 128 } },
    async setup(synth, backend, size) {
      const correlationMatrix = synth.correlation.generateRandomCorrelationMatrix(size.numFeatures, {
        seed: 1, minCorrelationStrength: 0.01, maxCorrelationStrength: 0.05,
      });
      const generator = new synth.activations.ActivationGenerator({
        numFeatures: size.numFeatures, firingProbabilities: 0.05, correlationMatrix, backend, seed: 6,
      });
      return {
        run: async () => {
          const acts = await generator.sampleDenseAsync(size.batch);
          const values = await acts.data();
          acts.dispose();
          let fired = 0;
          for (const v of values) if (v > 0) fired++;
          const rate = fired / values.length;
          if (!(Math.abs(rate - 0.05) < 0.01 + 5 / Math.sqrt(values.length))) throw new Error(`firing rate ${rate}, expected 0.05`);
          return { firingRate: rate };
        },
        dispose: () => generator.dispose(),
      };
    },
  },
};
