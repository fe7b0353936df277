/**
 * SAELens's `Hierarchy.compute_probability_correction_factors` (SPEC §1.8), iteratively.
 */
import { InvalidArgumentError } from '@synth/core';
import type { HierarchyNode } from './hierarchy-node';

/**
 * Factors that scale base firing probabilities so that, after the hierarchy filters the firings,
 * each feature fires at about its base rate. Starting from all ones: a feature node under a
 * parent of probability P > 0 gets `1 / P` (roots: P = 1); organisational nodes pass P through;
 * then, for an ME node with ≥ 2 feature children and probability > 0, each such child i is
 * multiplied by `1 + max(0, S − base[i]) / P_node`, with S the sum of those children's base
 * probabilities. Only the immediate effective parent counts (exact without ME; a slight
 * over-correction with it).
 *
 * @remarks Arithmetic follows SAELens: the factor is computed in float64 and stored as float32;
 * the ME product is taken in float32.
 * @throws InvalidArgumentError when a feature index is outside `baseProbabilities`.
 */
export function probabilityCorrectionFactors(roots: readonly HierarchyNode[], baseProbabilities: Float32Array): Float32Array {
  const factors = new Float32Array(baseProbabilities.length).fill(1);
  const base = (index: number): number => {
    if (!(index < baseProbabilities.length)) {
      throw new InvalidArgumentError('baseFiringProbabilities', `a probability for feature ${index} (length > ${index})`, baseProbabilities);
    }
    return baseProbabilities[index]!;
  };
  // Frames are entered (pre-order: the node's own factor) and later exited (post-order: its ME factors).
  const stack: { node: HierarchyNode; parentProbability: number; nodeProbability: number; entered: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, parentProbability: 1, nodeProbability: 0, entered: false });
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const { node } = frame;
    if (!frame.entered) {
      frame.entered = true;
      if (node.featureIndex !== null) {
        if (frame.parentProbability > 0) factors[node.featureIndex] = 1 / frame.parentProbability;
        frame.nodeProbability = base(node.featureIndex);
      } else {
        frame.nodeProbability = frame.parentProbability;
      }
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i]!, parentProbability: frame.nodeProbability, nodeProbability: 0, entered: false });
      }
      continue;
    }
    stack.pop();
    if (!(node.mutuallyExclusiveChildren && node.children.length >= 2)) continue;
    const members = node.children.flatMap((child) => (child.featureIndex === null ? [] : [child.featureIndex]));
    if (!(members.length >= 2 && frame.nodeProbability > 0)) continue;
    let total = 0;
    for (const member of members) total += base(member);
    for (const member of members) {
      const correction = 1 + Math.max(0, total - base(member)) / frame.nodeProbability;
      factors[member] = Math.fround(factors[member]!) * Math.fround(correction);
    }
  }
  return factors;
}
