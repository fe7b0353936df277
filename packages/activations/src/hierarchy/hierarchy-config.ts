/**
 * `HierarchyConfig` (SPEC §1.8): the shape of a generated hierarchy forest, validated in SAELens's
 * order with its messages, and its snake_case dict form.
 */
import { InvalidArgumentError } from '@synth/core';

/** SAELens's `HierarchyConfig.to_dict()`: snake_case keys, a `(min, max)` branching factor as a list. */
export interface HierarchyConfigDict {
  readonly total_root_nodes?: number;
  readonly branching_factor?: number | readonly [number, number];
  readonly max_depth?: number;
  readonly mutually_exclusive_portion?: number;
  readonly mutually_exclusive_min_depth?: number;
  readonly mutually_exclusive_max_depth?: number | null;
  readonly compensate_probabilities?: boolean;
}

/** Options of `new HierarchyConfig(options)`; every field is optional (defaults as SAELens). */
export type HierarchyConfigOptions = Partial<Omit<HierarchyConfig, 'toDict'>>;

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** An InvalidArgumentError whose message also carries SAELens's message. */
function invalid(parameter: string, rule: string, value: unknown, saeLensMessage: string): InvalidArgumentError {
  return new InvalidArgumentError(parameter, rule, value, { detail: `(${saeLensMessage})` });
}

/**
 * How `generateHierarchy` builds a forest: `totalRootNodes` trees, each node above `maxDepth`
 * with `branchingFactor` children (a fixed number, or a `[min, max]` range drawn per parent), and a
 * `mutuallyExclusivePortion` of the eligible parents (depth in
 * `[mutuallyExclusiveMinDepth, mutuallyExclusiveMaxDepth]`) marked mutually exclusive.
 *
 * @remarks Stricter than SAELens: counts and depths must be integers, the portion a number (NaN
 * fails), `compensateProbabilities` a boolean, and `fromDict` rejects unknown keys.
 * @example
 * ```ts
 * const config = new HierarchyConfig({ totalRootNodes: 10, branchingFactor: [2, 5], maxDepth: 2, mutuallyExclusivePortion: 0.3 });
 * config.toDict().branching_factor; // [2, 5]
 * ```
 * @throws InvalidArgumentError, checked in SAELens's order, whose message contains SAELens's:
 * "total_root_nodes must be positive", "branching_factor must be at least 2", "branching_factor
 * minimum must be at least 2", "branching_factor[0] must be <= branching_factor[1]", "max_depth
 * must be at least 1", "mutually_exclusive_portion must be between 0.0 and 1.0",
 * "mutually_exclusive_min_depth must be non-negative", "mutually_exclusive_max_depth must be >=
 * mutually_exclusive_min_depth" (and for a value of the wrong type).
 */
export class HierarchyConfig {
  readonly totalRootNodes: number;
  readonly branchingFactor: number | readonly [number, number];
  readonly maxDepth: number;
  readonly mutuallyExclusivePortion: number;
  readonly mutuallyExclusiveMinDepth: number;
  readonly mutuallyExclusiveMaxDepth: number | null;
  readonly compensateProbabilities: boolean;

  constructor(options: HierarchyConfigOptions = {}) {
    const total = options.totalRootNodes ?? 100;
    if (!(isInteger(total) && total > 0)) throw invalid('totalRootNodes', 'a positive integer', total, 'total_root_nodes must be positive');
    const branching = options.branchingFactor ?? 100;
    if (typeof branching === 'number') {
      if (!(isInteger(branching) && branching >= 2)) throw invalid('branchingFactor', 'an integer >= 2', branching, 'branching_factor must be at least 2');
    } else {
      if (!(Array.isArray(branching) && branching.length === 2)) throw new InvalidArgumentError('branchingFactor', 'an integer or a [min, max] pair', branching);
      const [min, max] = branching as readonly unknown[];
      if (!(isInteger(min) && min >= 2)) throw invalid('branchingFactor[0]', 'an integer >= 2', min, 'branching_factor minimum must be at least 2');
      if (!(isInteger(max) && min <= max)) throw invalid('branchingFactor[1]', `an integer >= branchingFactor[0] = ${min}`, max, 'branching_factor[0] must be <= branching_factor[1]');
    }
    const depth = options.maxDepth ?? 2;
    if (!(isInteger(depth) && depth >= 1)) throw invalid('maxDepth', 'an integer >= 1', depth, 'max_depth must be at least 1');
    const portion = options.mutuallyExclusivePortion ?? 0;
    if (!(typeof portion === 'number' && portion >= 0 && portion <= 1)) {
      throw invalid('mutuallyExclusivePortion', 'a number in [0, 1]', portion, 'mutually_exclusive_portion must be between 0.0 and 1.0');
    }
    const minDepth = options.mutuallyExclusiveMinDepth ?? 0;
    if (!(isInteger(minDepth) && minDepth >= 0)) {
      throw invalid('mutuallyExclusiveMinDepth', 'an integer >= 0', minDepth, 'mutually_exclusive_min_depth must be non-negative');
    }
    const maxMeDepth = options.mutuallyExclusiveMaxDepth ?? null;
    if (maxMeDepth !== null && !(isInteger(maxMeDepth) && maxMeDepth >= minDepth)) {
      throw invalid('mutuallyExclusiveMaxDepth', `null or an integer >= mutuallyExclusiveMinDepth = ${minDepth}`, maxMeDepth, 'mutually_exclusive_max_depth must be >= mutually_exclusive_min_depth');
    }
    const compensate = options.compensateProbabilities ?? false;
    if (typeof compensate !== 'boolean') throw new InvalidArgumentError('compensateProbabilities', 'a boolean', compensate);
    this.totalRootNodes = total;
    this.branchingFactor = typeof branching === 'number' ? branching : [branching[0], branching[1]];
    this.maxDepth = depth;
    this.mutuallyExclusivePortion = portion;
    this.mutuallyExclusiveMinDepth = minDepth;
    this.mutuallyExclusiveMaxDepth = maxMeDepth;
    this.compensateProbabilities = compensate;
  }

  /**
   * Reads SAELens's dict (snake_case keys; a list `branching_factor` becomes a pair).
   *
   * @example
   * ```ts
   * HierarchyConfig.fromDict({ total_root_nodes: 5, branching_factor: [2, 4] }).branchingFactor; // [2, 4]
   * ```
   * @throws InvalidArgumentError for an unknown key or any rule of the constructor.
   */
  static fromDict(dict: HierarchyConfigDict): HierarchyConfig {
    const keys: Record<string, keyof HierarchyConfigOptions> = {
      total_root_nodes: 'totalRootNodes',
      branching_factor: 'branchingFactor',
      max_depth: 'maxDepth',
      mutually_exclusive_portion: 'mutuallyExclusivePortion',
      mutually_exclusive_min_depth: 'mutuallyExclusiveMinDepth',
      mutually_exclusive_max_depth: 'mutuallyExclusiveMaxDepth',
      compensate_probabilities: 'compensateProbabilities',
    };
    if (!(typeof dict === 'object' && dict !== null)) throw new InvalidArgumentError('dict', 'a HierarchyConfig dict (an object)', dict);
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(dict)) {
      const name = keys[key];
      if (name === undefined) throw new InvalidArgumentError('dict', `only the keys ${Object.keys(keys).join(', ')}`, key);
      options[name] = value;
    }
    return new HierarchyConfig(options);
  }

  /**
   * SAELens's `to_dict()`: the fields in declaration order, snake_case, a pair branching factor as a list.
   *
   * @example
   * ```ts
   * new HierarchyConfig().toDict(); // { total_root_nodes: 100, branching_factor: 100, max_depth: 2, … }
   * ```
   * @throws Nothing.
   */
  toDict(): Required<HierarchyConfigDict> {
    return {
      total_root_nodes: this.totalRootNodes,
      branching_factor: typeof this.branchingFactor === 'number' ? this.branchingFactor : [...this.branchingFactor],
      max_depth: this.maxDepth,
      mutually_exclusive_portion: this.mutuallyExclusivePortion,
      mutually_exclusive_min_depth: this.mutuallyExclusiveMinDepth,
      mutually_exclusive_max_depth: this.mutuallyExclusiveMaxDepth,
      compensate_probabilities: this.compensateProbabilities,
    };
  }
}
