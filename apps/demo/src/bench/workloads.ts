/**
 * The benchmark workloads, in the order of the comparison table (bench/README.md describes each).
 * `synth bench` runs them, and so do the repository's bench/run.mjs and bench/compare.mjs, which
 * load this module from the built CLI (dist/bench.js) so there is one definition.
 */
import { gen1m, gen16k, copulaDense } from './sampling-workloads';
import { mccPlanted, mccRandom, orthogonalize } from './metric-workloads';
import { toyTrain, train16k } from './training-workloads';
import type { Workload } from './workload';

export const WORKLOADS: Readonly<Record<string, Workload>> = {
  'gen-16k': gen16k,
  'gen-1m': gen1m,
  'toy-train': toyTrain,
  'mcc-planted': mccPlanted,
  'mcc-random': mccRandom,
  orthogonalize,
  'train-16k': train16k,
  'copula-dense': copulaDense,
};

/** Workload names, in table order. */
export const WORKLOAD_NAMES: readonly string[] = Object.keys(WORKLOADS);

/**
 * The workloads `only` names (all when null), in table order.
 *
 * @example
 * ```ts
 * selectWorkloads(['copula-dense', 'gen-16k']); // ['gen-16k', 'copula-dense']
 * ```
 * @throws Error naming an unknown workload and listing the known ones.
 */
export function selectWorkloads(only: readonly string[] | null): string[] {
  if (only === null) return [...WORKLOAD_NAMES];
  for (const name of only) if (!WORKLOAD_NAMES.includes(name)) throw new Error(`unknown workload ${name} (have ${WORKLOAD_NAMES.join(', ')})`);
  return WORKLOAD_NAMES.filter((name) => only.includes(name));
}
