// End to end: the built web page in Debian's headless Chromium (driven by playwright-core, never
// `playwright install`). Trains a small model on the wasm backend in the page's Web Worker,
// checks that the page keeps answering while it trains, and reads the metrics table at the end.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server';

const demoDir = fileURLToPath(new URL('../../', import.meta.url));
const webDist = join(demoDir, 'dist/web');
const screenshotPath = join(demoDir, '.tmp/web-e2e.png');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The run the test makes: 32 true features in 24 dims, a standard SAE of width 32, 1M samples.
 * On wasm with seed 42 it reaches MCC 0.971 (same pipeline as `synth demo`; seeds 1–5 gave
 * 0.896–0.984), while an untrained SAE scores 0.43–0.45 (random directions). The threshold 0.8
 * sits well above chance and about 0.1 below the worst of those six seeds, so it catches a page
 * that trains nothing (or the wrong thing) without depending on the last digits.
 */
const RUN = { numFeatures: '32', hiddenDim: '24', dSae: '32', trainingSamples: '1000000', evalSamples: '20000', seed: '42' };
const MCC_THRESHOLD = 0.8;
/**
 * Longest pause the page's thread may take while the worker trains: 1 s, or half the training
 * time when a loaded machine stretches everything. The page's own work (drawing the curves and
 * the 32 × 32 heatmap after a snapshot) takes tens of milliseconds, and gaps of 150–600 ms were
 * seen here only with the machine's load average near 10 on 2 cores. Training on the page's
 * thread would freeze it for the whole run in one piece (the loop never yields to a timer), so a
 * gap of half the training time can only mean that.
 */
const MAX_UI_GAP_MS = 1000;
/** How long one interaction (select a control, see the form change) may take during training. */
const MAX_INTERACTION_MS = 5000;

/** Newest modification time under `path` (a file, or every file below a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Uses dist/web when it is newer than everything it is built from (this app's web/, src/ and
 * Vite config, and the packages' src/, which the page bundles); builds it otherwise, as
 * `pnpm --filter demo build` would. Under turbo the build task has just run, so this is a no-op.
 */
async function ensureBuilt(): Promise<void> {
  const index = join(webDist, 'index.html');
  const packagesDir = join(demoDir, '../../packages');
  const packageSources = readdirSync(packagesDir).map((name) => newest(join(packagesDir, name, 'src')));
  const sources = Math.max(newest(join(demoDir, 'web')), newest(join(demoDir, 'src')), newest(join(demoDir, 'vite.config.ts')), newest(join(demoDir, 'package.json')), ...packageSources);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(demoDir, 'vite.config.ts'), logLevel: 'warn' });
}

let browser: Browser | undefined;
let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
// A setup failure (no Chromium, say) is rethrown by the test, so it counts as a failed test in
// the reports rather than as a failed file with no test failed.
let setupError: Error | undefined;

beforeAll(async () => {
  try {
    if (!existsSync(executablePath)) {
      throw new Error(`Chromium is not installed at ${executablePath}: the web page test needs it (Debian: apt-get install -y chromium; or set CHROMIUM to its path).`);
    }
    await ensureBuilt();
    server = await serveStatic(webDist);
    browser = await chromium.launch({
      executablePath,
      // No --disable-gpu: the GPU backends (SwiftShader here) must stay selectable on the page.
      args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
        '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader'],
    });
  } catch (error) {
    setupError = error instanceof Error ? error : new Error(String(error));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the gap meter saw: the longest pause, the tick count, and each pause over 150 ms with the page's status then. */
interface GapMeter {
  maxGapMs: number;
  ticks: number;
  long: string[];
}

/** Records the gaps between 50 ms timer ticks on the page's thread, from now on. */
async function startGapMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const meter: GapMeter = { maxGapMs: 0, ticks: 0, long: [] };
    (window as unknown as { gapMeter: GapMeter }).gapMeter = meter;
    let last = performance.now();
    const tick = (): void => {
      const now = performance.now();
      meter.maxGapMs = Math.max(meter.maxGapMs, now - last);
      if (now - last > 150) meter.long.push(`${Math.round(now - last)} ms (${document.getElementById('status')!.textContent})`);
      meter.ticks++;
      last = now;
      setTimeout(tick, 50);
    };
    setTimeout(tick, 50);
  });
}

describe('web page', () => {
  it('trains in a worker, stays responsive, and shows the metrics table with a sane MCC', async () => {
    if (setupError !== undefined) throw setupError;
    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await page.goto(`${server!.origin}/`);
    expect(await page.textContent('#train')).toBe('Train');
    for (const [name, value] of Object.entries(RUN)) await page.fill(`[name=${name}]`, value);
    await page.selectOption('[name=backend]', 'wasm');

    await page.click('#train');
    await page.waitForFunction(() => document.body.dataset.state === 'training');
    await startGapMeter(page);
    // Live views: the curves and the heatmap are drawn while training still runs.
    await page.waitForSelector('#curves svg', { timeout: 60_000 });
    await page.waitForSelector('#heatmap svg');

    // The page's thread answers while the worker trains: a round trip, the clock, and a control.
    const elapsedBefore = await page.textContent('#elapsed');
    const started = performance.now();
    await page.selectOption('[name=hierarchy]', 'tree');
    await page.waitForSelector('[name=hierarchyRoots]', { state: 'visible', timeout: MAX_INTERACTION_MS });
    await page.selectOption('[name=hierarchy]', 'none');
    const roundTripMs = performance.now() - started;
    await page.waitForTimeout(300);
    const during = await page.evaluate(() => ({
      state: document.body.dataset.state,
      elapsed: document.getElementById('elapsed')!.textContent,
    }));
    expect(during.state, 'the run finished before the responsiveness checks (make RUN longer)').toBe('training');
    expect(during.elapsed).not.toBe(elapsedBefore);
    expect(roundTripMs).toBeLessThan(MAX_INTERACTION_MS);

    await page.waitForFunction(() => document.body.dataset.state !== 'training', null, { timeout: 90_000 });
    expect(await page.textContent('#status')).toMatch(/^Done · MCC \d\.\d{3}$/);
    const meter = await page.evaluate(() => (window as unknown as { gapMeter: GapMeter }).gapMeter);
    const time = await page.$$eval('#run-settings tr', (trs) => trs.map((tr) => tr.textContent ?? '').find((text) => text.startsWith('time')) ?? '');
    const trainMs = 1000 * Number(/\/ ([\d.]+) s \//.exec(time)?.[1]);
    expect(trainMs, `training time from "${time}"`).toBeGreaterThan(0);
    expect(meter.ticks).toBeGreaterThan(10);
    expect(meter.maxGapMs, `longest pause of the page's thread in ${trainMs} ms of training; long ones: ${meter.long.join(', ')}`).toBeLessThan(Math.max(MAX_UI_GAP_MS, trainMs / 2));

    const rows = await page.$$eval('#metrics tr', (trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
    expect(rows.map(([name]) => name)).toEqual(['true L0', 'SAE L0', 'dead latents', 'shrinkage', 'explained variance', 'MCC', 'uniqueness', 'F1']);
    const mcc = Number(rows.find(([name]) => name === 'MCC')![1]);
    expect(mcc).toBeGreaterThan(MCC_THRESHOLD);
    expect(mcc).toBeLessThanOrEqual(1);
    expect(await page.textContent('#run-settings')).toContain('wasm');
    await page.waitForSelector('#rates svg');

    mkdirSync(join(demoDir, '.tmp'), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('starts the WebGL backend inside the worker (SwiftShader here) and trains on it', async () => {
    if (setupError !== undefined) throw setupError;
    const page = await browser!.newPage();
    await page.goto(`${server!.origin}/`);
    // A few steps only: this checks that the worker can start WebGL (no window or document there), not quality.
    const tiny = { numFeatures: '8', hiddenDim: '8', dSae: '8', trainingSamples: '4096', batchSize: '512', evalSamples: '1024', seed: '1' };
    for (const [name, value] of Object.entries(tiny)) await page.fill(`[name=${name}]`, value);
    await page.selectOption('[name=backend]', 'webgl');
    await page.click('#train');
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state ?? ''), null, { timeout: 90_000 });
    expect(await page.textContent('#status')).toMatch(/^Done · MCC \d\.\d{3}$/);
    expect(await page.textContent('#run-settings')).toContain('webgl');
    await page.close();
  }, 120_000);
});
