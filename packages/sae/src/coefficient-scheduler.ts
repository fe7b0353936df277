/**
 * Linear warm-up of a loss coefficient (SAELens `CoefficientScheduler`).
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';

/**
 * Starts at 0 (or at `finalValue` without warm-up); after step `k` (0-based) its value is
 * `finalValue·(k + 1)/warmUpSteps` until it reaches `finalValue`.
 *
 * @example
 * ```ts
 * const l1 = new CoefficientScheduler(2, 5e-2);
 * l1.value; // 0
 * l1.step(); // 0.025
 * l1.step(); // 0.05
 * ```
 * @throws InvalidArgumentError "final_value must be float or int" for a non-number, or for a bad warm-up.
 */
export class CoefficientScheduler {
  readonly warmUpSteps: number;
  readonly finalValue: number;
  #currentStep = 0;
  #value: number;

  constructor(warmUpSteps: number, finalValue: number) {
    assertInteger('warmUpSteps', warmUpSteps, 0);
    if (!(typeof finalValue === 'number' && Number.isFinite(finalValue))) {
      throw new InvalidArgumentError('finalValue', 'a finite number', finalValue, { detail: `final_value must be float or int, got ${typeof finalValue}.` });
    }
    this.warmUpSteps = warmUpSteps;
    this.finalValue = finalValue;
    this.#value = warmUpSteps > 0 ? 0 : finalValue;
  }

  /** The value to use for the next step. */
  get value(): number {
    return this.#value;
  }

  /** Steps taken. */
  get currentStep(): number {
    return this.#currentStep;
  }

  /**
   * Advances one step and returns the new value.
   *
   * @example
   * ```ts
   * scheduler.step();
   * ```
   */
  /**
   * Jumps to the state after `steps` calls of {@link step} (for resuming from a checkpoint).
   *
   * @example
   * ```ts
   * scheduler.restore(trainer.nTrainingSteps);
   * ```
   * @throws InvalidArgumentError unless `steps` is a non-negative integer.
   */
  restore(steps: number): void {
    assertInteger('steps', steps, 0);
    this.#currentStep = 0;
    this.#value = this.warmUpSteps > 0 ? 0 : this.finalValue;
    if (steps > 0) {
      this.#currentStep = steps - 1;
      this.step();
    }
  }

  step(): number {
    this.#value = this.#currentStep < this.warmUpSteps ? (this.finalValue * (this.#currentStep + 1)) / this.warmUpSteps : this.finalValue;
    this.#currentStep++;
    return this.#value;
  }
}
