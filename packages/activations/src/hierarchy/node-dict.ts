/**
 * The dict (JSON) forms of a hierarchy node. `HierarchyNode.fromDict` reads the label from key
 * `id`, while `Hierarchy.toDict/fromDict` use `feature_id` (SPEC §5.10); both go through here.
 * Iterative, so deep trees do not overflow the stack.
 */
import { InvalidArgumentError } from '@synth/core';
import type { HierarchyNode, HierarchyNodeOptions } from './hierarchy-node';

/** Makes one node (`new HierarchyNode(...)`); passed in to keep this module free of a cycle. */
export type MakeNode = (featureIndex: number | null, options: HierarchyNodeOptions) => HierarchyNode;

/** SAELens's node dict: every key optional; the label key is `id` (node) or `feature_id` (Hierarchy). */
export interface HierarchyNodeDict {
  readonly feature_index?: number | null;
  readonly mutually_exclusive_children?: boolean;
  readonly id?: string | null;
  readonly feature_id?: string | null;
  readonly children?: readonly HierarchyNodeDict[];
}

/** Which key holds the node's label. */
export type LabelKey = 'id' | 'feature_id';

/**
 * Builds the tree a dict describes (children first, so each node's constructor checks apply).
 *
 * @throws InvalidArgumentError naming the path of a malformed field.
 */
export function nodeFromDict(dict: HierarchyNodeDict, labelKey: LabelKey, path: string, make: MakeNode): HierarchyNode {
  interface Frame {
    readonly dict: HierarchyNodeDict;
    readonly path: string;
    readonly children: HierarchyNode[];
    readonly parent: Frame | null;
    expanded: boolean;
  }
  const root: Frame = { dict, path, children: [], parent: null, expanded: false };
  const stack: Frame[] = [root];
  let built: HierarchyNode | undefined;
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    const entries = childDicts(frame.dict, frame.path);
    if (!frame.expanded) {
      frame.expanded = true;
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push({ dict: entries[i]!, path: `${frame.path}.children[${i}]`, children: [], parent: frame, expanded: false });
      }
      continue;
    }
    stack.pop();
    const node = makeNode(frame.dict, labelKey, frame.path, frame.children, make);
    if (frame.parent === null) built = node;
    else frame.parent.children.push(node);
  }
  return built!;
}

function childDicts(dict: HierarchyNodeDict, path: string): readonly HierarchyNodeDict[] {
  if (!(typeof dict === 'object' && dict !== null && !Array.isArray(dict))) throw new InvalidArgumentError(path, 'a node dict (an object)', dict);
  const children = dict.children ?? [];
  if (!Array.isArray(children)) throw new InvalidArgumentError(`${path}.children`, 'a list of node dicts', children);
  return children as readonly HierarchyNodeDict[];
}

function makeNode(dict: HierarchyNodeDict, labelKey: LabelKey, path: string, children: HierarchyNode[], make: MakeNode): HierarchyNode {
  const featureIndex = dict.feature_index ?? null;
  if (featureIndex !== null && !(Number.isSafeInteger(featureIndex) && featureIndex >= 0)) {
    throw new InvalidArgumentError(`${path}.feature_index`, 'null or a non-negative integer', featureIndex);
  }
  const exclusive = dict.mutually_exclusive_children ?? false;
  if (typeof exclusive !== 'boolean') throw new InvalidArgumentError(`${path}.mutually_exclusive_children`, 'a boolean', exclusive);
  const label = dict[labelKey] ?? null;
  if (label !== null && typeof label !== 'string') throw new InvalidArgumentError(`${path}.${labelKey}`, 'null or a string', label);
  if (exclusive && children.length < 2) {
    throw new InvalidArgumentError(`${path}.children`, 'at least 2 children when mutually_exclusive_children is true', children, {
      detail: '(Need at least 2 children for mutual exclusion)',
    });
  }
  return make(featureIndex, { children, mutuallyExclusiveChildren: exclusive, featureId: label });
}

/**
 * The dict of a tree with keys in SAELens's order: `feature_index`, `mutually_exclusive_children`,
 * the label key, `children`.
 *
 * @throws ValidationError ("Loop detected") when the tree contains a loop.
 */
export function nodeToDict(root: HierarchyNode, labelKey: LabelKey): Record<string, unknown> {
  const out = (node: HierarchyNode): Record<string, unknown> & { children: unknown[] } => ({
    feature_index: node.featureIndex,
    mutually_exclusive_children: node.mutuallyExclusiveChildren,
    [labelKey]: node.featureId,
    children: [],
  });
  root.getAllFeatureIndices(); // throws on a loop before the walk below could run forever
  const top = out(root);
  const stack: [HierarchyNode, unknown[]][] = [[root, top.children]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, into] = entry;
    for (const child of node.children) {
      const dict = out(child);
      into.push(dict);
      stack.push([child, dict.children]);
    }
  }
  return top;
}
