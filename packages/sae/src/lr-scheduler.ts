/**
 * The learning-rate schedule SAELens's trainer builds (`get_lr_scheduler`: torch `LinearLR`
 * warm-up, a main schedule, `LinearLR` decay, chained by `SequentialLR`), as a closed form.
 */
import { InvalidArgumentError, ValidationError, assertInteger } from '@synth/core';
import { assertNumberAtLeast } from './sae-config';

/** Main schedules SAELens accepts (case-insensitive). */
export const LR_SCHEDULER_NAMES = ['constant', 'cosineannealing', 'cosineannealingwarmrestarts'] as const;

/** Options of {@link createLrSchedule}. */
export interface LrScheduleOptions {
  /** One of {@link LR_SCHEDULER_NAMES}, any case. */
  readonly schedulerName: string;
  readonly trainingSteps: number;
  readonly lr: number;
  readonly warmUpSteps: number;
  readonly decaySteps: number;
  /** Floor of the cosine schedules, and the decay's starting value (ignored by `constant`). */
  readonly lrEnd: number;
  /** Restarts of `cosineannealingwarmrestarts` (its period is `mainSteps // numCycles`). */
  readonly numCycles: number;
}

/**
 * Returns `step ↦ learning rate` for the optimizer step with 0-based index `step`:
 * - warm-up (`w > 0`): `lr·(1/w + (1 − 1/w)·min(step, w − 1)/(w − 1))` for `step < w`;
 * - main, at `e = step − w`: constant `lr`; cosine annealing `lrEnd + (lr − lrEnd)(1 + cos(π e/T))/2`
 *   with `T = trainingSteps − w − decaySteps`; warm restarts the same with `e mod (T // numCycles)`;
 * - decay, from `trainingSteps − decaySteps`: linear from `lrEnd` (from `lr` for `constant`) to 0
 *   over `decaySteps`.
 *
 * @remarks torch steps its schedulers recursively (chainable form); this closed form equals it
 * up to float rounding.
 * @example
 * ```ts
 * const lrAt = createLrSchedule({ schedulerName: 'constant', trainingSteps: 100, lr: 3e-4, warmUpSteps: 10, decaySteps: 0, lrEnd: 3e-4, numCycles: 1 });
 * lrAt(0); // 3e-5
 * ```
 * @throws InvalidArgumentError for a bad number; ValidationError "Unsupported scheduler: …" or
 * "Cannot have decay_steps with lr_end=0.0, …".
 */
export function createLrSchedule(options: LrScheduleOptions): (step: number) => number {
  const { trainingSteps, lr, warmUpSteps, decaySteps, numCycles } = options;
  assertInteger('trainingSteps', trainingSteps, 0);
  assertNumberAtLeast('lr', lr, 0, true);
  assertInteger('lrWarmUpSteps', warmUpSteps, 0);
  assertInteger('lrDecaySteps', decaySteps, 0);
  assertNumberAtLeast('lrEnd', options.lrEnd, 0);
  assertInteger('nRestartCycles', numCycles, 1);
  const name = typeof options.schedulerName === 'string' ? options.schedulerName.toLowerCase() : options.schedulerName;
  if (!(LR_SCHEDULER_NAMES as readonly string[]).includes(name)) {
    throw new InvalidArgumentError('lrSchedulerName', `one of ${LR_SCHEDULER_NAMES.join(', ')}`, options.schedulerName, {
      detail: `Unsupported scheduler: ${String(name)}`,
    });
  }
  const mainSteps = trainingSteps - warmUpSteps - decaySteps;
  const lrEnd = name === 'constant' ? lr : options.lrEnd;
  if (decaySteps > 0 && lrEnd === 0) {
    throw new ValidationError('Cannot have decay_steps with lr_end=0.0, this would decay from 0 to 0 and be a waste.');
  }
  const period = Math.floor(mainSteps / numCycles);
  const cosine = (e: number, t: number): number => options.lrEnd + ((lr - options.lrEnd) * (1 + Math.cos((Math.PI * e) / t))) / 2;
  const main = (e: number): number => {
    if (name === 'constant') return lr;
    if (name === 'cosineannealing') return cosine(e, mainSteps);
    return cosine(e % period, period);
  };
  const decayStart = trainingSteps - decaySteps;
  return (step: number): number => {
    if (decaySteps > 0 && step >= decayStart) {
      const e = Math.min(step - decayStart, decaySteps);
      return lr * (lrEnd / lr) * (1 - e / decaySteps);
    }
    if (step < warmUpSteps) {
      const start = 1 / warmUpSteps;
      const fraction = warmUpSteps === 1 ? 1 : Math.min(step, warmUpSteps - 1) / (warmUpSteps - 1);
      return lr * (start + (1 - start) * fraction);
    }
    return main(step - warmUpSteps);
  };
}
