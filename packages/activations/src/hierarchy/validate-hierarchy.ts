/**
 * `validateHierarchy` (SPEC §1.8): loops, nodes with several parents, and feature indices shared
 * between trees, checked in SAELens's order with its messages. Iterative (a three-colour
 * depth-first search), so deep trees do not overflow the stack, and linear in the nodes.
 */
import { InvalidArgumentError, ValidationError, assertInteger } from '@synth/core';
import type { HierarchyNode } from './hierarchy-node';

/** Options of {@link validateHierarchy} used internally. */
interface ValidateOptions {
  /** Only look for loops (the walks of `HierarchyNode` use this). */
  readonly loopsOnly?: boolean;
}

/**
 * Checks a forest (the roots are treated as children of one virtual root):
 * 1. no node is its own ancestor: "Loop detected: node (desc) is its own ancestor.";
 * 2. no node object is reached twice (two parents, or listed twice): "Node (desc) has multiple
 *    parents. Each node must have at most one parent.";
 * 3. with several roots, no feature index is in two trees: "Feature indices {…} appear in
 *    multiple hierarchy trees. Each feature should belong to at most one hierarchy.";
 * 4. when `numFeatures` is given, every feature index is < numFeatures.
 * `desc` is `feature_index=N`, else `id=X`, else `unnamed node`. An empty list is valid.
 *
 * @remarks Check 4 is ours (SAELens does not check indices; an index ≥ n fails later or
 * silently). Like SAELens, duplicate indices within one tree pass here; `hierarchyModifier`
 * rejects them.
 * @example
 * ```ts
 * const leaf = new HierarchyNode(2);
 * validateHierarchy([new HierarchyNode(0, { children: [leaf] }), new HierarchyNode(1, { children: [leaf] })]); // throws: multiple parents
 * ```
 * @throws ValidationError for checks 1–3; InvalidArgumentError naming `numFeatures` or the
 * offending `featureIndex` for check 4.
 */
export function validateHierarchy(roots: readonly HierarchyNode[], numFeatures?: number, options: ValidateOptions = {}): void {
  if (numFeatures !== undefined) assertInteger('numFeatures', numFeatures);
  if (roots.length === 0) return;
  // 1 = on the current path (grey), 2 = finished (black).
  const colour = new Map<HierarchyNode, 1 | 2>();
  let firstRevisit: HierarchyNode | undefined;
  // Stack entries: a node to enter, or (as `exit`) a node whose subtree is done.
  const stack: { node: HierarchyNode; exit: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, exit: false });
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { node, exit } = entry;
    if (exit) {
      colour.set(node, 2);
      continue;
    }
    const seen = colour.get(node);
    if (seen === 1) throw new ValidationError(`Loop detected: node (${describeNode(node)}) is its own ancestor.`);
    if (seen === 2) {
      // A finished subtree cannot reach the current path, so it need not be walked again.
      firstRevisit ??= node;
      continue;
    }
    colour.set(node, 1);
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
  }
  if (options.loopsOnly === true) return;
  if (firstRevisit !== undefined) {
    throw new ValidationError(`Node (${describeNode(firstRevisit)}) has multiple parents. Each node must have at most one parent.`);
  }
  if (roots.length > 1) checkDisjointTrees(roots);
  if (numFeatures !== undefined) checkIndexRange(roots, numFeatures);
}

/** SAELens's `_node_description`. */
function describeNode(node: HierarchyNode): string {
  if (node.featureIndex !== null) return `feature_index=${node.featureIndex}`;
  return node.featureId ? `id=${node.featureId}` : 'unnamed node';
}

function checkDisjointTrees(roots: readonly HierarchyNode[]): void {
  const owner = new Set<number>();
  for (const root of roots) {
    const tree = root.getAllFeatureIndices();
    const overlap = [...new Set(tree.filter((index) => owner.has(index)))].sort((a, b) => a - b);
    if (overlap.length > 0) {
      throw new ValidationError(
        `Feature indices {${overlap.join(', ')}} appear in multiple hierarchy trees. Each feature should belong to at most one hierarchy.`,
      );
    }
    for (const index of tree) owner.add(index);
  }
}

function checkIndexRange(roots: readonly HierarchyNode[], numFeatures: number): void {
  for (const [r, root] of roots.entries()) {
    for (const index of root.getAllFeatureIndices()) {
      if (!(index < numFeatures)) {
        throw new InvalidArgumentError(`roots[${r}] featureIndex`, `an index < numFeatures = ${numFeatures}`, index);
      }
    }
  }
}
