/**
 * fast-check arbitraries: small random forests (with organisational nodes and ME flags) and dense
 * batches over their features.
 */
import fc from 'fast-check';
import { HierarchyNode } from '../hierarchy-node';

export interface ForestCase {
  readonly roots: HierarchyNode[];
  readonly columns: number;
  readonly rows: number;
  readonly activations: Float32Array;
}

/** Node i hangs under an earlier node (or starts a tree); features are distinct; ~1 in 5 nodes is organisational. */
export const arbitraryForest = (maxNodes = 14, maxRows = 12): fc.Arbitrary<ForestCase> =>
  fc.integer({ min: 1, max: maxNodes }).chain((count) =>
    fc
      .record({
        parents: fc.tuple(...Array.from({ length: count }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
        organisational: fc.array(fc.integer({ min: 0, max: 4 }).map((x) => x === 0), { minLength: count, maxLength: count }),
        exclusive: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
        order: fc.shuffledSubarray(Array.from({ length: count + 3 }, (_, i) => i), { minLength: count, maxLength: count }),
        rows: fc.integer({ min: 1, max: maxRows }),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      })
      .chain((shape) =>
        fc
          .array(fc.constantFrom(0, 0, 0, 1, 0.5, 2, -1), { minLength: shape.rows * (count + 3), maxLength: shape.rows * (count + 3) })
          .map((values): ForestCase => {
            const nodes = shape.order.map((feature, i) => new HierarchyNode(shape.organisational[i] ? null : feature));
            const roots: HierarchyNode[] = [];
            shape.parents.forEach((p, i) => (p < 0 ? roots.push(nodes[i]!) : nodes[p]!.children.push(nodes[i]!)));
            nodes.forEach((node, i) => (node.mutuallyExclusiveChildren = shape.exclusive[i]! && node.children.length >= 2));
            return { roots, columns: count + 3, rows: shape.rows, activations: Float32Array.from(values) };
          }),
      ),
  );
