/**
 * `synth demo`: runs the pipeline with progress bars, prints the summary table, writes the report.
 */
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { writeFileAtomic } from '@synth/core';
import type { ProgressEvent } from '@synth/core';
import { runPipeline } from './pipeline';
import type { DemoResult, DemoSettings } from './pipeline';
import { renderReport } from './report/report';
import { metricRows, settingRows, timeRow } from './summary';

/** Options of the `demo` command. */
export interface DemoOptions extends DemoSettings {
  readonly json: boolean;
  /** Where the HTML report goes. */
  readonly report: string;
}

const TASK_LABELS: Record<string, string> = { orthogonalize: 'orthogonalize', train: 'train SAE   ', evaluate: 'evaluate    ' };

/** One progress bar per task, replaced when the task changes. Quiet when stderr is not a TTY. */
export function progressBars(): { listener: (event: ProgressEvent) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  let task = '';
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  const listener = (event: ProgressEvent): void => {
    if (!process.stderr.isTTY || event.total === undefined) return;
    if (event.task !== task) {
      stop();
      task = event.task;
      bar = new SingleBar({ format: `${TASK_LABELS[task] ?? task} [{bar}] {percentage}% | {value}/{total} {detail}`, hideCursor: true, stream: process.stderr });
      bar.start(event.total, 0, { detail: '' });
    }
    const loss = event.metrics === undefined ? undefined : Object.values(event.metrics).reduce((a, b) => a + b, 0);
    bar?.update(event.completed, { detail: loss === undefined ? '' : `| loss ${loss.toFixed(4)}` });
    if (event.completed >= event.total) stop();
  };
  return { listener, stop };
}

/** Prints name/value rows aligned. */
export function printTable(rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}

/** Runs the demo command. */
export async function runDemo(options: DemoOptions): Promise<void> {
  const bars = progressBars();
  let result: DemoResult;
  try {
    result = await runPipeline(options, { onProgress: bars.listener });
  } finally {
    bars.stop();
  }
  // Under `pnpm demo` the process runs in apps/demo; INIT_CWD is where the user typed the command.
  const reportPath = resolve(process.env.INIT_CWD ?? process.cwd(), options.report);
  await writeFileAtomic(reportPath, await renderReport({
    title: `synth demo: a ${result.settings.architecture} SAE against known features`,
    settings: [...settingRows(result.backend, result.settings), timeRow(result.seconds)],
    metrics: metricRows(result.evaluation),
    encoderSimilarity: result.encoderSimilarity,
    decoderSimilarity: result.decoderSimilarity,
    latentOrder: result.latentOrder,
    curves: result.curves,
    trueFiringRates: result.trueFiringRates,
    saeFiringRates: result.saeFiringRates,
  }));
  if (options.json) {
    console.log(JSON.stringify({ backend: result.backend, settings: result.settings, metrics: result.evaluation.toDict(), seconds: result.seconds, report: reportPath }));
    return;
  }
  console.log(`\nsynth demo: a ${result.settings.architecture} SAE trained on synthetic activations with known features\n`);
  printTable([...settingRows(result.backend, result.settings), timeRow(result.seconds)]);
  console.log('');
  printTable(metricRows(result.evaluation));
  console.log(`\nReport (open in a browser): ${reportPath}`);
}
