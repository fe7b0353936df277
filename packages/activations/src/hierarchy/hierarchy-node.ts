/**
 * `HierarchyNode` (SPEC §1.8): one node of a feature hierarchy tree. Every walk here is
 * iterative, so trees thousands of levels deep do not overflow the call stack.
 */
import { InvalidArgumentError } from '@synth/core';
import { MAX_FEATURES } from '../activation-generator-options';
import { nodeFromDict, nodeToDict, type HierarchyNodeDict } from './node-dict';
import { validateHierarchy } from './validate-hierarchy';

/** Options of `new HierarchyNode(featureIndex, options)`. */
export interface HierarchyNodeOptions {
  /** Child nodes; they are zeroed in rows where this node's feature is inactive. Default none. */
  readonly children?: readonly HierarchyNode[];
  /** At most one child stays active per row. Needs at least 2 children. Default false. */
  readonly mutuallyExclusiveChildren?: boolean;
  /** A label for debugging and error messages. Default null. */
  readonly featureId?: string | null;
}

/**
 * A node of a feature hierarchy: children fire only in rows where this node's feature fires, and
 * optionally at most one child fires per row. `featureIndex = null` marks an organisational node
 * (no feature of its own; always active). Fields are mutable, as in SAELens.
 *
 * @remarks Stricter than SAELens: `featureIndex` must be null or an integer in [0, 2^25) (the
 * generator's feature limit), since the modifier builds tables indexed by feature.
 * @example
 * ```ts
 * // 0 → (1 → (3, 4) mutually exclusive), 2; and 0's children are mutually exclusive too.
 * const tree = new HierarchyNode(0, {
 *   mutuallyExclusiveChildren: true,
 *   children: [new HierarchyNode(1, { mutuallyExclusiveChildren: true, children: [new HierarchyNode(3), new HierarchyNode(4)] }), new HierarchyNode(2)],
 * });
 * String(tree); // '0x\n    1x\n        3 \n        4 \n    2 '
 * ```
 * @throws InvalidArgumentError for a bad `featureIndex`, or "Need at least 2 children for mutual
 * exclusion" when `mutuallyExclusiveChildren` is set with fewer than 2 children.
 */
export class HierarchyNode {
  featureIndex: number | null;
  children: HierarchyNode[];
  mutuallyExclusiveChildren: boolean;
  featureId: string | null;

  constructor(featureIndex: number | null = null, options: HierarchyNodeOptions = {}) {
    if (featureIndex !== null && !(Number.isSafeInteger(featureIndex) && featureIndex >= 0 && featureIndex < MAX_FEATURES)) {
      throw new InvalidArgumentError('featureIndex', `null or an integer in [0, ${MAX_FEATURES})`, featureIndex);
    }
    this.featureIndex = featureIndex;
    this.children = [...(options.children ?? [])];
    this.mutuallyExclusiveChildren = options.mutuallyExclusiveChildren ?? false;
    this.featureId = options.featureId ?? null;
    if (this.mutuallyExclusiveChildren && this.children.length < 2) {
      throw new InvalidArgumentError('children', 'at least 2 children when mutuallyExclusiveChildren is true', this.children, {
        detail: '(Need at least 2 children for mutual exclusion)',
      });
    }
  }

  /**
   * Builds a tree from SAELens's dict form: keys `feature_index`, `children` (a list of dicts),
   * `mutually_exclusive_children` and `id` (stored as `featureId`), each optional.
   *
   * @example
   * ```ts
   * HierarchyNode.fromDict({ feature_index: 0, children: [{ feature_index: 1 }, { id: 'group' }] });
   * ```
   * @throws InvalidArgumentError naming the path of a malformed field (for example `dict.children[1].feature_index`),
   * and the constructor's errors.
   */
  static fromDict(dict: HierarchyNodeDict): HierarchyNode {
    return nodeFromDict(dict, 'id', 'dict', (index, options) => new HierarchyNode(index, options));
  }

  /**
   * The dict form {@link HierarchyNode.fromDict} reads (key `id` for the label): `fromDict(node.toDict())` equals `node`.
   *
   * @example
   * ```ts
   * new HierarchyNode(3).toDict(); // { feature_index: 3, mutually_exclusive_children: false, id: null, children: [] }
   * ```
   * @throws ValidationError ("Loop detected") when the tree contains a loop.
   */
  toDict(): HierarchyNodeDict {
    return nodeToDict(this, 'id');
  }

  /**
   * Feature indices of this subtree in pre-order, skipping organisational nodes.
   *
   * @example
   * ```ts
   * new HierarchyNode(null, { children: [new HierarchyNode(2), new HierarchyNode(1)] }).getAllFeatureIndices(); // [2, 1]
   * ```
   * @throws ValidationError ("Loop detected") when the tree contains a loop.
   */
  getAllFeatureIndices(): number[] {
    const indices: number[] = [];
    walkPreOrder(this, (node) => {
      if (node.featureIndex !== null) indices.push(node.featureIndex);
    });
    return indices;
  }

  /**
   * Checks this tree with {@link validateHierarchy}.
   *
   * @example
   * ```ts
   * tree.validate();
   * ```
   * @throws ValidationError for a loop or a node with several parents.
   */
  validate(): void {
    validateHierarchy([this]);
  }

  /**
   * SAELens's `__repr__`: one line per node, `2·indent` spaces (4 more per level), the index or
   * `-`, `x` for mutually exclusive children else a space, then ` (featureId)` if set.
   *
   * @example
   * ```ts
   * String(new HierarchyNode(null, { featureId: 'root', children: [new HierarchyNode(1)] })); // '-  (root)\n    1 '
   * ```
   * @throws ValidationError ("Loop detected") when the tree contains a loop.
   */
  toString(): string {
    const lines: string[] = [];
    walkPreOrder(this, (node, depth) => {
      const label = node.featureId ? ` (${node.featureId})` : '';
      lines.push(`${' '.repeat(4 * depth)}${node.featureIndex ?? '-'}${node.mutuallyExclusiveChildren ? 'x' : ' '}${label}`);
    });
    return lines.join('\n');
  }

  /**
   * Structural equality: index, ME flag, featureId and children (recursively, in order).
   *
   * @example
   * ```ts
   * new HierarchyNode(1).equals(new HierarchyNode(1)); // true
   * ```
   * @throws Nothing for trees; may not terminate only if both graphs contain matching loops.
   */
  equals(other: unknown): boolean {
    if (!(other instanceof HierarchyNode)) return false;
    const stack: [HierarchyNode, HierarchyNode][] = [[this, other]];
    for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
      const [a, b] = pair;
      if (a === b) continue;
      const same = a.featureIndex === b.featureIndex && a.mutuallyExclusiveChildren === b.mutuallyExclusiveChildren;
      if (!(same && a.featureId === b.featureId && a.children.length === b.children.length)) return false;
      a.children.forEach((child, i) => stack.push([child, b.children[i]!]));
    }
    return true;
  }
}

/**
 * Visits `root`'s subtree in pre-order with each node's depth, iteratively.
 *
 * @throws ValidationError ("Loop detected: node (...) is its own ancestor.") for a loop.
 */
export function walkPreOrder(root: HierarchyNode, visit: (node: HierarchyNode, depth: number) => void): void {
  validateHierarchy([root], undefined, { loopsOnly: true });
  const stack: [HierarchyNode, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    visit(node, depth);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, depth + 1]);
  }
}

export type { HierarchyNodeDict };
