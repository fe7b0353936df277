/**
 * `hierarchyModifier` (SPEC §1.8): the activations modifier that imposes feature hierarchies on
 * the generator's sparse batches, plus its dense form.
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { Rng, SparseRows } from '@synth/core';
import type { ModifierContext } from '../activations-modifier';
import { applyDense } from './dense-engine';
import { HIERARCHY_STREAM } from './exclusion-scores';
import { HierarchyNode } from './hierarchy-node';
import { compileHierarchy } from './hierarchy-tables';
import { applySparse, createSparseScratch } from './sparse-engine';
import { validateHierarchy } from './validate-hierarchy';

/** Options of {@link hierarchyModifier}. */
export interface HierarchyModifierOptions {
  /** When given, every feature index must be < numFeatures (checked at construction). */
  readonly numFeatures?: number;
  /** Name of the sub-stream of the context's `rng` that mutual exclusion draws from. Default `'hierarchy'`. */
  readonly streamName?: string;
}

/**
 * An `ActivationsModifier` that applies a hierarchy to a sparse batch, with the same rule on dense
 * row-major arrays as `applyDense(activations, rows, columns, rng, firstRow)`:
 * `sparseRowsToDense(modifier(batch, ctx))` equals `modifier.applyDense(sparseRowsToDense(batch), rows, columns, ctx.rng, ctx.firstRow)`.
 */
export interface HierarchyModifier {
  (batch: SparseRows, context: ModifierContext): SparseRows;
  readonly applyDense: (activations: Float32Array, rows: number, columns: number, rng: Rng, firstRow?: number) => Float32Array;
}

/**
 * Compiles hierarchy trees into an activations modifier. Level by level (BFS levels, counting
 * organisational nodes): (1) a feature is zeroed in rows where its effective parent (nearest
 * ancestor with a feature) is ≤ 0, read after the earlier levels, so it cascades; (2) for each
 * mutually exclusive group whose parent node is at this level, in rows where the parent is active
 * (> 0; organisational parents always are) and two or more members are active, one active member
 * chosen uniformly at random keeps its value and the others are zeroed. Values are never rescaled;
 * roots and features outside every tree never change. The input batch is not changed.
 *
 * @remarks Differences from SAELens, deliberate:
 * - Activity is `value > 0` on both paths (SAELens's COO engine counts any stored entry, even a
 *   stored 0, as active — SPEC §5.4); the sparse and dense forms here always agree.
 * - Entries the hierarchy zeroes are dropped from the sparse result (as SAELens's COO engine
 *   drops them); stored entries it does not touch, explicit zeros included, are kept.
 * - Randomness is chunk-invariant: the survivor in absolute row R depends only on
 *   `(context.rng.split(streamName), R)` (see `exclusion-scores.ts`), not on the batch cut.
 * - A feature index that appears twice in the hierarchy is rejected (SAELens accepts it, and
 *   its two engines then disagree), and so is an index ≥ `options.numFeatures` or ≥ the batch's
 *   columns.
 * - Cost: O(stored entries) per batch after an O(hierarchy) compile.
 * @example
 * ```ts
 * const tree = new HierarchyNode(0, { mutuallyExclusiveChildren: true, children: [new HierarchyNode(1), new HierarchyNode(2)] });
 * const generator = new ActivationGenerator({ numFeatures: 4, firingProbabilities: 0.5, modifyActivations: hierarchyModifier(tree), seed: 1 });
 * const batch = generator.sampleSparse(100); // 1 and 2 fire only with 0, and never together
 * ```
 * @throws ValidationError for an invalid hierarchy (see {@link validateHierarchy}) or a repeated
 * feature index; InvalidArgumentError for a bad option; the returned function throws
 * InvalidArgumentError when a batch has too few columns for the hierarchy.
 */
export function hierarchyModifier(
  roots: HierarchyNode | readonly HierarchyNode[] | null | undefined,
  options: HierarchyModifierOptions = {},
): HierarchyModifier {
  const list = roots === null || roots === undefined ? [] : roots instanceof HierarchyNode ? [roots] : [...roots];
  list.forEach((root, i) => {
    if (!(root instanceof HierarchyNode)) throw new InvalidArgumentError(`roots[${i}]`, 'a HierarchyNode', root);
  });
  const streamName = options.streamName ?? HIERARCHY_STREAM;
  if (typeof streamName !== 'string') throw new InvalidArgumentError('streamName', 'a string', streamName);
  validateHierarchy(list, options.numFeatures);
  const tables = compileHierarchy(list);
  const scratch = createSparseScratch(tables);
  const checkColumns = (parameter: string, columns: number): void => {
    if (!(columns >= tables.tableSize)) {
      throw new InvalidArgumentError(parameter, `at least ${tables.tableSize} (the hierarchy's largest feature index + 1)`, columns);
    }
  };
  const modifier = (batch: SparseRows, context: ModifierContext): SparseRows => {
    checkColumns('batch.columns', batch.columns);
    return applySparse(tables, scratch, batch, context.rng.split(streamName), context.firstRow);
  };
  const dense = (activations: Float32Array, rows: number, columns: number, rng: Rng, firstRow = 0): Float32Array => {
    assertInteger('rows', rows);
    assertInteger('columns', columns);
    assertInteger('firstRow', firstRow);
    if (!(activations instanceof Float32Array && activations.length === rows * columns)) {
      throw new InvalidArgumentError('activations', `a Float32Array of length rows × columns = ${rows * columns}`, activations);
    }
    checkColumns('columns', columns);
    return applyDense(tables, activations, rows, columns, rng.split(streamName), firstRow);
  };
  return Object.assign(modifier, { applyDense: dense });
}

/**
 * The dense convenience form: `hierarchyModifier(roots).applyDense(activations, rows, columns, rng, firstRow)`.
 * Compiles the hierarchy on each call; keep the modifier to apply one hierarchy often.
 *
 * @example
 * ```ts
 * const out = applyHierarchyDense(tree, new Float32Array([0, 1, 1]), 1, 3, Rng.fromSeed(0)); // Float32Array [0, 0, 0]
 * ```
 * @throws The errors of {@link hierarchyModifier}, and InvalidArgumentError for `activations`,
 * `rows`, `columns` or `firstRow` that do not fit.
 */
export function applyHierarchyDense(
  roots: HierarchyNode | readonly HierarchyNode[],
  activations: Float32Array,
  rows: number,
  columns: number,
  rng: Rng,
  firstRow = 0,
): Float32Array {
  return hierarchyModifier(roots).applyDense(activations, rows, columns, rng, firstRow);
}
