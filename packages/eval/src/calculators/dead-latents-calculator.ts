import type { Tensor2D } from '@synth/core';
import { InvalidArgumentError, assertInteger } from '@synth/core';
import type { Backend } from '@synth/core';

/**
 * Streaming count of latents that never fired (`> 0`) in any batch added.
 *
 * @example
 * ```ts
 * const dead = new DeadLatentsCalculator(backend, 16);
 * dead.addBatch(latents); // [batch, 16]
 * dead.compute(); // 0
 * ```
 * @throws InvalidArgumentError for a bad `numLatents` or a batch of the wrong width.
 */
export class DeadLatentsCalculator {
  private readonly fired: Uint8Array;

  constructor(private readonly backend: Backend, readonly numLatents: number) {
    assertInteger('numLatents', numLatents);
    this.fired = new Uint8Array(numLatents);
  }

  /** Adds a `[batch, numLatents]` batch of latent activations. */
  addBatch(latents: Tensor2D): void {
    if (latents.shape[1] !== this.numLatents) throw new InvalidArgumentError('latents', `a [batch, ${this.numLatents}] tensor`, latents);
    const { tf } = this.backend;
    const any = this.backend.tidy(() => tf.cast(tf.any(tf.greater(latents, 0), 0), 'int32'));
    const data = any.dataSync();
    any.dispose();
    for (let i = 0; i < this.numLatents; i++) if (data[i] === 1) this.fired[i] = 1;
  }

  /** Latents that have not fired yet. */
  compute(): number {
    let dead = 0;
    for (const f of this.fired) if (f === 0) dead++;
    return dead;
  }
}
