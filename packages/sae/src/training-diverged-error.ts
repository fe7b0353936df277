import { SynthError } from '@synth/core';

/**
 * The training loss became NaN or infinite. Training stopped before the step that would have
 * written non-finite values into the weights, so the SAE holds the last good parameters.
 *
 * @example
 * ```ts
 * try { await trainer.fit(); } catch (error) { if (error instanceof TrainingDivergedError) console.log(error.step); }
 * ```
 */
export class TrainingDivergedError extends SynthError {
  static override readonly kind: string = 'TrainingDivergedError';
  /** The step whose loss was not finite. */
  readonly step: number;
  /** That loss. */
  readonly loss: number;

  constructor(step: number, loss: number) {
    super(`Training diverged: the loss at step ${step} is ${loss}. The SAE keeps the parameters from before that step; lower the learning rate or check the data.`, { code: 'SYNTH_TRAINING_DIVERGED' });
    this.step = step;
    this.loss = loss;
  }
}
