/**
 * The in-page test harness: runs the bundled package test files with the real vitest runner
 * (`@vitest/runner`) on one backend, named in the page URL (`?backend=webgl`), hands each file's
 * results to the Node driver as soon as the file finishes (`window.__synthReportFile`, exposed by
 * the driver, so a page that hangs later still reports them), and leaves the summary on
 * `window.__synthResult`.
 *
 * Other URL parameters: `files` and `grep` (narrow the run), `noSkip` (ignore src/skip-rules.mjs),
 * `flags` (TF.js flags as JSON, set before the backend starts) and `sabotage` (see ./sabotage.ts).
 */
import { startTests } from '@vitest/runner';
import type { File, Task, VitestRunner } from '@vitest/runner';
import { TEST_FILES } from 'synth:test-files';
import { expect } from './vitest';
import { preloadBackend } from './backends';
import { sabotageKernel } from './sabotage';
import { SKIP } from 'synth:skip-rules';
import type { BackendInfo, BrowserBackend, PageResult, SkipRule, TestResult } from './protocol';

const params = new URLSearchParams(location.search);
const backend = (params.get('backend') ?? 'wasm') as BrowserBackend;
const only = params.get('files')?.split(',');
const flags = JSON.parse(params.get('flags') ?? '{}') as Record<string, boolean | number>;
const sabotage = params.get('sabotage') ?? undefined;

// loadTestBackends reads SYNTH_TEST_BACKENDS; the tests see exactly the backend under test.
(globalThis as { process?: unknown }).process = { env: { SYNTH_TEST_BACKENDS: backend } };

const runner: VitestRunner = {
  config: {
    root: '/',
    setupFiles: [],
    name: backend,
    passWithNoTests: false,
    testNamePattern: params.has('grep') ? new RegExp(params.get('grep')!) : undefined,
    allowOnly: false,
    sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'list' },
    chaiConfig: undefined,
    maxConcurrency: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
    includeTaskLocation: false,
    tags: [],
    tagsFilter: undefined,
    strictTags: false,
  },
  async importFile(filepath) {
    const load = TEST_FILES[filepath as keyof typeof TEST_FILES];
    if (load === undefined) throw new Error(`No bundled test file ${filepath}.`);
    await load();
  },
  onBeforeTryTask(test) {
    expect.setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, currentTestName: test.name, testPath: test.file.filepath });
  },
  onCollected(files) {
    for (const file of files) applySkipRules(file, []);
  },
  onAfterRunSuite(suite) {
    if (suite.type === 'suite' && 'filepath' in suite) {
      const results: TestResult[] = [];
      flatten(suite as File, [], results);
      finished.push(...results);
      // To the driver now, so a run cut off later (a timeout, a hung GPU process) keeps these.
      void window.__synthReportFile?.(results);
      console.log(`[synth] ${backend} ${(suite as File).filepath}: ${suite.result?.state ?? 'done'}`);
    }
  },
};

const finished: TestResult[] = [];
const skipReasons = new Map<string, string>();
const rules = params.has('noSkip') ? [] : SKIP.filter((rule) => rule.backends.includes(backend));
const usedRules = new Set<SkipRule>();

/** Marks the tests a skip rule names (too slow on SwiftShader, or a known environment limit) as skipped. */
function applySkipRules(task: Task, names: string[]): void {
  if (task.type === 'test') {
    const full = [...names, task.name].join(' > ');
    const rule = rules.find((r) => task.file.filepath === r.file && (r.test === undefined || new RegExp(r.test).test(full)));
    if (rule !== undefined) usedRules.add(rule);
    if (rule !== undefined && task.mode === 'run') {
      task.mode = 'skip';
      skipReasons.set(task.id, rule.reason);
    }
    return;
  }
  const childNames = task.type === 'suite' && task.file !== task ? [...names, task.name] : names;
  for (const child of task.tasks) applySkipRules(child, childNames);
}

/** An error's message, the top of its stack, and its causes (fast-check puts the failing assertion there). */
function describeError(error: { message?: string; stack?: string; cause?: unknown }, depth = 0): string {
  const stack = error.stack === undefined ? '' : `\n${error.stack.split('\n').slice(1, 6).join('\n')}`;
  const cause = error.cause;
  const caused = typeof cause === 'object' && cause !== null && depth < 3 ? `\nCaused by: ${describeError(cause as { message?: string }, depth + 1)}` : '';
  return `${error.message ?? String(error)}${stack}${caused}`;
}

function flatten(task: Task, names: string[], out: TestResult[]): void {
  if (task.type === 'test') {
    const errors = (task.result?.errors ?? []).map(describeError);
    const state = task.mode === 'skip' ? 'skipped' : task.mode === 'todo' ? 'todo' : task.result?.state === 'pass' ? 'passed' : 'failed';
    const reason = skipReasons.get(task.id);
    out.push({ file: task.file.filepath, name: [...names, task.name].join(' > '), state, durationMs: task.result?.duration ?? 0, errors, ...(reason === undefined ? {} : { skipReason: reason }) });
    return;
  }
  const childNames = task.type === 'suite' && task.file !== task ? [...names, task.name] : names;
  for (const child of task.tasks) flatten(child, childNames, out);
  // A file or suite that failed outside its tests (an import error, a failing hook) is one failure.
  if (task.result?.state === 'fail' && (task.result.errors?.length ?? 0) > 0) {
    out.push({ file: task.file.filepath, name: [...childNames, '(suite setup)'].join(' > '), state: 'failed', durationMs: 0, errors: task.result.errors!.map((e) => `${e.message}\n${e.stack ?? ''}`) });
  }
}

async function main(): Promise<PageResult> {
  const started = performance.now();
  const { backend: underTest, info } = await preloadBackend(backend, flags);
  if (sabotage !== undefined) sabotageKernel(underTest, sabotage);
  const files = (only ?? Object.keys(TEST_FILES)).map((filepath) => ({ filepath }));
  window.__synthInfo = info;
  void window.__synthReportInfo?.(info);
  await startTests(files, runner);
  // A rule for a file that ran but that matched no test has gone stale (the test was renamed).
  const ran = new Set(files.map((file) => file.filepath));
  const staleSkipRules = rules.filter((rule) => ran.has(rule.file) && !usedRules.has(rule)).map((rule) => `${rule.file}${rule.test === undefined ? '' : ` /${rule.test}/`}`);
  return { backend, ...info, tests: finished, durationMs: performance.now() - started, staleSkipRules };
}

declare global {
  interface Window {
    __synthResult?: Promise<PageResult>;
    __synthInfo?: object;
    /** Exposed by the Node driver (playwright's exposeFunction). */
    __synthReportFile?: (results: TestResult[]) => Promise<void>;
    __synthReportInfo?: (info: BackendInfo) => Promise<void>;
  }
}
window.__synthResult = main().catch((error: unknown) => ({ backend, label: backend, epsilon: NaN, tests: [], durationMs: 0, fatal: String((error as Error)?.stack ?? error) }));
