/**
 * The training worker: runs the demo pipeline (apps/demo/src/pipeline.ts, the same code as
 * `synth demo`) off the page's thread and posts progress, snapshots and the result.
 */
import { metricRows } from '../../src/summary';
import { runPipeline } from '../../src/pipeline';
import type { TrainRequest, WorkerMessage } from './protocol';
import { startBackend } from './worker-backend';

const scope = globalThis as unknown as {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
};
const post = (message: WorkerMessage): void => scope.postMessage(message);

/** Progress events come once per training step; the page needs a few per second at most. */
const PROGRESS_INTERVAL_MS = 100;

async function train({ settings }: TrainRequest): Promise<void> {
  const backend = await startBackend(settings.backend);
  post({ type: 'backend', requested: settings.backend, name: backend.name, engine: backend.engineName });
  let lastProgress = 0;
  const result = await runPipeline(settings, {
    backend,
    snapshots: 30,
    onProgress: (event) => {
      const now = performance.now();
      const last = event.total !== undefined && event.completed >= event.total;
      if (event.total === undefined || (!last && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
      lastProgress = now;
      post({ type: 'progress', task: event.task, completed: event.completed, total: event.total });
    },
    onSnapshot: ({ point, decoderSimilarity, latentOrder }) => {
      post({ type: 'snapshot', point, similarity: decoderSimilarity, latentOrder });
    },
  });
  post({
    type: 'done',
    backend: result.backend,
    settings: result.settings,
    metrics: metricRows(result.evaluation),
    mcc: result.evaluation.mcc,
    seconds: result.seconds,
    curves: result.curves,
    encoderSimilarity: result.encoderSimilarity,
    decoderSimilarity: result.decoderSimilarity,
    latentOrder: result.latentOrder,
    trueFiringRates: result.trueFiringRates,
    saeFiringRates: result.saeFiringRates,
  });
}

scope.onmessage = (event) => {
  train(event.data).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'error', message: message.split('\n')[0]! });
  });
};
