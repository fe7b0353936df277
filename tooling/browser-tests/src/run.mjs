#!/usr/bin/env node
// Runs the backend conformance suite and the backend-parametrised package tests in headless
// Chromium on wasm, webgl and webgpu (SwiftShader), plus the conformance suite on a float16 WebGL
// device, then writes test-report.json (vitest's JSON shape). See ../README.md.
//
//   node src/run.mjs                            every pass (wasm, webgl, webgpu, webgl-f16)
//   node src/run.mjs --backends webgl,webgpu    some passes
//   node src/run.mjs --files packages/core/src/testing/conformance.test.ts   (any test files)
//   node src/run.mjs --grep 'matMul'            tests whose full name matches
//   node src/run.mjs --sabotage Relu            a deliberately wrong kernel: the run must fail
//   node src/run.mjs --tf-flags WEBGL_FORCE_F16_TEXTURES=true   TF.js flags on every pass
//   node src/run.mjs --throughput               also time the core workloads (throughput.json)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from './build.mjs';
import { CHROMIUM, launchChromium, runPage } from './browser.mjs';
import { printAndWrite } from './report.mjs';
import { startServer } from './server.mjs';
import { CONFORMANCE, browserTestFiles } from './test-files.mjs';
import { runThroughput } from './throughput.mjs';

/**
 * One page per pass: a backend, the TF.js flags set before it starts, and the files it runs.
 * `webgl-f16` is WebGL as a device that renders only float16 (many phones): TF.js then stores
 * every tensor in half precision and @synth/core reports ε = 2⁻¹⁰, from which the conformance
 * suite derives its tolerances. The package tests check float32 parity bars (SAELens fixtures at
 * 1e-5), which float16 cannot meet by design, so that pass runs the conformance suite only.
 */
const PASSES = {
  wasm: { backend: 'wasm' },
  webgl: { backend: 'webgl' },
  webgpu: { backend: 'webgpu' },
  'webgl-f16': { backend: 'webgl', flags: { WEBGL_FORCE_F16_TEXTURES: true }, files: [CONFORMANCE] },
};

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: Object.keys(PASSES).join(',') },
    files: { type: 'string' },
    grep: { type: 'string' },
    sabotage: { type: 'string' },
    'tf-flags': { type: 'string' },
    throughput: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
    report: { type: 'string', default: 'test-report.json' },
    'no-skip': { type: 'boolean', default: false },
  },
});
const passes = values.backends.split(',').map((name) => {
  const pass = PASSES[name.trim()];
  if (pass === undefined) throw new Error(`Unknown --backends entry ${name}: expected some of ${Object.keys(PASSES).join(', ')}.`);
  return { name: name.trim(), ...pass };
});

/** `--tf-flags A=true,B=0` as `{ A: true, B: 0 }`. */
function parseFlags(text) {
  if (text === undefined) return {};
  return Object.fromEntries(text.split(',').map((entry) => {
    const [key, value] = entry.split('=');
    if (key === undefined || value === undefined) throw new Error(`Invalid --tf-flags entry ${entry}: expected FLAG=value.`);
    return [key.trim(), value === 'true' ? true : value === 'false' ? false : Number(value)];
  }));
}
const extraFlags = parseFlags(values['tf-flags']);

// Fail before bundling, and say what to do: CI (.ci/run) installs Debian's chromium.
if (!existsSync(CHROMIUM)) {
  console.error(`Browser tests need Chromium at ${CHROMIUM}, and there is none. Install Debian's chromium (sudo apt-get install -y chromium; .ci/run does this) or point SYNTH_CHROMIUM at a Chromium binary.`);
  process.exit(1);
}

const packageDir = new URL('..', import.meta.url).pathname;
const startTime = Date.now();
// --files bundles just those (any workspace-relative test files, e.g. a scratch one).
const requested = values.files?.split(',').map((file) => file.trim());
const testFiles = requested ?? browserTestFiles();
const outdir = mkdtempSync(join(tmpdir(), 'synth-browser-tests-'));
let exitCode = 1;
await buildBundle({ outdir, testFiles });
console.log(`Bundled ${testFiles.length} test files in ${((Date.now() - startTime) / 1000).toFixed(1)} s.`);
const browser = await launchChromium();
const server = await startServer(outdir);
try {
  const pages = [];
  for (const pass of passes) {
    // A pass limited to some files (webgl-f16) runs only those of the requested ones.
    const files = requested === undefined ? pass.files : pass.files === undefined ? requested : requested.filter((file) => pass.files.includes(file));
    if (files !== undefined && files.length === 0) {
      console.log(`[synth] ${pass.name}: none of the requested files runs on this pass.`);
      continue;
    }
    const query = new URLSearchParams({ backend: pass.backend });
    if (files !== undefined) query.set('files', files.join(','));
    if (values.grep) query.set('grep', values.grep);
    if (values['no-skip']) query.set('noSkip', '1');
    if (values.sabotage) query.set('sabotage', values.sabotage);
    const flags = { ...pass.flags, ...extraFlags };
    if (Object.keys(flags).length > 0) query.set('flags', JSON.stringify(flags));
    pages.push(await runPage(browser, `${server.origin}/?${query}`, pass.name, Number(values.timeout) * 1000));
  }
  const report = printAndWrite(pages, startTime, resolve(packageDir, values.report));
  if (values.sabotage) {
    console.log(report.success
      ? `\nSabotage check FAILED: with ${values.sabotage} wrong, every test still passed.`
      : `\nSabotage check: ${values.sabotage} wrong made ${report.numFailedTests} tests fail, as it must.`);
  }
  if (values.throughput) await runThroughput(browser, server.origin, passes.map((pass) => pass.backend).filter((b, i, all) => all.indexOf(b) === i), join(packageDir, 'throughput.json'));
  console.log(`Browser tests took ${((Date.now() - startTime) / 1000).toFixed(1)} s.`);
  exitCode = report.success ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(exitCode);
