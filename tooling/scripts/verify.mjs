#!/usr/bin/env node
// The one test command (README, .ci/run): build, lint, typecheck and test every package through
// turbo, then sum up every package's vitest JSON report as the closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const workspaces = ['packages', 'apps', 'tooling']
  .flatMap((dir) => readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, dir, entry.name)));

// Stale reports from an earlier run must not be counted; turbo restores cached ones.
for (const dir of workspaces) rmSync(join(dir, 'test-report.json'), { force: true });

const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', 'lint', 'typecheck', 'test', '--continue', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaces) {
  const report = join(dir, 'test-report.json');
  if (!existsSync(report)) continue;
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8'));
  passed += numPassedTests;
  failed += numFailedTests;
  skipped += numPendingTests + numTodoTests;
}
const code = turbo.status ?? 1;
// A build, lint or typecheck failure fails the run even when every test that ran passed.
if (code !== 0) console.log(`turbo exited with code ${code}: see the failing task above.`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
