/**
 * Messages between the page and the training worker. Everything is structured-cloneable
 * (plain objects and typed arrays), so nothing but data crosses the thread boundary.
 */
import type { BackendRequest } from '@synth/core';
import type { DemoSettings } from '../../src/pipeline';
import type { CurvePoint, SimilarityMatrix } from '../../src/report/charts';

/** Page → worker: train with these settings (one run per worker). */
export interface TrainRequest {
  readonly type: 'train';
  readonly settings: DemoSettings;
}

/** The backend the worker got (it may differ from the request under `auto`). */
export interface BackendMessage {
  readonly type: 'backend';
  readonly requested: BackendRequest;
  readonly name: string;
  readonly engine: string;
}

/** A step of orthogonalize / train / evaluate. */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly task: string;
  readonly completed: number;
  readonly total: number;
}

/** A training snapshot: one more point of the curves and the decoder similarity now. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly point: CurvePoint;
  readonly similarity: SimilarityMatrix;
  readonly latentOrder: Int32Array;
}

/** The finished run. */
export interface DoneMessage {
  readonly type: 'done';
  readonly backend: string;
  readonly settings: DemoSettings;
  /** Rows of the metrics table (`metricRows`), and the raw numbers. */
  readonly metrics: [string, string][];
  readonly mcc: number;
  readonly seconds: { readonly build: number; readonly train: number; readonly evaluate: number };
  readonly curves: CurvePoint[];
  readonly encoderSimilarity: SimilarityMatrix;
  readonly decoderSimilarity: SimilarityMatrix;
  readonly latentOrder: Int32Array;
  readonly trueFiringRates: Float32Array;
  readonly saeFiringRates: Float32Array;
}

/** The run failed; `message` is one line for the page. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

export type WorkerMessage = BackendMessage | ProgressMessage | SnapshotMessage | DoneMessage | ErrorMessage;
