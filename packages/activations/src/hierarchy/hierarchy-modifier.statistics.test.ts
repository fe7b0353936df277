/**
 * Statistical tests of the hierarchy modifier, with fixed seeds. Tolerances are derived from the
 * sampling error; chi-square tests use α = 0.001.
 */
import { describe, expect, it } from 'vitest';
import { Rng, sparseRowsFromDense } from '@synth/core';
import type { SparseRows } from '@synth/core';
import { ActivationGenerator } from '../activation-generator';
import { Hierarchy } from './hierarchy';
import { hierarchyModifier } from './hierarchy-modifier';
import { HierarchyNode } from './hierarchy-node';

const node = (index: number | null, children: HierarchyNode[] = [], exclusive = false): HierarchyNode =>
  new HierarchyNode(index, { children, mutuallyExclusiveChildren: exclusive });

/** Upper 0.001 quantiles of chi-square with df = 1..5. */
const CHI_SQUARE_999 = [10.828, 13.816, 16.266, 18.467, 20.515];

function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/** Rows in which each column is active (> 0). */
function firingCounts(batch: SparseRows): Float64Array {
  const counts = new Float64Array(batch.columns);
  batch.values.forEach((v, k) => {
    if (v > 0) counts[batch.columnIndices[k]!]!++;
  });
  return counts;
}

describe('mutual exclusion picks the survivor uniformly', () => {
  const rows = 30_000;

  it.each([
    ['all 4 members of an organisational group active', 4, [0, 1, 2, 3]],
    ['3 active members of a 6-member group under an active parent', 6, [1, 3, 5]],
  ])('%s: each survives with probability 1/k (chi-square, α = 0.001)', (_, size, active) => {
    const members = Array.from({ length: size }, (_, i) => node(i + 1));
    const tree = size === 4 ? node(null, members, true) : node(0, members, true);
    const dense = new Float32Array(rows * (size + 1));
    for (let r = 0; r < rows; r++) {
      dense[r * (size + 1)] = 1;
      for (const a of active) dense[r * (size + 1) + a + 1] = 0.5;
    }
    const out = hierarchyModifier(tree)(sparseRowsFromDense(dense, rows, size + 1), { rng: Rng.fromSeed(11), firstRow: 0, backend: undefined });
    const counts = Array.from(firingCounts(out)).slice(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(rows); // exactly one survivor per row
    const survivors = active.map((a) => counts[a]!);
    expect(chiSquare(survivors, rows / active.length)).toBeLessThan(CHI_SQUARE_999[active.length - 2]!);
  });

  it('draws independently across rows: the survivors of consecutive rows are uncorrelated (chi-square of pairs)', () => {
    const tree = node(null, [node(0), node(1)], true);
    const out = hierarchyModifier(tree)(sparseRowsFromDense(new Float32Array(rows * 2).fill(1), rows, 2), { rng: Rng.fromSeed(5), firstRow: 7, backend: undefined });
    const winners = Array.from(out.columnIndices);
    const pairs = [0, 0, 0, 0];
    for (let r = 1; r < rows; r++) pairs[2 * winners[r - 1]! + winners[r]!]!++;
    expect(chiSquare(pairs, (rows - 1) / 4)).toBeLessThan(CHI_SQUARE_999[2]!);
  });
});

describe('inside an ActivationGenerator', () => {
  const rows = 40_000;
  /** |rate − p| ≤ 5·sqrt(p(1 − p)/n): a 5-sigma binomial band. */
  const band = (p: number): number => 5 * Math.sqrt((p * (1 - p)) / rows);

  it('parent deactivation cascades: a chain of p = 0.5 features fires at 0.5, 0.25, 0.125', () => {
    const chain = node(0, [node(1, [node(2)])]);
    const generator = new ActivationGenerator({ numFeatures: 3, firingProbabilities: 0.5, modifyActivations: hierarchyModifier(chain), seed: 3 });
    const counts = firingCounts(generator.sampleSparse(rows));
    [0.5, 0.25, 0.125].forEach((p, i) => expect(Math.abs(counts[i]! / rows - p)).toBeLessThan(band(p)));
  });

  it('correction factors make effective firing rates equal the base rates without ME', () => {
    const hierarchy = new Hierarchy([node(0, [node(1, [node(3), node(4)]), node(null, [node(2)])]), node(5, [node(6)])]);
    const base = new Float32Array([0.4, 0.2, 0.1, 0.05, 0.15, 0.3, 0.25, 0.2]);
    const factors = hierarchy.computeProbabilityCorrectionFactors(base);
    const corrected = base.map((p, i) => Math.min(1, p * factors[i]!));
    const generator = new ActivationGenerator({ numFeatures: 8, firingProbabilities: corrected, modifyActivations: hierarchy.modifier, seed: 9 });
    const counts = firingCounts(generator.sampleSparse(rows));
    base.forEach((p, i) => expect(Math.abs(counts[i]! / rows - p)).toBeLessThan(band(p)));
  });

  it('is chunk-invariant end to end: batches of 1000 equal one batch', () => {
    const tree = node(0, [node(1), node(2), node(3)], true);
    const options = { numFeatures: 5, firingProbabilities: 0.7, modifyActivations: hierarchyModifier(tree), seed: 4 } as const;
    const whole = new ActivationGenerator(options).sampleSparse(3000);
    const chunked = new ActivationGenerator(options);
    const parts = [chunked.sampleSparse(1000), chunked.sampleSparse(1000), chunked.sampleSparse(1000)];
    expect(Array.from(whole.columnIndices)).toEqual(parts.flatMap((p) => Array.from(p.columnIndices)));
  });
});
