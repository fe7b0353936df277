/**
 * `generateHierarchy` (SPEC §1.8): a forest built breadth-first from a `HierarchyConfig`.
 */
import { InvalidArgumentError, Rng, assertInteger } from '@synth/core';
import { MAX_FEATURES } from '../activation-generator-options';
import { Hierarchy } from './hierarchy';
import { HierarchyConfig } from './hierarchy-config';
import { HierarchyNode } from './hierarchy-node';

/** Seed used when none is given. */
export const DEFAULT_HIERARCHY_SEED = 0;

/**
 * Builds a forest: feature indices are handed out in order from 0; up to `totalRootNodes` roots
 * (fewer if features run out); then all trees grow breadth-first, level by level in root order,
 * each parent above `maxDepth` getting `branchingFactor` children (one draw in `[min, max]` per
 * parent for a range), stopping the moment indices run out (trees may be cut mid-level). Then
 * `floor(#eligible · mutuallyExclusivePortion)` of the eligible parents — depth in
 * `[mutuallyExclusiveMinDepth, mutuallyExclusiveMaxDepth]` and at least 2 children — chosen
 * uniformly without replacement, get mutually exclusive children. Roots take indices
 * `0..R−1`, then depth 1 (contiguous), then depth 2, and so on.
 *
 * @remarks SAELens draws with Python's `random.Random(seed)` (Mersenne Twister); synth cannot
 * reproduce those numbers, so a range branching factor or a portion strictly between 0 and 1 gives
 * a different (equally distributed) forest for the same seed. With a fixed branching factor and a
 * portion of 0 or 1 no randomness is used and the forest equals SAELens's exactly. SAELens's
 * default seed is `None` (fresh entropy); ours is {@link DEFAULT_HIERARCHY_SEED}. Branching draws
 * come from `rng.split('branching')`, the ME choice from `rng.split('mutual-exclusion')`.
 * @example
 * ```ts
 * const hierarchy = generateHierarchy(1000, new HierarchyConfig({ totalRootNodes: 10, branchingFactor: [3, 5], maxDepth: 2, mutuallyExclusivePortion: 0.5 }), 42);
 * hierarchy.featureIndicesUsed.size; // between 10 + 30 + 90 and 10 + 50 + 250 (capped at 1000)
 * ```
 * @throws InvalidArgumentError for a `numFeatures` that is not an integer in [0, 2^25], a `config`
 * that is not a HierarchyConfig, or a bad seed.
 */
export function generateHierarchy(numFeatures: number, config: HierarchyConfig, seed: number | bigint | Rng = DEFAULT_HIERARCHY_SEED): Hierarchy {
  assertInteger('numFeatures', numFeatures, 0, MAX_FEATURES);
  if (!(config instanceof HierarchyConfig)) throw new InvalidArgumentError('config', 'a HierarchyConfig', config);
  const rng = seed instanceof Rng ? seed : Rng.fromSeed(seed);
  const branchingRng = rng.split('branching');
  const branching = (): number => {
    const factor = config.branchingFactor;
    return typeof factor === 'number' ? factor : factor[0] + branchingRng.uniformInt(factor[1] - factor[0] + 1);
  };
  let nextFeature = 0;
  const roots: HierarchyNode[] = [];
  const parents: { node: HierarchyNode; depth: number }[] = [];
  for (let i = 0; i < config.totalRootNodes && nextFeature < numFeatures; i++) {
    const root = new HierarchyNode(nextFeature++);
    roots.push(root);
    parents.push({ node: root, depth: 0 });
  }
  let level = parents.slice();
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { node, depth } of level) {
      if (depth >= config.maxDepth) continue;
      const count = branching();
      for (let c = 0; c < count && nextFeature < numFeatures; c++) {
        const child = new HierarchyNode(nextFeature++);
        node.children.push(child);
        if (depth + 1 < config.maxDepth) {
          next.push({ node: child, depth: depth + 1 });
          parents.push({ node: child, depth: depth + 1 });
        }
      }
    }
    level = next;
  }
  const maxMeDepth = config.mutuallyExclusiveMaxDepth;
  const eligible = parents.filter(
    ({ node, depth }) => depth >= config.mutuallyExclusiveMinDepth && (maxMeDepth === null || depth <= maxMeDepth) && node.children.length >= 2,
  );
  const count = Math.floor(eligible.length * config.mutuallyExclusivePortion);
  if (count > 0) {
    for (const i of rng.split('mutual-exclusion').sampleWithoutReplacement(eligible.length, count)) eligible[i]!.node.mutuallyExclusiveChildren = true;
  }
  return new Hierarchy(roots);
}
