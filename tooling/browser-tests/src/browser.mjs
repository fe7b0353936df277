// Drives Debian's headless Chromium through playwright-core (never `playwright install`).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SYNTH_CHROMIUM ?? '/usr/bin/chromium';

// SwiftShader gives WebGL 2 and WebGPU with no GPU: the same shaders a GPU runs, on the CPU.
// No --disable-gpu: WebGPU's synchronous reads (tfjs copies the buffer through a canvas) need the
// GPU process on Vulkan-SwiftShader; with --disable-gpu they read zeros and then lose the device.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader',
];

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set SYNTH_CHROMIUM.`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Resolves with `promise`'s value, or with `fallback` after `ms`. */
function within(promise, ms, fallback) {
  let timer;
  return Promise.race([promise, new Promise((resolve) => { timer = setTimeout(() => resolve(fallback), ms); })]).finally(() => clearTimeout(timer));
}

/**
 * Opens `url` in a fresh context (a fresh TensorFlow.js engine) and collects the harness's results:
 * each file's as it finishes (through an exposed function, so a page that hangs or crashes later
 * still reports them), then the summary. A page that does not finish within `timeoutMs` is cut
 * off; what it reported counts, and the run fails naming the timeout.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {string} pass the name the report uses (a backend, or e.g. `webgl-f16`)
 * @param {number} timeoutMs
 */
export async function runPage(browser, url, pass, timeoutMs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  const tests = [];
  let info = { label: pass, epsilon: NaN };
  let fatal;
  let staleSkipRules = [];
  await page.exposeFunction('__synthReportFile', (results) => { tests.push(...results); });
  await page.exposeFunction('__synthReportInfo', (reported) => { info = reported; });
  page.on('console', (message) => {
    const text = message.text();
    // The harness names the backend; the log names the pass (webgl-f16 is a webgl page).
    if (text.startsWith('[synth]')) console.log(`${text.replace(/^\[synth\] (wasm|webgl|webgpu) /, `[synth] ${pass} `)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    else if (message.type() === 'error') console.log(`[${pass} console] ${text}`);
  });
  page.on('pageerror', (error) => console.log(`[${pass} page error] ${error.stack ?? error.message}`));
  page.on('crash', () => { fatal ??= 'the page crashed'; });
  try {
    await page.goto(url);
    const done = page.waitForFunction(() => window.__synthResult !== undefined, null, { timeout: 0 })
      .then(() => page.evaluate(() => window.__synthResult));
    // After a timeout `done` rejects when the context closes; nothing waits for it then.
    done.catch(() => undefined);
    const result = await within(done, timeoutMs, undefined);
    if (result === undefined) fatal ??= `no result within ${timeoutMs / 1000} s (the file after the last one reported did not finish)`;
    else if (result.fatal !== undefined) fatal = result.fatal;
    else staleSkipRules = result.staleSkipRules ?? [];
  } catch (error) {
    fatal ??= String(error?.stack ?? error);
  } finally {
    // A page stuck in a synchronous GPU read may not close promptly; do not wait for it forever.
    await within(context.close(), 10_000, undefined);
  }
  return { backend: pass, ...info, tests, staleSkipRules, durationMs: Date.now() - started, ...(fatal === undefined ? {} : { fatal }) };
}
