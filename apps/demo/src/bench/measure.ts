/**
 * Times one workload in this process: untimed setup, warm-up runs, then timed repeats; returns a
 * result object (the shape of bench/results/<workload>.json).
 */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { createBackend } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import type { WorkloadMetrics, WorkloadSize } from './workload';
import { WORKLOADS } from './workloads';

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Summary of timed runs; `spread` = (max − min) / median. All null without runs. */
export interface Summary {
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly spread: number | null;
}

/**
 * The summary statistics every result carries (the Python peer computes the same).
 *
 * @example
 * ```ts
 * summarize([1, 2, 4]); // { median: 2, min: 1, max: 4, spread: 1.5 }
 * ```
 */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: null, min: null, max: null, spread: null };
  const m = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: m, min, max, spread: m > 0 ? (max - min) / m : null };
}

/**
 * `workload`'s size after `--set workload.key=value` overrides (numbers only; other workloads' entries are skipped).
 *
 * @example
 * ```ts
 * resolveSize('orthogonalize', WORKLOADS.orthogonalize!.sizes.full, ['orthogonalize.steps=2']).steps; // 2
 * ```
 * @throws Error for a malformed entry, an unknown key or a value that is not a number.
 */
export function resolveSize(workload: string, base: WorkloadSize, sets: readonly string[]): Record<string, number> {
  const size: Record<string, number> = { ...base };
  for (const entry of sets) {
    const match = /^([\w-]+)\.(\w+)=(.+)$/.exec(entry);
    if (!match) throw new Error(`--set ${entry}: expected workload.key=value`);
    const [, name, key, text] = match as unknown as [string, string, string, string];
    if (name !== workload) continue;
    if (!(key in size)) throw new Error(`--set ${entry}: ${workload} has no size parameter ${key} (has ${Object.keys(size).join(', ')})`);
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--set ${entry}: expected a number`);
    size[key] = n;
  }
  return size;
}

/** What the result files record about the machine. */
export function machine(): { cpu: string; cores: number; memoryGiB: number; os: string; loadAverage: number[] } {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${type()} ${release()}`,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** How to measure. */
export interface MeasureOptions {
  readonly smoke: boolean;
  readonly repeats: number;
  readonly warmup: number;
  /** `workload.key=value` size overrides. */
  readonly set: readonly string[];
  /** Runs every workload on this backend instead of its own. */
  readonly backend?: BackendRequest;
  /** Hears each timed run (seconds). */
  readonly onRun?: (seconds: number) => void;
}

/** One workload's measurement. */
export interface BenchResult extends Summary {
  readonly tool: 'synth';
  readonly workload: string;
  readonly what: string;
  readonly size: 'smoke' | 'full';
  readonly params: Record<string, number>;
  readonly backend: string;
  readonly runtime: string;
  readonly repeats: number;
  readonly warmup: number;
  readonly seconds: number[];
  readonly samplesPerSecond?: number;
  readonly setupSeconds: number;
  readonly peakRssBytes: number;
  readonly metrics: Record<string, number>;
  readonly error?: string;
}

/**
 * Sets up, warms up and times `options.repeats` runs of workload `name` in this process.
 *
 * @example
 * ```ts
 * const result = await measureWorkload('mcc-planted', { smoke: true, repeats: 3, warmup: 0, set: [] });
 * console.log(result.median, result.metrics.mcc);
 * ```
 * @throws Error for an unknown workload or bad size override; whatever the workload throws.
 */
export async function measureWorkload(name: string, options: MeasureOptions): Promise<BenchResult> {
  const workload = WORKLOADS[name];
  if (workload === undefined) throw new Error(`unknown workload ${name}`);
  const size = resolveSize(name, options.smoke ? workload.sizes.smoke : workload.sizes.full, options.set);
  const backend = await createBackend(options.backend ?? workload.backend);
  let started = performance.now();
  const instance = await workload.setup(backend, size);
  const setupSeconds = (performance.now() - started) / 1000;
  const seconds: number[] = [];
  let metrics: Record<string, number> = {};
  try {
    for (let i = 0; i < options.warmup; i++) await instance.run();
    for (let i = 0; i < options.repeats; i++) {
      started = performance.now();
      const { timedSeconds, ...rest }: WorkloadMetrics = await instance.run();
      const elapsed = (performance.now() - started) / 1000;
      metrics = rest as Record<string, number>;
      seconds.push(timedSeconds ?? elapsed);
      options.onRun?.(seconds.at(-1)!);
    }
  } finally {
    instance.dispose();
  }
  const summary = summarize(seconds);
  const perRun = workload.throughput?.(size);
  return {
    tool: 'synth',
    workload: name,
    what: workload.what,
    size: options.smoke ? 'smoke' : 'full',
    params: size,
    backend: backend.name,
    runtime: `node ${process.version}`,
    repeats: options.repeats,
    warmup: options.warmup,
    seconds,
    ...summary,
    ...(perRun === undefined || summary.median === null ? {} : { samplesPerSecond: perRun / summary.median }),
    setupSeconds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    metrics,
  };
}
