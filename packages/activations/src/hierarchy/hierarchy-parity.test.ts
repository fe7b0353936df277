import { describe, expect, it } from 'vitest';
import { Rng, sparseRowsFromDense, sparseRowsToDense } from '@synth/core';
import { generateHierarchy } from './generate-hierarchy';
import { Hierarchy } from './hierarchy';
import { HierarchyConfig } from './hierarchy-config';
import { hierarchyModifier } from './hierarchy-modifier';
import { HierarchyNode } from './hierarchy-node';
import { buildGraph, correctionFixture, modifierFixture, structureFixture } from './testing/hierarchy-fixtures';
import { validateHierarchy } from './validate-hierarchy';

/** Rows of a dense result, with -0 (SAELens multiplies negatives by 0) read as 0. */
const rowsOf = (dense: Float32Array, columns: number): number[][] =>
  Array.from({ length: dense.length / columns }, (_, r) => Array.from(dense.subarray(r * columns, (r + 1) * columns), (v) => v + 0));
const normalise = (rows: number[][]): number[][] => rows.map((row) => row.map((v) => v + 0));

describe('SAELens parity: hierarchy_modifier on deterministic inputs', () => {
  for (const c of modifierFixture().cases) {
    it(`${c.name}: dense and sparse forms equal SAELens's dense engine exactly`, () => {
      const modifier = hierarchyModifier(c.roots.map((root) => HierarchyNode.fromDict(root)));
      const rows = c.activations.length;
      const input = Float32Array.from(c.activations.flat());
      const context = { rng: Rng.fromSeed(3), firstRow: 0, backend: undefined };
      expect(rowsOf(modifier.applyDense(input, rows, c.numFeatures, context.rng), c.numFeatures)).toEqual(normalise(c.expected));
      const sparse = modifier(sparseRowsFromDense(input, rows, c.numFeatures), context);
      expect(rowsOf(sparseRowsToDense(sparse), c.numFeatures)).toEqual(normalise(c.expected));
      if (c.expectedSparse !== null) expect(normalise(c.expectedSparse)).toEqual(normalise(c.expected));
      expect(Array.from(input)).toEqual(c.activations.flat()); // input untouched
    });
  }
});

describe('SAELens parity: compute_probability_correction_factors', () => {
  for (const c of correctionFixture().cases) {
    it(`${c.name}: equals SAELens's float32 factors (1e-6 relative)`, () => {
      const hierarchy = new Hierarchy(c.roots.map((root) => HierarchyNode.fromDict(root)));
      const factors = hierarchy.computeProbabilityCorrectionFactors(Float32Array.from(c.base));
      c.expected.forEach((expected, i) => expect(Math.abs(factors[i]! - expected)).toBeLessThanOrEqual(1e-6 * expected));
    });
  }
});

describe('SAELens parity: structure', () => {
  const fixture = structureFixture();
  for (const c of fixture.validation) {
    it(`validate_hierarchy "${c.name}": ${c.error ?? 'valid'}`, () => {
      const run = (): void => validateHierarchy(buildGraph(c.graph));
      if (c.error === null) expect(run).not.toThrow();
      else expect(run).toThrow(c.error);
    });
  }

  it('the ME constructor message', () => {
    expect(() => new HierarchyNode(0, { children: [new HierarchyNode(1)], mutuallyExclusiveChildren: true })).toThrow(fixture.meConstructorError);
  });

  it.each(fixture.repr)('repr "$name"', ({ tree, repr }) => expect(String(HierarchyNode.fromDict(tree))).toBe(repr));

  it.each(fixture.configs)('HierarchyConfig.fromDict($kwargs)', ({ kwargs, error, toDict }) => {
    if (error === null) expect(HierarchyConfig.fromDict(kwargs).toDict()).toEqual(toDict);
    else expect(() => HierarchyConfig.fromDict(kwargs)).toThrow(error);
  });

  it.each(fixture.hierarchyToDict)('Hierarchy.toDict and fromDict round trip (%#)', ({ roots, toDict }) => {
    const hierarchy = new Hierarchy(roots.map((root) => HierarchyNode.fromDict(root)));
    expect(hierarchy.toDict()).toEqual(toDict);
    expect(Hierarchy.fromDict(toDict).equals(hierarchy)).toBe(true);
  });

  it.each(fixture.generated)('generate_hierarchy($numFeatures, $config) without randomness equals SAELens', (c) => {
    const hierarchy = generateHierarchy(c.numFeatures, HierarchyConfig.fromDict(c.config), 123);
    expect(hierarchy.toDict()).toEqual(c.toDict);
    expect([...hierarchy.featureIndicesUsed].sort((a, b) => a - b)).toEqual(c.featureIndicesUsed);
    expect(hierarchy.modifier !== null).toBe(c.hasModifier);
  });
});
