import type { Backend } from '@synth/core';
import { batchShape, countPositive } from '../activation-batch';
import type { ActivationBatch } from '../activation-batch';

/**
 * Streaming mean L0: the average number of entries `> 0` per row, over every batch added.
 *
 * @example
 * ```ts
 * const l0 = new L0Calculator(backend);
 * l0.addBatch(featureActs);
 * l0.compute(); // e.g. 4.02
 * ```
 */
export class L0Calculator {
  private active = 0;
  private rows = 0;

  constructor(private readonly backend: Backend) {}

  /** Adds a `[batch, n]` batch, dense or sparse. */
  addBatch(batch: ActivationBatch): void {
    this.active += countPositive(this.backend, batch);
    this.rows += batchShape(batch)[0];
  }

  /** Mean active entries per row, or 0 before any row was added. */
  compute(): number {
    return this.rows === 0 ? 0 : this.active / this.rows;
  }
}
