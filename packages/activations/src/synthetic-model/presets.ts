/**
 * Published model configurations.
 */
import { FoldedNormalMagnitudeConfig, LinearMagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig, OrthogonalizationConfig, SyntheticModelConfig } from './model-config';

/**
 * SynthSAEBench-16k: 16,384 features in d = 768; zipfian firing (exponent 0.5, 0.4 → 5e-4);
 * a hierarchy of 128 roots, branching 4, depth 3, every parent mutually exclusive, with
 * probability compensation; low-rank correlation rank 25, scale 0.1; orthogonalization 100 steps
 * at lr 3e-4; mean magnitudes linear 5.0 → 4.0; std folded normal (0.5, 0.5); bias 0.5; seed 42.
 *
 * @remarks SAELens 6.35.0 ships no preset of this name; the values are the benchmark's as
 * published with it, not read from SAELens's source.
 * @example
 * ```ts
 * const model = await SyntheticModel.create(synthSaeBench16kConfig(), { backend });
 * ```
 */
export function synthSaeBench16kConfig(): SyntheticModelConfig {
  return new SyntheticModelConfig({
    numFeatures: 16_384,
    hiddenDim: 768,
    firingProbability: new ZipfianFiringProbabilityConfig({ exponent: 0.5, maxProb: 0.4, minProb: 5e-4 }),
    hierarchy: new HierarchyConfig({
      totalRootNodes: 128,
      branchingFactor: 4,
      maxDepth: 3,
      mutuallyExclusivePortion: 1,
      compensateProbabilities: true,
    }),
    correlation: new LowRankCorrelationConfig({ rank: 25, correlationScale: 0.1 }),
    orthogonalization: new OrthogonalizationConfig({ numSteps: 100, lr: 3e-4 }),
    meanFiringMagnitudes: new LinearMagnitudeConfig({ start: 5, end: 4 }),
    stdFiringMagnitudes: new FoldedNormalMagnitudeConfig({ mean: 0.5, std: 0.5 }),
    bias: 0.5,
    seed: 42,
  });
}
