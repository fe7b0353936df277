/**
 * Validation for `orthogonalizeEmbeddings` and `orthogonalInitializer`: defaults, typed errors,
 * and turning either input form into a float32 tensor the optimisation can own.
 */
import { InvalidArgumentError, assertFinite, assertInteger } from '@synth/core';
import type { Backend, ProgressListener, Tensor2D } from '@synth/core';
import type { OrthogonalizeSettings } from './orthogonalize-embeddings';

/** SAELens's defaults: 200 steps, learning rate 0.01, blocks of 1024 rows. */
export const DEFAULT_ORTHOGONALIZE = { numSteps: 200, lr: 0.01, chunkSize: 1024 } as const;

/** Settings with defaults applied. */
export interface ResolvedOrthogonalizeSettings {
  readonly numSteps: number;
  readonly lr: number;
  readonly chunkSize: number;
  readonly onProgress: ProgressListener | undefined;
}

/**
 * Applies defaults and checks each setting.
 *
 * @example
 * ```ts
 * validateOrthogonalizeSettings({ lr: 0.05 }); // { numSteps: 200, lr: 0.05, chunkSize: 1024, onProgress: undefined }
 * ```
 * @throws InvalidArgumentError naming `numSteps`, `lr`, `chunkSize` or `onProgress`.
 */
export function validateOrthogonalizeSettings(settings: OrthogonalizeSettings): ResolvedOrthogonalizeSettings {
  const numSteps = settings.numSteps ?? DEFAULT_ORTHOGONALIZE.numSteps;
  const lr = settings.lr ?? DEFAULT_ORTHOGONALIZE.lr;
  const chunkSize = settings.chunkSize ?? DEFAULT_ORTHOGONALIZE.chunkSize;
  assertInteger('numSteps', numSteps, 0);
  assertFinite('lr', lr);
  // torch.optim.Adam raises "Invalid learning rate" for lr < 0; keep that wording.
  if (!(lr >= 0)) throw new InvalidArgumentError('lr', 'a finite number >= 0', lr, { detail: 'Invalid learning rate.' });
  assertInteger('chunkSize', chunkSize, 1);
  const { onProgress } = settings;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InvalidArgumentError('onProgress', 'a function', onProgress);
  return { numSteps, lr, chunkSize, onProgress };
}

/**
 * Checks that `backend` looks like a synth {@link Backend} (a structural check, so a second copy
 * of `@synth/core` still passes).
 *
 * @example
 * ```ts
 * assertBackend('backend', await createBackend('cpu'));
 * ```
 * @throws InvalidArgumentError when it does not.
 */
export function assertBackend(parameter: string, backend: unknown): asserts backend is Backend {
  const candidate = backend as Partial<Backend> | null | undefined;
  if (!(typeof candidate === 'object' && candidate !== null && typeof candidate.tidy === 'function' && typeof candidate.tf === 'object')) {
    throw new InvalidArgumentError(parameter, 'a Backend from createBackend()', backend);
  }
}

function assertShape(shape: readonly [number, number]): void {
  assertInteger('shape[0]', shape[0], 1);
  assertInteger('shape[1]', shape[1], 1);
}

/**
 * A float32 `[rows, columns]` tensor holding the input, owned by the caller of this function (a
 * clone when the input is a tensor), after checking it is non-empty and finite.
 *
 * @example
 * ```ts
 * const start = await resolveEmbeddings(backend, new Float32Array(6), [2, 3]);
 * ```
 * @throws InvalidArgumentError naming `backend`, `embeddings` or `shape`.
 */
export async function resolveEmbeddings(backend: Backend, embeddings: Tensor2D | Float32Array, shape: readonly [number, number] | undefined): Promise<Tensor2D> {
  assertBackend('backend', backend);
  const { tf } = backend;
  let tensor: Tensor2D;
  if (embeddings instanceof Float32Array) {
    if (shape === undefined) throw new InvalidArgumentError('shape', '[rows, columns] for a Float32Array input', shape);
    assertShape(shape);
    if (embeddings.length !== shape[0] * shape[1]) throw new InvalidArgumentError('embeddings', `length rows × columns = ${shape[0] * shape[1]}`, embeddings);
    tensor = backend.tidy(() => tf.tensor2d(embeddings, [shape[0], shape[1]], 'float32'));
  } else {
    if (!(embeddings instanceof tf.Tensor && embeddings.rank === 2 && embeddings.dtype === 'float32' && !embeddings.isDisposed)) {
      throw new InvalidArgumentError('embeddings', 'a live 2-D float32 tensor or a Float32Array', embeddings);
    }
    if (!(embeddings.shape[0] >= 1 && embeddings.shape[1] >= 1)) throw new InvalidArgumentError('embeddings', 'at least one row and one column', embeddings.shape);
    if (shape !== undefined && !(shape[0] === embeddings.shape[0] && shape[1] === embeddings.shape[1])) {
      throw new InvalidArgumentError('shape', `[${embeddings.shape.join(', ')}] (the tensor's shape) or undefined`, shape);
    }
    tensor = backend.tidy(() => tf.clone(embeddings));
  }
  const allFinite = backend.tidy(() => tf.all(tf.isFinite(tensor)));
  const finite = (await allFinite.data())[0] === 1;
  allFinite.dispose();
  if (!finite) {
    tensor.dispose();
    throw new InvalidArgumentError('embeddings', 'finite entries', embeddings, { detail: 'It holds NaN or ±Infinity.' });
  }
  return tensor;
}
