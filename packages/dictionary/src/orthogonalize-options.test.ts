import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, createBackend } from '@synth/core';
import type { Rank, Tensor2D } from '@synth/core';
import { expectNoTensorLeak } from '@synth/core/testing';
import { orthogonalizeEmbeddings } from './orthogonalize-embeddings';
import type { OrthogonalizeOptions } from './orthogonalize-embeddings';
import { DEFAULT_ORTHOGONALIZE, validateOrthogonalizeSettings } from './orthogonalize-options';

const backend = await createBackend('cpu');

async function expectInvalid(promise: Promise<unknown>, parameter: string): Promise<void> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).parameter).toBe(parameter);
}

describe('orthogonalizeEmbeddings validation', () => {
  const data = new Float32Array(6);
  const shape = [2, 3] as const;

  it('applies SAELens defaults', () => {
    expect(validateOrthogonalizeSettings({})).toEqual({ ...DEFAULT_ORTHOGONALIZE, onProgress: undefined });
    expect(DEFAULT_ORTHOGONALIZE).toEqual({ numSteps: 200, lr: 0.01, chunkSize: 1024 });
  });

  it.each<[string, Partial<OrthogonalizeOptions>, string]>([
    ['numSteps -1', { numSteps: -1 }, 'numSteps'],
    ['numSteps 1.5', { numSteps: 1.5 }, 'numSteps'],
    ['numSteps NaN', { numSteps: Number.NaN }, 'numSteps'],
    ['lr NaN', { lr: Number.NaN }, 'lr'],
    ['lr Infinity', { lr: Infinity }, 'lr'],
    ['lr -0.1', { lr: -0.1 }, 'lr'],
    ['chunkSize 0', { chunkSize: 0 }, 'chunkSize'],
    ['chunkSize 2.5', { chunkSize: 2.5 }, 'chunkSize'],
    ['onProgress not a function', { onProgress: 3 as unknown as undefined }, 'onProgress'],
    ['shape missing', { shape: undefined }, 'shape'],
    ['shape [0, 6]', { shape: [0, 6] }, 'shape[0]'],
    ['shape [3, 3] (wrong length)', { shape: [3, 3] }, 'embeddings'],
    ['backend missing', { backend: undefined as unknown as OrthogonalizeOptions['backend'] }, 'backend'],
  ])('rejects %s', async (_label, patch, parameter) => {
    await expectInvalid(orthogonalizeEmbeddings(data, { backend, shape, ...patch }), parameter);
  });

  it('keeps torch wording for a negative learning rate', async () => {
    await expect(orthogonalizeEmbeddings(data, { backend, shape, lr: -1 })).rejects.toThrow(/Invalid lr: .*Invalid learning rate/);
  });

  it('rejects non-finite entries and bad tensors without leaking', async () => {
    const { tf } = backend;
    await expectNoTensorLeak(backend, async () => {
      await expectInvalid(orthogonalizeEmbeddings(Float32Array.of(1, Number.NaN), { backend, shape: [1, 2] }), 'embeddings');
      const int = tf.tensor2d([[1, 2]], [1, 2], 'int32');
      const oneD = tf.tensor1d([1, 2]) as unknown as Tensor2D;
      const empty = tf.zeros<Rank.R2>([0, 3]);
      const withInfinity = tf.tensor2d([[1, Infinity]]);
      const good = tf.tensor2d([[1, 2]]);
      await expectInvalid(orthogonalizeEmbeddings(int, { backend }), 'embeddings');
      await expectInvalid(orthogonalizeEmbeddings(oneD, { backend }), 'embeddings');
      await expectInvalid(orthogonalizeEmbeddings(empty, { backend }), 'embeddings');
      await expectInvalid(orthogonalizeEmbeddings(withInfinity, { backend }), 'embeddings');
      await expectInvalid(orthogonalizeEmbeddings(good, { backend, shape: [2, 1] }), 'shape');
      tf.dispose([int, oneD, empty, withInfinity, good]);
    });
  });

  it('accepts exactly the integers >= 0 for numSteps and >= 1 for chunkSize, and finite lr >= 0', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double()), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double()), fc.double(), (numSteps, chunkSize, lr) => {
        const valid = Number.isSafeInteger(numSteps) && numSteps >= 0 && Number.isSafeInteger(chunkSize) && chunkSize >= 1 && Number.isFinite(lr) && lr >= 0;
        if (valid) expect(validateOrthogonalizeSettings({ numSteps, chunkSize, lr })).toMatchObject({ numSteps, chunkSize, lr });
        else expect(() => validateOrthogonalizeSettings({ numSteps, chunkSize, lr })).toThrow(InvalidArgumentError);
      }),
    );
  });
});
