// Command-line options and per-workload run counts, shared by run.mjs and compare.mjs (the
// Python peer parses the same flags, so compare.mjs passes them through unchanged).
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Timed runs per process (after `warmup` untimed ones) and alternation rounds for
 * `bench:compare`. Heavy workloads run once per process: a repeat of gen-1m or a 10M-sample
 * training costs minutes, and every process re-measures setup anyway.
 */
export const PLAN = {
  'gen-16k': { repeats: 5, warmup: 1, rounds: 3 },
  'gen-1m': { repeats: 1, warmup: 0, rounds: 1 },
  'toy-train': { repeats: 1, warmup: 0, rounds: 3 },
  'mcc-planted': { repeats: 2, warmup: 0, rounds: 2 },
  'mcc-random': { repeats: 1, warmup: 0, rounds: 1 },
  orthogonalize: { repeats: 1, warmup: 0, rounds: 2 },
  'train-16k': { repeats: 2, warmup: 1, rounds: 2 },
  'copula-dense': { repeats: 5, warmup: 1, rounds: 3 },
};

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

/** The size parameters of `workload` after `--set workload.key=value` overrides (numbers only). */
export function resolveSize(workload, base, sets) {
  const size = { ...base };
  for (const entry of sets) {
    const match = /^([\w-]+)\.(\w+)=(.+)$/.exec(entry);
    if (!match) throw new Error(`--set ${entry}: expected workload.key=value`);
    const [, name, key, text] = match;
    if (name !== workload) continue;
    if (!(key in size)) throw new Error(`--set ${entry}: ${workload} has no size parameter ${key} (has ${Object.keys(size).join(', ')})`);
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--set ${entry}: expected a number`);
    size[key] = n;
  }
  return size;
}

/** What the result files record about the machine. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
