/**
 * `synth bench`: runs the benchmark workloads and prints a table or JSON. With `--smoke` (tiny
 * sizes) every workload runs in this process; otherwise each runs in a child process of its own,
 * so its peak RSS is its own (a child is this CLI with `--in-process --json --only <name>`).
 */
import { spawnSync } from 'node:child_process';
import type { BackendRequest } from '@synth/core';
import { machine, measureWorkload, resolveSize, summarize } from './measure';
import type { BenchResult } from './measure';
import { WORKLOADS, selectWorkloads } from './workloads';

/** Options of `synth bench`. */
export interface BenchOptions {
  readonly only?: string[];
  readonly smoke: boolean;
  readonly repeats?: number;
  readonly warmup?: number;
  readonly set: string[];
  readonly backend?: BackendRequest;
  readonly inProcess: boolean;
  readonly json: boolean;
}

/** What `synth bench --json` prints. */
export interface BenchReport {
  readonly size: 'smoke' | 'full';
  readonly machine: ReturnType<typeof machine>;
  readonly results: BenchResult[];
}

function failed(name: string, smoke: boolean, error: string): BenchResult {
  return {
    tool: 'synth', workload: name, what: WORKLOADS[name]!.what, size: smoke ? 'smoke' : 'full', params: {}, backend: '', runtime: `node ${process.version}`,
    repeats: 0, warmup: 0, seconds: [], ...summarize([]), setupSeconds: 0, peakRssBytes: 0, metrics: {}, error,
  };
}

/** Runs one workload in a child process (this CLI, `--in-process`). */
function inChild(name: string, options: BenchOptions, repeats: number, warmup: number): BenchResult {
  const args = [process.argv[1]!, 'bench', '--in-process', '--json', '--only', name, '--repeats', String(repeats), '--warmup', String(warmup)];
  if (options.smoke) args.push('--smoke');
  if (options.backend !== undefined) args.push('--backend', options.backend);
  for (const entry of options.set) args.push('--set', entry);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  if (child.status !== 0) return failed(name, options.smoke, `exit ${child.status ?? child.signal}`);
  return (JSON.parse(child.stdout) as BenchReport).results[0]!;
}

const fmt = (s: number | null): string => (s === null ? '—' : s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3));

/** The result table, one line per workload. */
export function benchTable(results: readonly BenchResult[]): string {
  const header = ['workload', 'backend', 'median s', 'min s', 'max s', 'spread', 'setup s', 'peak RSS', 'checked'];
  const rows = results.map((r) => [
    r.workload,
    r.backend,
    r.error === undefined ? fmt(r.median) : 'FAILED',
    fmt(r.min),
    fmt(r.max),
    r.spread === null ? '—' : `${(100 * r.spread).toFixed(0)} %`,
    r.error === undefined ? fmt(r.setupSeconds) : '—',
    r.peakRssBytes > 0 ? `${(r.peakRssBytes / 2 ** 30).toFixed(2)} GiB` : '—',
    r.error ?? Object.entries(r.metrics).map(([k, v]) => `${k} ${Number(v.toPrecision(4))}`).join(', ') + (r.samplesPerSecond === undefined ? '' : `, ${Math.round(r.samplesPerSecond)} samples/s`),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Runs `synth bench`; returns false when a workload failed (the caller exits 1).
 *
 * @example
 * ```ts
 * const ok = await runBench({ smoke: true, set: [], inProcess: true, json: false });
 * ```
 * @throws Error for an unknown workload or a bad `--set` entry (before anything runs).
 */
export async function runBench(options: BenchOptions): Promise<boolean> {
  const names = selectWorkloads(options.only ?? null);
  // Bad --set entries fail here, as one line, before anything runs.
  for (const entry of options.set) {
    const workload = /^([\w-]+)\./.exec(entry)?.[1];
    if (workload === undefined || WORKLOADS[workload] === undefined) throw new Error(`--set ${entry}: expected workload.key=value with a known workload`);
    resolveSize(workload, WORKLOADS[workload].sizes.full, [entry]);
  }
  const results: BenchResult[] = [];
  for (const name of names) {
    const plan = WORKLOADS[name]!.plan;
    const repeats = options.repeats ?? (options.smoke ? 1 : plan.repeats);
    const warmup = options.warmup ?? (options.smoke ? 0 : plan.warmup);
    if (!options.json) process.stderr.write(`synth bench ${name}${options.smoke ? ' (smoke)' : ''}\n`);
    if (options.smoke || options.inProcess) {
      const measure = {
        smoke: options.smoke, repeats, warmup, set: options.set,
        ...(options.backend === undefined ? {} : { backend: options.backend }),
        ...(options.json ? {} : { onRun: (seconds: number) => process.stderr.write(`  ${name}: ${seconds.toFixed(3)} s\n`) }),
      };
      // A workload that throws is recorded and the others still run; the exit code says so.
      results.push(await measureWorkload(name, measure).catch((error: unknown) => failed(name, options.smoke, error instanceof Error ? error.message : String(error))));
    } else {
      results.push(inChild(name, options, repeats, warmup));
    }
  }
  const report: BenchReport = { size: options.smoke ? 'smoke' : 'full', machine: machine(), results };
  console.log(options.json ? JSON.stringify(report) : benchTable(results));
  return results.every((r) => r.error === undefined);
}
