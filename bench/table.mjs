#!/usr/bin/env node
// Rebuilds the comparison table from the latest result files (bench/results/<workload>.json and
// bench/results/sae-lens/<workload>.json), e.g. after several `bench:compare --only …` runs.
//   node bench/table.mjs [--smoke]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './lib/plan.mjs';
import { row, table } from './lib/table.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const dir = path.join(RESULTS_DIR, process.argv.includes('--smoke') ? 'smoke' : '');
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const results = {};
const rows = [];
const commands = new Set();
for (const name of Object.keys(WORKLOADS)) {
  const synth = read(path.join(dir, `${name}.json`));
  const peer = read(path.join(dir, 'sae-lens', `${name}.json`));
  if (synth === null || peer === null) continue;
  results[name] = { synth, peer };
  rows.push(row(name, synth, peer));
  commands.add(synth.command);
}
console.log(table(rows, results));
console.log(`\nCommands: ${[...commands].map((c) => `\`${c}\``).join(', ')}`);
