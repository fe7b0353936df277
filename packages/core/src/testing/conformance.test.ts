import { describe, expect, it } from 'vitest';
import { loadTestBackends } from './backends';
import { defineBackendConformanceSuite } from './conformance';
import { expectNoTensorLeak } from './leak';

const backends = await loadTestBackends();

// SYNTH_TEST_BACKENDS narrows the run (the browser runner sets it to the one backend it tests).
const requested = (typeof process === 'undefined' ? undefined : process.env.SYNTH_TEST_BACKENDS)?.trim() ?? '';

describe('test backends', () => {
  it(requested === '' ? 'always include cpu and wasm' : `are exactly SYNTH_TEST_BACKENDS=${requested}`, () => {
    if (requested === '') expect(backends.map((b) => b.name)).toEqual(expect.arrayContaining(['cpu', 'wasm']));
    else expect(backends.map((b) => b.name)).toEqual(requested.split(',').map((name) => name.trim()));
  });
});

for (const backend of backends) defineBackendConformanceSuite(backend);

describe.each(backends.map((b) => [b.name, b] as const))('expectNoTensorLeak on %s', (_name, backend) => {
  it('passes when every tensor is disposed and returns the result', async () => {
    const value = await expectNoTensorLeak(backend, async () => {
      const t = backend.tidy(() => backend.tf.add(backend.tf.ones([2]), 1));
      const data = await t.data();
      t.dispose();
      return data[0];
    });
    expect(value).toBe(2);
  });

  it('fails when a tensor is left behind', async () => {
    let leaked: { dispose(): void } | undefined;
    await expect(expectNoTensorLeak(backend, () => { leaked = backend.tidy(() => backend.tf.ones([1])); })).rejects.toThrow(/Tensor leak: .* \(1 leaked\)/);
    leaked?.dispose();
  });
});
