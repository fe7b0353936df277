/**
 * The rows of the summary tables (terminal, HTML report and web page print the same ones).
 * Browser-safe: no Node imports.
 */
import type { SyntheticDataEvalResult } from '@synth/eval';
import { describeModel } from './model-settings';
import type { DemoResult, DemoSettings } from './pipeline';
import { describeSae } from './sae-architectures';

/** A name/value row of a table. */
export type Row = readonly [string, string];

/**
 * The metric rows, in the order SAELens reports them.
 *
 * @example
 * ```ts
 * printTable(metricRows(result.evaluation)); // true L0, SAE L0, dead latents, …, F1
 * ```
 */
export function metricRows(e: SyntheticDataEvalResult): [string, string][] {
  return [
    ['true L0', e.trueL0.toFixed(3)],
    ['SAE L0', e.saeL0.toFixed(3)],
    ['dead latents', String(e.deadLatents)],
    ['shrinkage', e.shrinkage.toFixed(4)],
    ['explained variance', e.explainedVariance.toFixed(4)],
    ['MCC', e.mcc.toFixed(4)],
    ['uniqueness', e.uniqueness.toFixed(4)],
    ['F1', e.classification.f1Score.toFixed(4)],
  ];
}

/**
 * The settings rows of a run, without timings (the web page shows them before a run ends).
 *
 * @example
 * ```ts
 * printTable([...settingRows(result.backend, result.settings), timeRow(result.seconds)]);
 * ```
 */
export function settingRows(backend: string, s: DemoSettings): [string, string][] {
  const [firing, correlation, hierarchy] = describeModel(s);
  return [
    ['backend', backend],
    ['seed', String(s.seed)],
    ['features × hidden dim', `${s.numFeatures} × ${s.hiddenDim}`],
    ['firing probability', firing!],
    ['correlation', correlation!],
    ['hierarchy', hierarchy!],
    ['SAE', describeSae(s)],
    ['training', `${s.trainingSamples.toLocaleString('en-US')} samples, batch ${s.batchSize}, lr ${s.lr}`],
  ];
}

/** The time row: build / train / evaluate seconds. */
export function timeRow(seconds: DemoResult['seconds']): [string, string] {
  return ['time (build / train / eval)', `${seconds.build.toFixed(1)} s / ${seconds.train.toFixed(1)} s / ${seconds.evaluate.toFixed(1)} s`];
}
