// Command-line options and per-workload run counts, shared by run.mjs and compare.mjs (the
// Python peer parses the same flags, so compare.mjs passes them through unchanged).
import { fileURLToPath } from 'node:url';
import { WORKLOADS, machine, resolveSize } from './workloads.mjs';

export { machine, resolveSize };

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Timed runs per process (after `warmup` untimed ones) and alternation rounds for
 * `bench:compare`, from each workload's `plan` (apps/demo/src/bench/*-workloads.ts).
 */
export const PLAN = Object.fromEntries(Object.entries(WORKLOADS).map(([name, workload]) => [name, workload.plan]));

/** Parses `--smoke --only a,b --repeats N --warmup N --rounds N --set workload.key=value`. */
export function parseArgs(argv) {
  const options = { smoke: false, only: null, repeats: null, warmup: null, rounds: null, set: [], child: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--repeats') options.repeats = positive(arg, value());
    else if (arg === '--warmup') options.warmup = nonNegative(arg, value());
    else if (arg === '--rounds') options.rounds = positive(arg, value());
    else if (arg === '--set') options.set.push(value());
    else if (arg === '--child') options.child = value();
    else throw new Error(`unknown option ${arg} (options: --smoke --only a,b --repeats N --warmup N --rounds N --set workload.key=value)`);
  }
  return options;
}

function positive(name, text) {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`${name}: expected an integer ≥ 1, got ${text}`);
  return n;
}

function nonNegative(name, text) {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`${name}: expected an integer ≥ 0, got ${text}`);
  return n;
}
