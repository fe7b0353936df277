import { describe, expect, it } from 'vitest';
import { createBackend } from './backend';
import { BackendUnavailableError, InvalidArgumentError } from './errors';

describe('createBackend', () => {
  it.each(['cpu', 'wasm'] as const)('starts %s and computes on it', async (name) => {
    const backend = await createBackend(name);
    expect(backend.name).toBe(name);
    expect(backend.contract).toBe(1);
    const sum = backend.tidy(() => backend.tf.sum(backend.tf.ones([3])));
    expect(backend.tf.getBackend()).toBe(name);
    expect(await sum.data()).toEqual(new Float32Array([3]));
    sum.dispose();
  });

  it('rejects an unknown name with a typed error naming the choices', async () => {
    await expect(createBackend('tpu' as never)).rejects.toThrow(InvalidArgumentError);
    await expect(createBackend('tpu' as never)).rejects.toThrow(/Invalid backend: expected one of 'auto', 'cpu'/);
  });

  it('throws BackendUnavailableError naming tfjs-node-gpu when it is not installed', async () => {
    const error = await createBackend('gpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(String(error)).toMatch(/@tensorflow\/tfjs-node-gpu/);
  });

  it('imports tfjs-node-gpu only when gpu is asked for, and says what to install when it is missing', async () => {
    // A stand-in loader, so this holds even on a machine where tfjs-node-gpu is installed.
    const asked: string[] = [];
    const withoutNodeGpu = async (specifier: string): Promise<unknown> => {
      asked.push(specifier);
      if (specifier === '@tensorflow/tfjs-node-gpu') throw new Error(`Cannot find package '${specifier}'`);
      return import(/* @vite-ignore */ specifier);
    };
    await createBackend('wasm', { importModule: withoutNodeGpu });
    await createBackend('cpu', { importModule: withoutNodeGpu });
    expect(asked).not.toContain('@tensorflow/tfjs-node-gpu');
    const error = await createBackend('gpu', { importModule: withoutNodeGpu }).catch((e: unknown) => e);
    expect(asked).toContain('@tensorflow/tfjs-node-gpu');
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(String(error)).toMatch(/install @tensorflow\/tfjs-node-gpu@4\.22\.0/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('auto falls back to wasm when no GPU backend loads', async () => {
    const backend = await createBackend('auto');
    expect(backend.name).toBe('wasm');
  });

  it('refuses browser-only backends in Node', async () => {
    await expect(createBackend('webgl')).rejects.toThrow(/only in a browser/);
  });

  it('switches between two live backends', async () => {
    const cpu = await createBackend('cpu');
    const wasm = await createBackend('wasm');
    const a = cpu.tidy(() => cpu.tf.add(cpu.tf.scalar(1), cpu.tf.scalar(2)));
    expect(cpu.tf.getBackend()).toBe('cpu');
    const b = wasm.tidy(() => wasm.tf.mul(a, wasm.tf.scalar(2)));
    expect(wasm.tf.getBackend()).toBe('wasm');
    expect(await b.data()).toEqual(new Float32Array([6]));
    a.dispose();
    b.dispose();
  });
});
