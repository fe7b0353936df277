/**
 * `Hierarchy` (SPEC §1.8): a forest of hierarchy trees with its modifier.
 */
import { InvalidArgumentError } from '@synth/core';
import { hierarchyModifier, type HierarchyModifier } from './hierarchy-modifier';
import { HierarchyNode } from './hierarchy-node';
import { nodeFromDict, nodeToDict, type HierarchyNodeDict } from './node-dict';
import { probabilityCorrectionFactors } from './probability-correction';

/** `Hierarchy.toDict()`: each node has `feature_index`, `mutually_exclusive_children`, `feature_id`, `children`. */
export interface HierarchyDict {
  readonly roots: readonly HierarchyNodeDict[];
}

/**
 * Hierarchy roots plus the modifier that applies them (`null` when there are no roots).
 *
 * @example
 * ```ts
 * const hierarchy = new Hierarchy([new HierarchyNode(0, { children: [new HierarchyNode(1)] })]);
 * const generator = new ActivationGenerator({ numFeatures: 4, firingProbabilities: 0.3, modifyActivations: hierarchy.modifier });
 * ```
 * @throws ValidationError from `hierarchyModifier` when the roots are not a valid hierarchy.
 */
export class Hierarchy {
  readonly roots: readonly HierarchyNode[];
  readonly modifier: HierarchyModifier | null;

  /** Builds the modifier from `roots` unless one is given (`null` for none). */
  constructor(roots: readonly HierarchyNode[], modifier?: HierarchyModifier | null) {
    this.roots = [...roots];
    this.modifier = modifier !== undefined ? modifier : this.roots.length > 0 ? hierarchyModifier(this.roots) : null;
  }

  /**
   * Every feature index in the forest.
   *
   * @example
   * ```ts
   * hierarchy.featureIndicesUsed.has(1); // true
   * ```
   * @throws ValidationError ("Loop detected") when a tree contains a loop.
   */
  get featureIndicesUsed(): Set<number> {
    return new Set(this.roots.flatMap((root) => root.getAllFeatureIndices()));
  }

  /**
   * SAELens's dict form (note the label key `feature_id`, where `HierarchyNode.fromDict` reads `id`).
   *
   * @example
   * ```ts
   * new Hierarchy([new HierarchyNode(0)]).toDict(); // { roots: [{ feature_index: 0, mutually_exclusive_children: false, feature_id: null, children: [] }] }
   * ```
   * @throws ValidationError ("Loop detected") when a tree contains a loop.
   */
  toDict(): HierarchyDict {
    return { roots: this.roots.map((root) => nodeToDict(root, 'feature_id') as HierarchyNodeDict) };
  }

  /**
   * Rebuilds the roots (label key `feature_id`) and the modifier (`null` for no roots).
   *
   * @example
   * ```ts
   * Hierarchy.fromDict(hierarchy.toDict()).equals(hierarchy); // true
   * ```
   * @throws InvalidArgumentError naming the malformed field; ValidationError for an invalid hierarchy.
   */
  static fromDict(dict: HierarchyDict): Hierarchy {
    const roots = (dict as { roots?: unknown } | null)?.roots;
    if (!Array.isArray(roots)) throw new InvalidArgumentError('dict.roots', 'a list of node dicts', roots);
    const make = (index: number | null, options: ConstructorParameters<typeof HierarchyNode>[1]): HierarchyNode => new HierarchyNode(index, options);
    return new Hierarchy((roots as HierarchyNodeDict[]).map((root, i) => nodeFromDict(root, 'feature_id', `dict.roots[${i}]`, make)));
  }

  /**
   * Structural equality of the roots; the modifiers are not compared.
   *
   * @example
   * ```ts
   * new Hierarchy([new HierarchyNode(0)]).equals(new Hierarchy([new HierarchyNode(0)])); // true
   * ```
   * @throws Nothing.
   */
  equals(other: unknown): boolean {
    if (!(other instanceof Hierarchy) || other.roots.length !== this.roots.length) return false;
    return this.roots.every((root, i) => root.equals(other.roots[i]));
  }

  /**
   * Correction factors for base firing probabilities (SAELens's
   * `compute_probability_correction_factors`): multiply the base probabilities by them (and clamp
   * at 1) so that, after this hierarchy filters the firings, each feature fires at about its base
   * rate — exactly without mutual exclusion, slightly above it with (SPEC §5.8). Roots and
   * features outside every tree get 1.
   *
   * @example
   * ```ts
   * new Hierarchy([new HierarchyNode(0, { children: [new HierarchyNode(1)] })]).computeProbabilityCorrectionFactors(new Float32Array([0.5, 0.2])); // [1, 2]
   * ```
   * @throws InvalidArgumentError when a feature index is outside `baseFiringProbabilities`.
   */
  computeProbabilityCorrectionFactors(baseFiringProbabilities: Float32Array): Float32Array {
    if (!(baseFiringProbabilities instanceof Float32Array)) throw new InvalidArgumentError('baseFiringProbabilities', 'a Float32Array', baseFiringProbabilities);
    return probabilityCorrectionFactors(this.roots, baseFiringProbabilities);
  }
}
