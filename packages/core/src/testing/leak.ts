/**
 * Tensor-leak assertions shared by every package's tests.
 */
import type { Backend } from '../backend';
import { SynthError } from '../errors';

/** Tensors the engine holds right now (all backends together). */
export function liveTensorCount(backend: Backend): number {
  return backend.tf.memory().numTensors;
}

/**
 * Runs `fn` and throws if the number of live tensors changed. `fn` must dispose the tensors it
 * returns (or return plain data): everything it leaves behind counts as a leak.
 *
 * @example
 * ```ts
 * const total = await expectNoTensorLeak(backend, async () => {
 *   const t = backend.tidy(() => backend.tf.ones([2]));
 *   const data = await t.data();
 *   t.dispose();
 *   return data[0];
 * });
 * ```
 * @throws SynthError naming the before/after counts when tensors leaked.
 */
export async function expectNoTensorLeak<T>(backend: Backend, fn: () => T | Promise<T>): Promise<T> {
  const before = liveTensorCount(backend);
  const result = await fn();
  const after = liveTensorCount(backend);
  if (after !== before) {
    throw new SynthError(`Tensor leak: ${before} live tensors before, ${after} after (${after - before} leaked).`, {
      code: 'SYNTH_TENSOR_LEAK',
    });
  }
  return result;
}
