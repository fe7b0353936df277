import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng, ValidationError } from '@synth/core';
import { generateHierarchy } from './generate-hierarchy';
import { Hierarchy } from './hierarchy';
import { HierarchyConfig } from './hierarchy-config';
import { HierarchyNode } from './hierarchy-node';
import { arbitraryForest } from './testing/arbitrary-hierarchy';
import { validateHierarchy } from './validate-hierarchy';

const node = (index: number | null, children: HierarchyNode[] = [], exclusive = false): HierarchyNode =>
  new HierarchyNode(index, { children, mutuallyExclusiveChildren: exclusive });

describe('HierarchyNode', () => {
  it('round-trips through toDict/fromDict and Hierarchy.toDict/fromDict, structurally equal (property)', () => {
    fc.assert(
      fc.property(arbitraryForest(), ({ roots }) => {
        for (const root of roots) expect(HierarchyNode.fromDict(root.toDict()).equals(root)).toBe(true);
        const hierarchy = new Hierarchy(roots);
        expect(Hierarchy.fromDict(JSON.parse(JSON.stringify(hierarchy.toDict())) as ReturnType<Hierarchy['toDict']>).equals(hierarchy)).toBe(true);
        expect([...hierarchy.featureIndicesUsed].sort()).toEqual(roots.flatMap((r) => r.getAllFeatureIndices()).sort());
      }),
    );
  });

  it('equals compares index, flag, featureId and children in order', () => {
    expect(node(0, [node(1), node(2)]).equals(node(0, [node(2), node(1)]))).toBe(false);
    expect(new HierarchyNode(0, { featureId: 'a' }).equals(new HierarchyNode(0))).toBe(false);
    expect(node(0).equals({ featureIndex: 0 })).toBe(false);
  });

  it('walks a 100,000-level tree iteratively (indices, validate, toDict, fromDict, equals)', () => {
    let tree = node(null);
    for (let i = 0; i < 100_000; i++) tree = node(i, [tree]);
    expect(tree.getAllFeatureIndices()[0]).toBe(99_999);
    expect(() => tree.validate()).not.toThrow();
    expect(HierarchyNode.fromDict(tree.toDict()).equals(tree)).toBe(true);
  });

  it('prints a 3,000-level tree (its repr is quadratic in depth, 18M characters)', () => {
    let tree = node(null);
    for (let i = 0; i < 3000; i++) tree = node(i, [tree]);
    expect(String(tree).split('\n')).toHaveLength(3001);
  });

  it.each([
    [() => new HierarchyNode(-1), 'featureIndex'],
    [() => new HierarchyNode(1.5), 'featureIndex'],
    [() => new HierarchyNode(2 ** 25), 'featureIndex'],
    [() => HierarchyNode.fromDict({ feature_index: 0, mutually_exclusive_children: true, children: [{}] }), 'Need at least 2 children for mutual exclusion'],
    [() => HierarchyNode.fromDict({ children: [{ feature_index: 'x' as unknown as number }] }), 'dict.children[0].feature_index'],
    [() => HierarchyNode.fromDict({ children: {} as unknown as [] }), 'dict.children'],
    [() => Hierarchy.fromDict({ roots: [{ id: 3 as unknown as string, feature_id: 4 as unknown as string }] }), 'dict.roots[0].feature_id'],
  ])('rejects bad input (%#)', (run, message) => {
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(message);
  });

  it('reports a loop instead of walking forever', () => {
    const a = node(0);
    a.children.push(a);
    expect(() => a.getAllFeatureIndices()).toThrow(new ValidationError('Loop detected: node (feature_index=0) is its own ancestor.'));
    expect(() => String(a)).toThrow(ValidationError);
  });
});

describe('validateHierarchy: numFeatures (ours)', () => {
  it('rejects indices >= numFeatures after SAELens checks', () => {
    expect(() => validateHierarchy([node(0, [node(3)])], 3)).toThrow('numFeatures = 3');
    expect(() => validateHierarchy([node(0, [node(3)])], 4)).not.toThrow();
    expect(() => validateHierarchy([node(0)], -1)).toThrow(InvalidArgumentError);
  });
});

describe('HierarchyConfig', () => {
  it('round-trips valid configs through toDict/fromDict (property)', () => {
    const arbitraryConfig = fc.record({
      totalRootNodes: fc.integer({ min: 1, max: 1000 }),
      branchingFactor: fc.oneof(fc.integer({ min: 2, max: 50 }), fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 9, max: 20 }))),
      maxDepth: fc.integer({ min: 1, max: 5 }),
      mutuallyExclusivePortion: fc.double({ min: 0, max: 1, noNaN: true }),
      mutuallyExclusiveMinDepth: fc.integer({ min: 0, max: 3 }),
      compensateProbabilities: fc.boolean(),
    });
    fc.assert(
      fc.property(arbitraryConfig, (options) => {
        const config = new HierarchyConfig(options);
        expect(HierarchyConfig.fromDict(JSON.parse(JSON.stringify(config.toDict())) as ReturnType<HierarchyConfig['toDict']>)).toEqual(config);
      }),
    );
  });

  it.each([
    [{ totalRootNodes: Number.NaN }, 'total_root_nodes must be positive'],
    [{ branchingFactor: [2] as unknown as [number, number] }, 'branchingFactor'],
    [{ mutuallyExclusivePortion: Number.NaN }, 'mutually_exclusive_portion must be between 0.0 and 1.0'],
    [{ maxDepth: 1.5 }, 'max_depth must be at least 1'],
    [{ compensateProbabilities: 1 as unknown as boolean }, 'compensateProbabilities'],
  ])('rejects %j', (options, message) => expect(() => new HierarchyConfig(options)).toThrow(message));

  it('rejects unknown dict keys', () => expect(() => HierarchyConfig.fromDict({ depth: 2 } as never)).toThrow('only the keys'));
});

describe('generateHierarchy', () => {
  it('lays out indices breadth-first, draws branching in [min, max], and marks floor(eligible · portion) parents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (n, roots, min, extra, portion, seed) => {
        const config = new HierarchyConfig({ totalRootNodes: roots, branchingFactor: [min, min + extra], maxDepth: 2, mutuallyExclusivePortion: portion });
        const hierarchy = generateHierarchy(n, config, seed);
        const bfs: HierarchyNode[] = [...hierarchy.roots];
        for (let i = 0; i < bfs.length; i++) bfs.push(...bfs[i]!.children);
        expect(bfs.map((x) => x.featureIndex)).toEqual(bfs.map((_, i) => i));
        expect(bfs.length).toBe(Math.min(n, bfs.length));
        const parents = bfs.filter((x) => x.children.length > 0);
        for (const p of parents.slice(0, -1)) expect(p.children.length).toBeGreaterThanOrEqual(min);
        for (const p of parents) expect(p.children.length).toBeLessThanOrEqual(min + extra);
        const eligible = bfs.filter((x) => x.children.length >= 2 && bfs.indexOf(x) < roots + roots * (min + extra));
        expect(bfs.filter((x) => x.mutuallyExclusiveChildren).length).toBe(Math.floor(eligible.length * portion));
        expect(generateHierarchy(n, config, Rng.fromSeed(seed)).equals(hierarchy)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('respects the ME depth window', () => {
    const config = new HierarchyConfig({ totalRootNodes: 3, branchingFactor: 3, maxDepth: 3, mutuallyExclusivePortion: 1, mutuallyExclusiveMinDepth: 1, mutuallyExclusiveMaxDepth: 1 });
    const h = generateHierarchy(1000, config);
    expect(h.roots.every((r) => !r.mutuallyExclusiveChildren && r.children.every((c) => c.mutuallyExclusiveChildren))).toBe(true);
  });

  it.each([[-1], [1.5], [2 ** 25 + 1]])('rejects numFeatures %p', (n) => expect(() => generateHierarchy(n, new HierarchyConfig())).toThrow(InvalidArgumentError));
});
