#!/usr/bin/env node
// `pnpm bench:compare`: synth and SAELens side by side, alternating, on this machine.
//
//   node bench/compare.mjs                            # every workload, the sizes (an hour+)
//   node bench/compare.mjs --only gen-16k,copula-dense --rounds 3
//   node bench/compare.mjs --only orthogonalize --set orthogonalize.steps=2
//   node bench/compare.mjs --smoke                    # tiny sizes: checks the harness end to end
//
// For each workload it runs `rounds` rounds; a round is one synth process and one SAELens process
// (bench/peer/sae_lens_bench.py, which creates its venv on first use), each doing the planned
// warm-up and timed repeats; the order flips every round so neither side always runs first on a
// machine whose load drifts. All timed runs of a side are pooled: median, min, max, spread.
// Writes bench/results/<workload>.json, bench/results/sae-lens/<workload>.json,
// bench/results/compare.json and prints the markdown table (also bench/results/compare.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, PLAN, RESULTS_DIR, machine, parseArgs } from './lib/plan.mjs';
import { summarize } from './lib/stats.mjs';
import { row, table } from './lib/table.mjs';
import { runSynthWorkload, selectWorkloads, writeResult } from './run.mjs';

const RESULT_PREFIX = 'BENCH_RESULT ';
const PYTHON = process.env.PYTHON ?? 'python3';

function runPeerWorkload(name, options) {
  const plan = PLAN[name];
  const args = [path.join(BENCH_DIR, 'peer', 'sae_lens_bench.py'), '--only', name];
  if (options.smoke) args.push('--smoke');
  args.push('--repeats', String(options.repeats ?? (options.smoke ? 1 : plan.repeats)));
  args.push('--warmup', String(options.warmup ?? (options.smoke ? 0 : plan.warmup)));
  for (const entry of options.set) args.push('--set', entry);
  const child = spawnSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  const line = child.stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) return { tool: 'sae-lens', workload: name, error: `exit ${child.status ?? child.signal}`, seconds: [] };
  return JSON.parse(line.slice(RESULT_PREFIX.length));
}

/** Pools the rounds of one side into one result of the same shape. */
function pool(rounds) {
  const ok = rounds.filter((r) => !r.error);
  const base = ok.at(-1) ?? rounds.at(-1);
  const seconds = ok.flatMap((r) => r.seconds);
  const summary = summarize(seconds);
  const setups = ok.map((r) => r.setupSeconds).filter((s) => typeof s === 'number');
  const pooled = {
    ...base,
    seconds,
    ...summary,
    rounds: rounds.length,
    peakRssBytes: Math.max(0, ...rounds.map((r) => r.peakRssBytes ?? 0)),
    setupSeconds: setups.length > 0 ? summarize(setups).median : null,
  };
  const errors = rounds.filter((r) => r.error).map((r) => r.error);
  if (errors.length > 0) pooled.error = [...new Set(errors)].join('; ');
  else delete pooled.error;
  if (base?.samplesPerSecond !== undefined && summary.median) {
    pooled.samplesPerSecond = (base.samplesPerSecond * base.median) / summary.median;
  }
  return pooled;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const command = `node bench/compare.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const results = {};
  const rows = [];
  for (const name of selectWorkloads(options.only)) {
    const rounds = options.rounds ?? (options.smoke ? 1 : PLAN[name].rounds);
    const synthRounds = [];
    const peerRounds = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['synth', 'peer'] : ['peer', 'synth'];
      for (const side of order) {
        process.stderr.write(`${name} round ${round + 1}/${rounds}: ${side === 'synth' ? 'synth' : 'SAELens'}\n`);
        if (side === 'synth') synthRounds.push(runSynthWorkload(name, options));
        else peerRounds.push(runPeerWorkload(name, options));
      }
    }
    const synth = { ...pool(synthRounds), command };
    const peer = { ...pool(peerRounds), command };
    writeResult(synth, options.smoke);
    writeResult(peer, options.smoke, 'sae-lens');
    results[name] = { synth, peer };
    rows.push(row(name, synth, peer));
    process.stderr.write(`${name}: ratio ${rows.at(-1).ratio?.toFixed(3) ?? '—'}\n`);
  }
  const markdown = table(rows, results);
  const dir = path.join(RESULTS_DIR, options.smoke ? 'smoke' : '');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'compare.json'), `${JSON.stringify({ command, machine: machine(), date: new Date().toISOString(), rows, results }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'compare.md'), `${markdown}\n\nCommand: \`${command}\`\n`);
  console.log(markdown);
  console.log(`\nCommand: ${command}; machine: ${JSON.stringify(machine())}`);
}

await main();
