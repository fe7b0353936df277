import { expect, it } from 'vitest';

it('importing @synth/core starts no TensorFlow.js engine and registers no backend', async () => {
  const engineKey = '_tfengine';
  expect((globalThis as Record<string, unknown>)[engineKey]).toBeUndefined();
  const core = await import('./index');
  expect(typeof core.createBackend).toBe('function');
  expect((globalThis as Record<string, unknown>)[engineKey]).toBeUndefined();
});
