/**
 * What a benchmark workload is. A workload builds everything untimed in `setup` and returns an
 * instance whose `run()` does the timed work once and returns metrics it has checked, so the work
 * can be neither optimised away nor silently broken. The SAELens side of each workload is
 * bench/peer/sae_lens_bench.py: the two must stay in step (sizes, parameters, timed region).
 */
import type { Backend, BackendName } from '@synth/core';

/** Size parameters of a workload: numbers only, so `--set workload.key=value` can change them. */
export type WorkloadSize = Readonly<Record<string, number>>;

/** What one timed run returns. `timedSeconds` replaces the outer timer when only part of `run` is the workload. */
export interface WorkloadMetrics {
  readonly timedSeconds?: number;
  readonly [metric: string]: number | undefined;
}

/** A set-up workload, ready to time. */
export interface WorkloadInstance {
  run(): Promise<WorkloadMetrics>;
  dispose(): void;
}

/** The target ratio synth time / SAELens time, and what else `bench:compare` checks. */
export interface WorkloadGoal {
  readonly ratio: number;
  readonly mccTolerance?: number;
  readonly peakRssGiB?: number;
}

/**
 * Timed runs per process (after `warmup` untimed ones) and alternation rounds of
 * `bench:compare`. Heavy workloads run once per process: a repeat of gen-1m or a 10M-sample
 * training costs minutes, and every process re-measures setup anyway.
 */
export interface WorkloadPlan {
  readonly repeats: number;
  readonly warmup: number;
  readonly rounds: number;
}

/** One benchmark workload. */
export interface Workload<Size extends WorkloadSize = WorkloadSize> {
  readonly goal: WorkloadGoal;
  readonly plan: WorkloadPlan;
  /** The backend it runs on unless told otherwise. */
  readonly backend: BackendName;
  /** One line: what is timed. */
  readonly what: string;
  /** The sizes, and tiny ones for the smoke run. */
  readonly sizes: { readonly full: Size; readonly smoke: Size };
  /** Samples processed per run, where a samples/s figure makes sense. */
  readonly throughput?: (size: Size) => number;
  setup(backend: Backend, size: Size): Promise<WorkloadInstance>;
}

/**
 * Keeps a workload's own size type while listing it with the others.
 *
 * @example
 * ```ts
 * export const tiny = defineWorkload<{ n: number }>({ goal: { ratio: 1 }, plan: { repeats: 1, warmup: 0, rounds: 1 }, backend: 'wasm', what: 'nothing', sizes: { full: { n: 2 }, smoke: { n: 1 } }, setup: () => Promise.resolve({ run: () => Promise.resolve({}), dispose: () => {} }) });
 * ```
 */
export function defineWorkload<Size extends WorkloadSize>(workload: Workload<Size>): Workload {
  return workload as unknown as Workload;
}

/** Hidden activations must come back with the right shape and finite, non-trivial values; frees them. */
export async function checkHidden(tensor: { readonly shape: readonly number[]; data(): Promise<ArrayLike<number>>; dispose(): void }, rows: number, columns: number): Promise<number> {
  const [r, c] = tensor.shape;
  const data = await tensor.data();
  tensor.dispose();
  let sumSquares = 0;
  // Every 97th value: enough to catch NaN or all-zero output without reading the whole batch twice.
  for (let i = 0; i < data.length; i += 97) sumSquares += data[i]! * data[i]!;
  if (r !== rows || c !== columns || !Number.isFinite(sumSquares) || !(sumSquares > 0)) {
    throw new Error(`unexpected hidden activations: shape ${r}×${c} (want ${rows}×${columns}), Σx² sample ${sumSquares}`);
  }
  return sumSquares;
}
