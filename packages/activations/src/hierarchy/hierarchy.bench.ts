/**
 * SAELens's performance test at synth's scale: about 50k features in 2,380 trees of 1 + 4 + 16
 * (every parent mutually exclusive). SAELens requires construction < 2 s and applying to a
 * 1000-row batch < 2 s. Run: `cd packages/activations && pnpm exec vitest bench --run src/hierarchy`.
 */
import { bench, describe, expect } from 'vitest';
import { Rng, sparseRowsFromDense } from '@synth/core';
import { hierarchyModifier } from './hierarchy-modifier';
import { HierarchyNode } from './hierarchy-node';

const TREES = 2380;
const PER_TREE = 1 + 4 + 16;
const NUM_FEATURES = TREES * PER_TREE; // 49,980
const ROWS = 1000;

function forest(): HierarchyNode[] {
  return Array.from({ length: TREES }, (_, t) => {
    const base = t * PER_TREE;
    const middles = Array.from({ length: 4 }, (_, m) => {
      const leaves = Array.from({ length: 4 }, (_, l) => new HierarchyNode(base + 5 + 4 * m + l));
      return new HierarchyNode(base + 1 + m, { children: leaves, mutuallyExclusiveChildren: true });
    });
    return new HierarchyNode(base, { children: middles, mutuallyExclusiveChildren: true });
  });
}

const firing = Rng.fromSeed(1).fillBernoulli(new Uint8Array(ROWS * NUM_FEATURES), [0.1], ROWS * NUM_FEATURES);
const dense = Float32Array.from(firing);
const batch = sparseRowsFromDense(dense, ROWS, NUM_FEATURES);
const modifier = hierarchyModifier(forest());
const context = { rng: Rng.fromSeed(2), firstRow: 0, backend: undefined };

describe(`hierarchy, ${NUM_FEATURES} features, ${ROWS} rows at p = 0.1 (${batch.values.length} stored)`, () => {
  bench('construct: build the forest and compile the modifier', () => {
    expect(hierarchyModifier(forest())).toBeTypeOf('function');
  });

  bench('apply (sparse)', () => {
    const out = modifier(batch, context);
    expect(out.values.length).toBeLessThan(batch.values.length);
  });

  bench('apply (dense engine, 1000 × 49,980)', () => {
    const out = modifier.applyDense(dense, ROWS, NUM_FEATURES, context.rng);
    expect(out.length).toBe(dense.length);
  }, { iterations: 3, time: 0 });
});
