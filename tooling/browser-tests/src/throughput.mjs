// Times the core workloads on each browser backend (see page/throughput.ts), prints a table and
// writes throughput.json. Not part of the test pass/fail: software rendering is slow by design.
import { writeFileSync } from 'node:fs';

export async function runThroughput(browser, origin, backends, file) {
  const rows = [];
  for (const backend of backends) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/throughput?backend=${backend}`);
    await page.waitForFunction(() => window.__synthThroughput !== undefined);
    const result = await page.evaluate(() => window.__synthThroughput);
    await context.close();
    rows.push(result);
    if (result.fatal) {
      console.log(`throughput on ${backend} failed: ${result.fatal}`);
      continue;
    }
    console.log(`\nThroughput on ${result.label}${result.device ? ` [${result.device}]` : ''}:`);
    for (const m of result.results) console.log(`  ${m.workload.padEnd(72)} ${m.msPerRun.toFixed(1).padStart(9)} ms  ${m.rate}`);
  }
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), userAgent: browser.version(), rows }, null, 2)}\n`);
}
