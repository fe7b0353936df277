// Turns the pages' results into a summary on stdout and a test-report.json in the shape vitest's
// json reporter writes, which tooling/scripts/verify.mjs adds into the closing `N passed` line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** @param {any[]} pages @param {number} startTime */
export function vitestJsonReport(pages, startTime) {
  const tests = pages.flatMap((page) => page.tests.map((test) => ({ ...test, backend: page.backend })));
  const count = (state) => tests.filter((test) => test.state === state).length;
  const suites = new Map();
  for (const test of tests) {
    const key = `${test.file} [${test.backend}]`;
    if (!suites.has(key)) suites.set(key, []);
    suites.get(key).push(test);
  }
  const fatal = pages.filter((page) => page.fatal !== undefined).length;
  return {
    numTotalTestSuites: suites.size,
    numPassedTestSuites: [...suites.values()].filter((list) => list.every((t) => t.state !== 'failed')).length,
    numFailedTestSuites: [...suites.values()].filter((list) => list.some((t) => t.state === 'failed')).length + fatal,
    numPendingTestSuites: 0,
    numTotalTests: tests.length + fatal,
    numPassedTests: count('passed'),
    // A page that never produced results (the backend did not start, the page crashed) is a failure.
    numFailedTests: count('failed') + fatal,
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    startTime,
    success: count('failed') + fatal === 0,
    backends: pages.map(({ backend, label, device, durationMs, fatal: error, tests: list }) => ({
      backend, label, device, durationMs: Math.round(durationMs),
      passed: list.filter((t) => t.state === 'passed').length,
      failed: list.filter((t) => t.state === 'failed').length + (error === undefined ? 0 : 1),
      skipped: list.filter((t) => t.state === 'skipped' || t.state === 'todo').length,
      ...(error === undefined ? {} : { fatal: error }),
    })),
    testResults: [...suites.entries()].map(([name, list]) => ({
      name,
      status: list.some((t) => t.state === 'failed') ? 'failed' : 'passed',
      message: '',
      assertionResults: list.map((t) => ({
        ancestorTitles: t.name.split(' > ').slice(0, -1),
        title: t.name.split(' > ').at(-1),
        fullName: `[${t.backend}] ${t.name}`,
        status: t.state === 'skipped' ? 'pending' : t.state,
        duration: Math.round(t.durationMs),
        failureMessages: t.errors,
      })),
    })),
  };
}

/** Prints failures and the per-backend lines; writes the report. */
export function printAndWrite(pages, startTime, file) {
  const report = vitestJsonReport(pages, startTime);
  for (const page of pages) {
    for (const test of page.tests.filter((t) => t.state === 'failed')) {
      console.log(`\n✗ [${page.backend}] ${test.file} > ${test.name}\n${test.errors.map((e) => `    ${e.replaceAll('\n', '\n    ')}`).join('\n')}`);
    }
    if (page.fatal !== undefined) console.log(`\n✗ [${page.backend}] the page failed before reporting:\n    ${page.fatal.replaceAll('\n', '\n    ')}`);
    for (const rule of page.staleSkipRules ?? []) console.log(`\n! [${page.backend}] skip rule ${rule} matched no test: update src/skip-rules.mjs.`);
  }
  console.log('\nBrowser test summary (headless Chromium):');
  for (const b of report.backends) {
    console.log(`  ${b.failed === 0 ? '✓' : '✗'} ${`[${b.backend}] ${b.label}`.padEnd(58)} ${String(b.passed).padStart(4)} passed, ${b.failed} failed, ${b.skipped} skipped  (${(b.durationMs / 1000).toFixed(1)} s)${b.device ? `  [${b.device}]` : ''}`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped → ${file}`);
  return report;
}
