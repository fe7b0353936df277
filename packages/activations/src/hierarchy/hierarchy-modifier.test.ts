import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng, ValidationError, createSparseRows, sparseRowsFromDense, sparseRowsToDense } from '@synth/core';
import type { SparseRows } from '@synth/core';
import { applyHierarchyDense, hierarchyModifier } from './hierarchy-modifier';
import { HierarchyNode } from './hierarchy-node';
import { arbitraryForest } from './testing/arbitrary-hierarchy';

const node = (index: number | null, children: HierarchyNode[] = [], exclusive = false): HierarchyNode =>
  new HierarchyNode(index, { children, mutuallyExclusiveChildren: exclusive });
const ctx = (seed: number, firstRow = 0) => ({ rng: Rng.fromSeed(seed), firstRow, backend: undefined });
const sliceRows = (s: SparseRows, from: number, to: number): SparseRows => {
  const a = s.rowOffsets[from]!;
  const b = s.rowOffsets[to]!;
  return createSparseRows(to - from, s.columns, s.rowOffsets.slice(from, to + 1).map((o) => o - a), s.columnIndices.slice(a, b), s.values.slice(a, b));
};

describe('hierarchyModifier: properties over random forests', () => {
  it('the sparse and dense forms agree exactly, and the input is not changed', () => {
    fc.assert(
      fc.property(arbitraryForest(), fc.nat(1000), fc.nat(10_000), ({ roots, rows, columns, activations }, seed, firstRow) => {
        const modifier = hierarchyModifier(roots);
        const batch = sparseRowsFromDense(activations, rows, columns);
        const before = { columns: batch.columnIndices.slice(), values: batch.values.slice() };
        const sparse = modifier(batch, ctx(seed, firstRow));
        expect(sparseRowsToDense(sparse)).toEqual(modifier.applyDense(activations, rows, columns, Rng.fromSeed(seed), firstRow));
        expect(batch.columnIndices).toEqual(before.columns);
        expect(batch.values).toEqual(before.values);
      }),
      { numRuns: 300 },
    );
  });

  it('is chunk-invariant: two batches with their absolute first rows equal one batch', () => {
    fc.assert(
      fc.property(arbitraryForest(), fc.nat(1000), fc.nat(100), ({ roots, rows, columns, activations }, seed, cutSeed) => {
        const modifier = hierarchyModifier(roots);
        const batch = sparseRowsFromDense(activations, rows, columns);
        const cut = cutSeed % (rows + 1);
        const whole = sparseRowsToDense(modifier(batch, ctx(seed, 50)));
        const first = sparseRowsToDense(modifier(sliceRows(batch, 0, cut), ctx(seed, 50)));
        const second = sparseRowsToDense(modifier(sliceRows(batch, cut, rows), ctx(seed, 50 + cut)));
        expect(whole).toEqual(Float32Array.from([...first, ...second]));
      }),
    );
  });

  it('keeps or zeroes each value; a kept child has an active effective parent; ME groups keep at most one active member', () => {
    fc.assert(
      fc.property(arbitraryForest(), fc.nat(1000), ({ roots, rows, columns, activations }, seed) => {
        const out = hierarchyModifier(roots).applyDense(activations, rows, columns, Rng.fromSeed(seed));
        out.forEach((v, k) => expect(v === activations[k] || v === 0).toBe(true));
        const walk = (n: HierarchyNode, parent: number | null, isRoot: boolean): void => {
          const f = n.featureIndex;
          for (let r = 0; r < rows; r++) {
            if (f !== null && isRoot) expect(out[r * columns + f]).toBe(activations[r * columns + f]);
            if (f !== null && parent !== null && out[r * columns + f] !== 0) expect(out[r * columns + parent]).toBeGreaterThan(0);
            if (n.mutuallyExclusiveChildren) {
              const active = n.children.filter((c) => c.featureIndex !== null && out[r * columns + c.featureIndex]! > 0).length;
              expect(active).toBeLessThanOrEqual(1);
            }
          }
          n.children.forEach((c) => walk(c, f ?? parent, false));
        };
        roots.forEach((root) => walk(root, null, true));
      }),
    );
  });
});

describe('hierarchyModifier: examples', () => {
  it('cascades deactivation down a chain and leaves features outside the tree alone', () => {
    const chain = node(0, [node(1, [node(2, [node(3)])])]);
    const out = applyHierarchyDense(chain, new Float32Array([1, 0, 1, 1, 5, 1, 1, -1, 1, 5]), 2, 5, Rng.fromSeed(0));
    // Row 2: feature 2 = -1 keeps its value (its parent 1 is active) but is inactive, so 3 is zeroed.
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 5, 1, 1, -1, 0, 5]);
  });

  it('drops the entries it zeroes from a sparse batch and keeps stored zeros it does not touch', () => {
    const tree = node(0, [node(1), node(2)]);
    const batch = createSparseRows(2, 4, new Int32Array([0, 3, 5]), new Int32Array([0, 1, 3, 1, 2]), new Float32Array([0, 1, 0, 1, 1]));
    const out = hierarchyModifier(tree)(batch, ctx(0));
    expect(Array.from(out.rowOffsets)).toEqual([0, 2, 2]);
    expect(Array.from(out.columnIndices)).toEqual([0, 3]);
  });

  it('returns the identity for no roots, and wraps a single node', () => {
    const batch = sparseRowsFromDense(new Float32Array([1, 2]), 1, 2);
    expect(sparseRowsToDense(hierarchyModifier([])(batch, ctx(0)))).toEqual(new Float32Array([1, 2]));
    expect(sparseRowsToDense(hierarchyModifier(null)(batch, ctx(0)))).toEqual(new Float32Array([1, 2]));
    expect(sparseRowsToDense(hierarchyModifier(node(0, [node(1)]))(sparseRowsFromDense(new Float32Array([0, 2]), 1, 2), ctx(0)))).toEqual(new Float32Array([0, 0]));
  });

  it('handles a 100,000-level chain without overflowing the stack', () => {
    let tree = node(99_999);
    for (let i = 99_998; i >= 0; i--) tree = node(i, [tree]);
    const dense = new Float32Array(100_000).fill(1);
    dense[50_000] = 0;
    const out = hierarchyModifier(tree)(sparseRowsFromDense(dense, 1, 100_000), ctx(0));
    expect(out.values.length).toBe(50_000);
    expect(tree.getAllFeatureIndices()).toHaveLength(100_000);
  });

  it.each([
    ['a repeated feature index', () => hierarchyModifier(node(0, [node(1), node(1)])), ValidationError, 'appears more than once'],
    ['an index >= numFeatures', () => hierarchyModifier(node(0, [node(4)]), { numFeatures: 4 }), InvalidArgumentError, 'numFeatures = 4'],
    ['a non-node root', () => hierarchyModifier([{} as HierarchyNode]), InvalidArgumentError, 'roots[0]'],
    ['a multiple-parent forest', () => hierarchyModifier([node(0, [node(2)]), node(0)]), ValidationError, 'appear in multiple hierarchy trees'],
    ['a batch too narrow', () => hierarchyModifier(node(0, [node(5)]))(sparseRowsFromDense(new Float32Array(5), 1, 5), ctx(0)), InvalidArgumentError, 'batch.columns'],
    ['dense of the wrong length', () => applyHierarchyDense(node(0), new Float32Array(3), 1, 2, Rng.fromSeed(0)), InvalidArgumentError, 'activations'],
  ])('rejects %s', (_, run, type, message) => {
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
});
