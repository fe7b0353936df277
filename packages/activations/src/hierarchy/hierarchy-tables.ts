/**
 * The compiled form of a hierarchy (SAELens's `_build_sparse_hierarchy`): a breadth-first walk
 * assigns levels, effective parents and mutual-exclusion groups, stored once as typed arrays so
 * that applying the hierarchy costs time per stored entry, not per group or per feature.
 */
import { ValidationError } from '@synth/core';
import type { HierarchyNode } from './hierarchy-node';

/** One BFS level: its features with an effective parent, and the ME groups whose parent node is here. */
export interface HierarchyLevel {
  readonly features: Int32Array;
  readonly parents: Int32Array;
  readonly groups: Int32Array;
}

/** Per-feature and per-group tables, indexed by feature (size: largest index + 1) or group. */
export interface HierarchyTables {
  /** Largest feature index in the hierarchy + 1 (0 when it has no features). */
  readonly tableSize: number;
  /** Effective parent (nearest ancestor with a feature index) of each feature, or -1. */
  readonly parentOf: Int32Array;
  /** ME group each feature belongs to, or -1. */
  readonly groupOf: Int32Array;
  /** Feature of each group's parent node, or -1 for an organisational (always active) parent. */
  readonly groupParent: Int32Array;
  /** Members of group g: `groupMembers[groupOffsets[g] .. groupOffsets[g + 1] - 1]`, in child order. */
  readonly groupOffsets: Int32Array;
  readonly groupMembers: Int32Array;
  readonly levels: readonly HierarchyLevel[];
  /** Most features on one root-to-leaf path (bounds the ancestor chains walked per entry). */
  readonly maxChain: number;
}

/**
 * Compiles validated roots. Levels count organisational nodes too; a group belongs to the level
 * of its parent node; groups with fewer than 2 feature children are ignored (as in SAELens).
 *
 * @throws ValidationError when a feature index appears twice in the hierarchy.
 */
export function compileHierarchy(roots: readonly HierarchyNode[]): HierarchyTables {
  const info: { feature: number; parent: number; level: number }[] = [];
  const groups: { level: number; parent: number; members: number[] }[] = [];
  const seen = new Set<number>();
  let maxChain = 0;
  // A ring-free BFS queue: an array read by a moving head (each node is pushed once).
  const queue: { node: HierarchyNode; parent: number; level: number; chain: number }[] = roots.map((node) => ({ node, parent: -1, level: 0, chain: 0 }));
  for (let head = 0; head < queue.length; head++) {
    const { node, parent, level, chain } = queue[head]!;
    const feature = node.featureIndex;
    let childParent = parent;
    let childChain = chain;
    if (feature !== null) {
      if (seen.has(feature)) {
        throw new ValidationError(
          `Feature index ${feature} appears more than once in the hierarchy; hierarchyModifier needs each feature at most once.`,
        );
      }
      seen.add(feature);
      info.push({ feature, parent, level });
      childParent = feature;
      childChain = chain + 1;
      maxChain = Math.max(maxChain, childChain);
    }
    if (node.mutuallyExclusiveChildren && node.children.length >= 2) {
      const members = node.children.flatMap((child) => (child.featureIndex === null ? [] : [child.featureIndex]));
      if (members.length >= 2) groups.push({ level, parent: feature ?? -1, members });
    }
    for (const child of node.children) queue.push({ node: child, parent: childParent, level: level + 1, chain: childChain });
  }
  const tableSize = info.reduce((size, { feature }) => Math.max(size, feature + 1), 0);
  const parentOf = new Int32Array(tableSize).fill(-1);
  for (const { feature, parent } of info) parentOf[feature] = parent;
  const groupOf = new Int32Array(tableSize).fill(-1);
  const groupOffsets = new Int32Array(groups.length + 1);
  groups.forEach(({ members }, g) => {
    for (const member of members) groupOf[member] = g;
    groupOffsets[g + 1] = groupOffsets[g]! + members.length;
  });
  let maxLevel = -1;
  for (const { level } of info) maxLevel = Math.max(maxLevel, level);
  for (const { level } of groups) maxLevel = Math.max(maxLevel, level);
  const byLevel = Array.from({ length: maxLevel + 1 }, () => ({ features: [] as number[], parents: [] as number[], groups: [] as number[] }));
  for (const { feature, parent, level } of info) {
    if (parent < 0) continue;
    byLevel[level]!.features.push(feature);
    byLevel[level]!.parents.push(parent);
  }
  groups.forEach(({ level }, g) => byLevel[level]!.groups.push(g));
  const levels = byLevel.map((level) => ({
    features: Int32Array.from(level.features),
    parents: Int32Array.from(level.parents),
    groups: Int32Array.from(level.groups),
  }));
  return {
    tableSize,
    parentOf,
    groupOf,
    groupParent: Int32Array.from(groups, ({ parent }) => parent),
    groupOffsets,
    groupMembers: Int32Array.from(groups.flatMap(({ members }) => members)),
    levels,
    maxChain,
  };
}
