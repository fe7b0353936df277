/**
 * The synth web page: reads the settings, trains in a Web Worker (the page's thread only draws),
 * and shows live training curves, the decoder-vs-truth similarity heatmap and, at the end, the
 * metrics table of `synth demo`.
 */
import { settingRows, timeRow } from '../../src/summary';
import type { CurvePoint } from '../../src/report/charts';
import { FormError, detectBackends, markBackends, readSettings, syncVisibility } from './controls';
import type { TrainRequest, WorkerMessage } from './protocol';
import { Charts, fillTable } from './views';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const form = $<HTMLFormElement>('settings');
const trainButton = $<HTMLButtonElement>('train');
const stopButton = $<HTMLButtonElement>('stop');
const formError = $<HTMLParagraphElement>('form-error');
const status = $<HTMLSpanElement>('status');
const progress = $<HTMLDivElement>('progress');
const elapsed = $<HTMLSpanElement>('elapsed');
const backendLabel = $<HTMLSpanElement>('backend-label');
const charts = new Charts($('curves'), $('heatmap'), $('rates'));

const TASKS: Record<string, string> = { orthogonalize: 'Building the feature dictionary', train: 'Training the SAE', evaluate: 'Evaluating against the true features' };
/** Share of the progress bar each task fills: training dominates a run's time. */
const SPANS: Record<string, readonly [number, number]> = { orthogonalize: [0, 0.05], train: [0.05, 0.95], evaluate: [0.95, 1] };

type State = 'idle' | 'training' | 'done' | 'error' | 'stopped';

let worker: Worker | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
let curves: CurvePoint[] = [];

function setState(state: State, message: string): void {
  document.body.dataset.state = state;
  status.textContent = message;
  const busy = state === 'training';
  trainButton.disabled = busy;
  stopButton.disabled = !busy;
  trainButton.textContent = state === 'idle' ? 'Train' : busy ? 'Training…' : 'Train again';
  if (!busy && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

function startClock(): void {
  const started = performance.now();
  // Ticks on the page's thread: it keeps counting because training runs in the worker.
  timer = setInterval(() => {
    elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  }, 100);
}

function onMessage(message: WorkerMessage): void {
  switch (message.type) {
    case 'backend':
      backendLabel.textContent = `backend ${message.name}${message.engine === message.name ? '' : ` (${message.engine})`}`;
      break;
    case 'progress': {
      const [from, to] = SPANS[message.task] ?? [0, 1];
      progress.style.width = `${(100 * (from + ((to - from) * message.completed) / message.total)).toFixed(1)}%`;
      const steps = message.task === 'train' ? ` · ${message.completed.toLocaleString('en-US')} of ${message.total.toLocaleString('en-US')} samples` : '';
      status.textContent = `${TASKS[message.task] ?? message.task}${steps}`;
      break;
    }
    case 'snapshot':
      curves.push(message.point);
      charts.curves(curves);
      charts.heatmap(message.similarity, message.latentOrder);
      break;
    case 'done':
      worker?.terminate();
      worker = undefined;
      progress.style.width = '100%';
      charts.curves(message.curves);
      charts.heatmap(message.decoderSimilarity, message.latentOrder);
      charts.rates(message.trueFiringRates, message.saeFiringRates);
      $('rates-card').hidden = false;
      fillTable($('metrics'), message.metrics, ['MCC']);
      fillTable($('run-settings'), [...settingRows(message.backend, message.settings), timeRow(message.seconds)]);
      setState('done', `Done · MCC ${message.mcc.toFixed(3)}`);
      break;
    case 'error':
      worker?.terminate();
      worker = undefined;
      setState('error', `Failed: ${message.message}`);
      break;
  }
}

function train(): void {
  formError.hidden = true;
  let settings;
  try {
    settings = readSettings(form);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    formError.textContent = error.message;
    formError.hidden = false;
    return;
  }
  worker?.terminate();
  curves = [];
  progress.style.width = '0%';
  elapsed.textContent = '0.0 s';
  backendLabel.textContent = '';
  $('rates-card').hidden = true;
  fillTable($('metrics'), [['MCC', '—']]);
  fillTable($('run-settings'), settingRows(settings.backend, settings));
  $('run-block').hidden = false;
  setState('training', 'Starting the backend…');
  startClock();
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data);
  worker.onerror = (event) => {
    worker?.terminate();
    worker = undefined;
    setState('error', `Failed: ${event.message || 'the training worker stopped'}`);
  };
  worker.postMessage({ type: 'train', settings } satisfies TrainRequest);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  train();
});
form.addEventListener('change', () => syncVisibility(form));
stopButton.addEventListener('click', () => {
  worker?.terminate();
  worker = undefined;
  setState('stopped', 'Stopped.');
});
syncVisibility(form);
void detectBackends().then((available) => markBackends(form, available));
