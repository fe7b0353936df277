/**
 * The synthetic model a demo run trains on, as a SAELens-style `SyntheticModelConfig`: firing
 * probabilities from one of four distributions, an optional low-rank correlation and an optional
 * hierarchy. Browser-safe: no Node imports.
 */
import {
  ConstantFiringProbabilityConfig,
  HierarchyConfig,
  LinearFiringProbabilityConfig,
  LowRankCorrelationConfig,
  RandomFiringProbabilityConfig,
  SyntheticModelConfig,
  ZipfianFiringProbabilityConfig,
} from '@synth/activations';
import type { FiringProbabilityConfig } from '@synth/activations';

export const FIRING_DISTRIBUTIONS = ['zipf', 'linear', 'random', 'constant'] as const;
/** How firing probabilities spread over the features (`constant` uses `maxProb` for all). */
export type FiringDistribution = (typeof FIRING_DISTRIBUTIONS)[number];

/** Correlated firing through a random low-rank correlation matrix (SAELens's `LowRankCorrelationConfig`). */
export interface CorrelationSettings {
  readonly rank: number;
  /** Scale of the random factor: larger means stronger correlations. */
  readonly scale: number;
}

/** A forest of features where a child fires only with its parent (SAELens's `HierarchyConfig`). */
export interface HierarchySettings {
  readonly roots: number;
  readonly branching: number;
  readonly depth: number;
  /** Whether siblings exclude each other (at most one child of a parent fires). */
  readonly mutuallyExclusive: boolean;
}

/** The model part of the demo's settings. */
export interface ModelSettings {
  readonly seed: number;
  readonly numFeatures: number;
  readonly hiddenDim: number;
  readonly firingDistribution: FiringDistribution;
  readonly maxProb: number;
  readonly minProb: number;
  readonly correlation: CorrelationSettings | null;
  readonly hierarchy: HierarchySettings | null;
}

/** Magnitude of a firing: N(1, 0.05²) then ReLU, as in SAELens's toy workflow. */
export const MEAN_FIRING_MAGNITUDE = 1;
export const STD_FIRING_MAGNITUDE = 0.05;

function firingProbability(settings: ModelSettings): FiringProbabilityConfig {
  const { maxProb, minProb } = settings;
  switch (settings.firingDistribution) {
    case 'zipf':
      return new ZipfianFiringProbabilityConfig({ exponent: 1, maxProb, minProb });
    case 'linear':
      return new LinearFiringProbabilityConfig({ maxProb, minProb });
    case 'random':
      return new RandomFiringProbabilityConfig({ maxProb, minProb });
    case 'constant':
      return new ConstantFiringProbabilityConfig({ probability: maxProb });
  }
}

/**
 * The config of the model; the dictionary is built (and orthogonalised) by the pipeline itself.
 *
 * @example
 * ```ts
 * const config = demoModelConfig({ seed: 1, numFeatures: 64, hiddenDim: 32, firingDistribution: 'zipf', maxProb: 0.25, minProb: 0.02, correlation: null, hierarchy: null });
 * ```
 * @throws InvalidArgumentError from the config classes for a bad value.
 */
export function demoModelConfig(settings: ModelSettings): SyntheticModelConfig {
  const { correlation, hierarchy } = settings;
  return new SyntheticModelConfig({
    numFeatures: settings.numFeatures,
    hiddenDim: settings.hiddenDim,
    firingProbability: firingProbability(settings),
    correlation: correlation === null ? null : new LowRankCorrelationConfig({ rank: correlation.rank, correlationScale: correlation.scale }),
    hierarchy: hierarchy === null ? null : new HierarchyConfig({
      totalRootNodes: hierarchy.roots,
      branchingFactor: hierarchy.branching,
      maxDepth: hierarchy.depth,
      mutuallyExclusivePortion: hierarchy.mutuallyExclusive ? 1 : 0,
      compensateProbabilities: true,
    }),
    stdFiringMagnitudes: STD_FIRING_MAGNITUDE,
    meanFiringMagnitudes: MEAN_FIRING_MAGNITUDE,
    bias: 0,
    seed: settings.seed,
  });
}

/** One-line description of the firing, correlation and hierarchy, for tables. */
export function describeModel(settings: ModelSettings): string[] {
  const { correlation: c, hierarchy: h } = settings;
  return [
    settings.firingDistribution === 'constant' ? `constant ${settings.maxProb}` : `${settings.firingDistribution} ${settings.maxProb} → ${settings.minProb}`,
    c === null ? 'none' : `low-rank, rank ${c.rank}, scale ${c.scale}`,
    h === null ? 'none' : `${h.roots} roots × ${h.branching} children, depth ${h.depth}${h.mutuallyExclusive ? ', mutually exclusive' : ''}`,
  ];
}
