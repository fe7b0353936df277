/**
 * Progress events for long operations (orthogonalization, training, evaluation). The CLI draws
 * them as bars; the web page as a `<progress>` element. Operations accept an optional listener
 * and never depend on it being there.
 */

/** One report from a long operation. */
export interface ProgressEvent {
  /** What is running, e.g. `"orthogonalize"`. Stable: listeners switch on it. */
  readonly task: string;
  /** Units done so far (steps, samples, batches). */
  readonly completed: number;
  /** Units in all, when known. */
  readonly total: number | undefined;
  /** Latest numeric readings, e.g. `{ loss: 0.12 }`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Receives progress events. It must not throw; an error it throws propagates to the caller. */
export type ProgressListener = (event: ProgressEvent) => void;

/** The option long operations accept. */
export interface ProgressOptions {
  /** Called as the operation advances, at most about `100` times plus once at the end. */
  readonly onProgress?: ProgressListener | undefined;
}

/** Emits throttled progress events for one task. */
export interface ProgressReporter {
  /** Marks `units` more as done; emits when a new percent is reached (or every tick with no total). */
  advance(units?: number, metrics?: Readonly<Record<string, number>>): void;
  /** Emits the final event (always, once). */
  finish(metrics?: Readonly<Record<string, number>>): void;
}

const NO_OP: ProgressReporter = { advance() {}, finish() {} };

/**
 * Creates a reporter for a task of `total` units that calls `listener` about once per percent.
 * Throttling counts units, not time, so the events an operation emits are reproducible.
 *
 * @example
 * ```ts
 * const progress = createProgressReporter('train', 1000, (e) => console.log(e.completed));
 * for (let step = 0; step < 1000; step++) progress.advance(1, { loss: 0.5 });
 * progress.finish();
 * ```
 */
export function createProgressReporter(task: string, total: number | undefined, listener: ProgressListener | undefined): ProgressReporter {
  if (listener === undefined) return NO_OP;
  const stride = total === undefined ? 1 : Math.max(1, Math.ceil(total / 100));
  let completed = 0;
  let nextEmit = stride;
  let finished = false;
  const emit = (metrics?: Readonly<Record<string, number>>): void => {
    listener(metrics === undefined ? { task, completed, total } : { task, completed, total, metrics });
  };
  return {
    advance(units = 1, metrics) {
      completed += units;
      if (completed >= nextEmit && (total === undefined || completed < total)) {
        nextEmit = completed + stride - (completed % stride);
        emit(metrics);
      }
    },
    finish(metrics) {
      if (finished) return;
      finished = true;
      emit(metrics);
    },
  };
}
