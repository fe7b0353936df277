#!/usr/bin/env node
// `pnpm bench`: runs synth's side of the workloads on the build and writes
// bench/results/<workload>.json (bench/results/smoke/ with --smoke).
//
//   node bench/run.mjs                       # every workload at the issue's sizes (long: ~15 min+)
//   node bench/run.mjs --smoke               # tiny sizes, seconds (what CI runs)
//   node bench/run.mjs --only gen-16k,mcc-planted --repeats 3
//   node bench/run.mjs --only orthogonalize --set orthogonalize.steps=2
//
// Each workload runs in its own Node process so its peak RSS is its own (the smoke: one process).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAN, RESULTS_DIR, machine, parseArgs } from './lib/plan.mjs';
import { summarize } from './lib/stats.mjs';
import { measureWorkload, selectWorkloads } from './lib/workloads.mjs';

export { selectWorkloads };

const SELF = fileURLToPath(import.meta.url);
const RESULT_PREFIX = 'BENCH_RESULT ';

/** Runs one workload in a child process; returns its result object (or one with `error`). */
export function runSynthWorkload(name, options, extra = {}) {
  const plan = PLAN[name];
  const args = [SELF, '--child', name, ...(options.smoke ? ['--smoke'] : [])];
  args.push('--repeats', String(extra.repeats ?? options.repeats ?? (options.smoke ? 1 : plan.repeats)));
  args.push('--warmup', String(options.warmup ?? (options.smoke ? 0 : plan.warmup)));
  for (const entry of options.set) args.push('--set', entry);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || line === undefined) {
    return { tool: 'synth', workload: name, error: `exit ${child.status ?? child.signal}`, seconds: [], ...summarize([]) };
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length));
}

/** Sets up, warms up and times `repeats` runs of one workload in this process (the built CLI's measureWorkload). */
async function measure(name, options) {
  const result = await measureWorkload(name, {
    smoke: options.smoke,
    repeats: options.repeats,
    warmup: options.warmup,
    set: options.set,
    onRun: (seconds) => process.stderr.write(`  synth ${name}: ${seconds.toFixed(3)} s\n`),
  });
  const version = JSON.parse(readFileSync(new URL('../packages/core/package.json', import.meta.url), 'utf8')).version;
  return { ...result, version, machine: machine(), date: new Date().toISOString() };
}

export function writeResult(result, smoke, subdir = '') {
  const dir = path.join(RESULTS_DIR, smoke ? 'smoke' : '', subdir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${result.workload}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.child !== null) {
    const result = await measure(options.child, { ...options, repeats: options.repeats ?? 1, warmup: options.warmup ?? 0 });
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
    return;
  }
  let failed = 0;
  for (const name of selectWorkloads(options.only)) {
    process.stderr.write(`synth ${name}${options.smoke ? ' (smoke)' : ''}\n`);
    // The smoke runs every workload in this one process (seconds, not a process start each);
    // its peak RSS is then cumulative, which the smoke does not look at.
    const result = options.smoke
      ? await measure(name, { ...options, repeats: options.repeats ?? 1, warmup: options.warmup ?? 0 }).catch((error) => ({ tool: 'synth', workload: name, error: String(error?.stack ?? error), seconds: [] }))
      : runSynthWorkload(name, options);
    result.command = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
    writeResult(result, options.smoke);
    if (result.error) failed++;
    const rss = result.peakRssBytes ? `, peak RSS ${(result.peakRssBytes / 2 ** 30).toFixed(2)} GiB` : '';
    console.log(`${name.padEnd(14)} ${result.error ? `FAILED (${result.error})` : `median ${result.median.toFixed(3)} s (spread ${(100 * result.spread).toFixed(0)} %, n ${result.seconds.length})${rss}`}`);
  }
  if (failed > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main();
