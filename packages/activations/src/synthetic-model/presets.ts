/**
 * Published model configurations.
 */
import { FoldedNormalMagnitudeConfig, LinearMagnitudeConfig, ZipfianFiringProbabilityConfig } from '../distributions/index';
import { HierarchyConfig } from '../hierarchy/index';
import { LowRankCorrelationConfig } from './low-rank-correlation-config';
import { SyntheticModelConfig } from './model-config';
import { OrthogonalizationConfig } from './orthogonalization-config';

/**
 * SynthSAEBench-16k: 16,384 features in d = 768; zipfian firing (exponent 0.5, 0.4 → 5e-4);
 * a hierarchy of 128 roots, branching 4, depth 3, every parent mutually exclusive, with
 * probability compensation; low-rank correlation rank 25, scale 0.1; orthogonalization 100 steps
 * at lr 3e-4; mean magnitudes linear 5.0 → 4.0; std folded normal (0.5, 0.5); bias 0.5; seed 42.
 *
 * @remarks SAELens 6.35.0 ships no preset (nothing in the package mentions SynthSAEBench). The
 * values are those of the benchmark's build script (`experiments/create_synth_bench_16k_model.py`
 * in decoderesearch/synth-sae-bench-experiments) and of SAELens's `docs/synth_sae_bench.md`, less
 * one field: both also set `scale_children_by_parent=True`, which SAELens 6.35.0's
 * `HierarchyConfig` does not have (the hub's `synth-sae-bench-16k-v1` lacks it too; `-v2` adds it),
 * so this is the v1 configuration. SAELens builds it with torch's RNG, so synth's model has the
 * same laws, not the same draws; load the published directory to get those.
 * @example
 * ```ts
 * const model = await SyntheticModel.create(synthSaeBench16kConfig(), { backend });
 * ```
 * @throws Nothing.
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
