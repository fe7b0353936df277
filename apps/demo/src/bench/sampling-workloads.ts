/**
 * Workloads that sample activations: gen-16k (the SynthSAEBench-16k model), gen-1m (2²⁰
 * features) and copula-dense (a dense Gaussian copula).
 */
import {
  ActivationGenerator,
  FoldedNormalMagnitudeConfig,
  HierarchyConfig,
  LinearMagnitudeConfig,
  LowRankCorrelationConfig,
  SyntheticModel,
  SyntheticModelConfig,
  ZipfianFiringProbabilityConfig,
} from '@synth/activations';
import { generateRandomCorrelationMatrix } from '@synth/correlation';
import { checkHidden, defineWorkload } from './workload';

/** Sizes of the SynthSAEBench-16k-shaped model (scaled down for the smoke run). */
export type Gen16kSize = { readonly numFeatures: number; readonly hiddenDim: number; readonly roots: number; readonly batch: number };

/** The SynthSAEBench-16k preset's options at `size`, without its orthogonalization (setup, timed by `orthogonalize`). */
export function gen16kConfig(size: Gen16kSize): SyntheticModelConfig {
  return new SyntheticModelConfig({
    numFeatures: size.numFeatures,
    hiddenDim: size.hiddenDim,
    firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
    hierarchy: new HierarchyConfig({ totalRootNodes: size.roots, branchingFactor: 4, maxDepth: 3, mutuallyExclusivePortion: 1, compensateProbabilities: true }),
    correlation: new LowRankCorrelationConfig({ rank: 25, correlationScale: 0.1 }),
    orthogonalization: null,
    meanFiringMagnitudes: new LinearMagnitudeConfig({ start: 5, end: 4 }),
    stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.5, std: 0.5 }),
    bias: 0.5,
    seed: 42,
  });
}

export const gen16k = defineWorkload<Gen16kSize & { sparse: number }>({
  goal: { ratio: 0.33 },
  plan: { repeats: 5, warmup: 1, rounds: 3 },
  backend: 'wasm',
  what: 'SynthSAEBench-16k (no orthogonalization), sample hidden activations',
  sizes: {
    // sparse = 1 samples the features as sparse rows (`useSparseTensors`) on both sides.
    full: { numFeatures: 16_384, hiddenDim: 768, roots: 128, batch: 1024, sparse: 0 },
    smoke: { numFeatures: 1024, hiddenDim: 64, roots: 8, batch: 64, sparse: 0 },
  },
  async setup(backend, size) {
    const model = await SyntheticModel.create(gen16kConfig(size), { backend, onWarning: () => {} });
    model.useSparseTensors = size.sparse === 1;
    return {
      run: async () => ({ sumSquaresSample: await checkHidden(await model.sampleAsync(size.batch), size.batch, size.hiddenDim) }),
      dispose: () => model.dispose(),
    };
  },
});

export const gen1m = defineWorkload<{ numFeatures: number; hiddenDim: number; side: number; batch: number }>({
  goal: { ratio: 1.0, peakRssGiB: 8 },
  plan: { repeats: 1, warmup: 0, rounds: 1 },
  // wasm32 memory stops at 4 GiB and the 2^20 × 1024 dictionary alone is 4 GiB.
  backend: 'cpu',
  what: '2^20 features, d 1024, low-rank rank 100, 1000×1000 ME hierarchy, sparse, sample hidden',
  sizes: {
    full: { numFeatures: 2 ** 20, hiddenDim: 1024, side: 1000, batch: 2500 },
    smoke: { numFeatures: 4096, hiddenDim: 32, side: 60, batch: 50 },
  },
  async setup(backend, size) {
    const config = new SyntheticModelConfig({
      numFeatures: size.numFeatures,
      hiddenDim: size.hiddenDim,
      firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
      hierarchy: new HierarchyConfig({ totalRootNodes: size.side, branchingFactor: size.side, maxDepth: 1, mutuallyExclusivePortion: 1 }),
      correlation: new LowRankCorrelationConfig({ rank: 100, correlationScale: 0.1 }),
      orthogonalization: null,
      bias: false,
      seed: 1,
    });
    const model = await SyntheticModel.create(config, { backend, onWarning: () => {} });
    model.useSparseTensors = true;
    return {
      run: async () => ({ sumSquaresSample: await checkHidden(await model.sampleAsync(size.batch), size.batch, size.hiddenDim) }),
      dispose: () => model.dispose(),
    };
  },
});

export const copulaDense = defineWorkload<{ numFeatures: number; batch: number }>({
  goal: { ratio: 1.0 },
  plan: { repeats: 5, warmup: 1, rounds: 3 },
  backend: 'wasm',
  what: 'ActivationGenerator with a dense random correlation matrix (F 1024, p 0.05), sample(4096) dense',
  sizes: { full: { numFeatures: 1024, batch: 4096 }, smoke: { numFeatures: 64, batch: 128 } },
  setup(backend, size) {
    const correlationMatrix = generateRandomCorrelationMatrix(size.numFeatures, { seed: 1, minCorrelationStrength: 0.01, maxCorrelationStrength: 0.05 });
    const generator = new ActivationGenerator({ numFeatures: size.numFeatures, firingProbabilities: 0.05, correlationMatrix, backend, seed: 6 });
    return Promise.resolve({
      run: async () => {
        const acts = await generator.sampleDenseAsync(size.batch);
        const values = await acts.data();
        acts.dispose();
        let fired = 0;
        for (const v of values) if (v > 0) fired++;
        const rate = fired / values.length;
        // The copula keeps each marginal at p = 0.05; allow 0.01 plus 5 binomial standard errors (≤ √n / n).
        if (!(Math.abs(rate - 0.05) < 0.01 + 5 / Math.sqrt(values.length))) throw new Error(`firing rate ${rate}, expected 0.05`);
        return { firingRate: rate };
      },
      dispose: () => generator.dispose(),
    });
  },
});
