/**
 * Typed readers for the SAELens hierarchy fixtures in `src/__fixtures__/hierarchy-*.json`, written
 * by `python3 scripts/fixtures/make_sae_lens_fixtures.py --only hierarchy-modifier --only
 * hierarchy-correction --only hierarchy-structure`.
 */
import { readFileSync } from 'node:fs';
import { HierarchyNode } from '../hierarchy-node';
import type { HierarchyConfigDict } from '../hierarchy-config';
import type { HierarchyDict } from '../hierarchy';
import type { HierarchyNodeDict } from '../node-dict';

function read<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../__fixtures__/${file}`, import.meta.url), 'utf8')) as T;
}

export interface ModifierCase {
  name: string;
  roots: HierarchyNodeDict[];
  numFeatures: number;
  activations: number[][];
  expected: number[][];
  expectedSparse: number[][] | null;
}

export interface CorrectionCase {
  name: string;
  roots: HierarchyNodeDict[];
  base: number[];
  expected: number[];
}

export interface GraphSpec {
  nodes: { feature_index: number | null; id: string | null; children: number[]; me?: boolean }[];
  roots: number[];
}

export interface StructureFixture {
  validation: { name: string; graph: GraphSpec; error: string | null }[];
  meConstructorError: string;
  repr: { name: string; tree: HierarchyNodeDict; repr: string }[];
  configs: { kwargs: HierarchyConfigDict; error: string | null; toDict: HierarchyConfigDict | null }[];
  hierarchyToDict: { roots: HierarchyNodeDict[]; toDict: HierarchyDict }[];
  generated: { numFeatures: number; config: HierarchyConfigDict; toDict: HierarchyDict; featureIndicesUsed: number[]; hasModifier: boolean }[];
}

export const modifierFixture = (): { cases: ModifierCase[] } => read('hierarchy-modifier.json');
export const correctionFixture = (): { cases: CorrectionCase[] } => read('hierarchy-correction.json');
export const structureFixture = (): StructureFixture => read('hierarchy-structure.json');

/** Builds a node graph as the fixture script does: nodes first, then children and ME flags (so loops are possible). */
export function buildGraph(graph: GraphSpec): HierarchyNode[] {
  const nodes = graph.nodes.map((spec) => new HierarchyNode(spec.feature_index, { featureId: spec.id }));
  graph.nodes.forEach((spec, i) => {
    nodes[i]!.children = spec.children.map((c) => nodes[c]!);
    nodes[i]!.mutuallyExclusiveChildren = spec.me ?? false;
  });
  return graph.roots.map((r) => nodes[r]!);
}
