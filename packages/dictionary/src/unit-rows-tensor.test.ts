import { describe, expect, it } from 'vitest';
import { MIN_ROW_NORM, Rng, normalizeRows } from '@synth/core';
import type { Backend } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FeatureDictionary } from './feature-dictionary';
import { unitRowsTensor } from './unit-rows-tensor';

const backends = await loadTestBackends();

/** What `FeatureDictionary.create` computed before: `normalizeRows` on the whole matrix at once. */
async function wholeMatrix(backend: Backend, draws: Float32Array, rows: number, columns: number): Promise<Float32Array> {
  const t = backend.tidy(() => normalizeRows(backend, backend.tf.tensor2d(draws.slice(), [rows, columns])));
  const data = Float32Array.from(await t.data());
  t.dispose();
  return data;
}

/** Normal draws with awkward rows mixed in: zero, below MIN_ROW_NORM, huge, denormal. */
function awkwardDraws(rows: number, columns: number, seed: number): Float32Array {
  const draws = Rng.fromSeed(seed).fillNormal(new Float32Array(rows * columns));
  const row = (r: number): Float32Array => draws.subarray((r % rows) * columns, ((r % rows) + 1) * columns);
  row(1).fill(0);
  row(2).forEach((x, k, a) => (a[k] = x * MIN_ROW_NORM * 0.01));
  row(3).forEach((x, k, a) => (a[k] = x * 1e18));
  row(4).fill(1e-45);
  return draws;
}

describe.each(backends.map((b) => [b.name, b] as const))('unitRowsTensor on %s', (_name, backend) => {
  it.each([
    [7, 5, 3],
    [9, 1, 2],
    [5, 64, 1],
    [40, 33, 1000],
  ])('%i × %i in blocks of %i rows equals normalizeRows on the whole matrix, bit for bit', async (rows, columns, chunkRows) => {
    const draws = awkwardDraws(rows, columns, rows * 100 + columns);
    const want = await wholeMatrix(backend, draws, rows, columns);
    const got = await expectNoTensorLeak(backend, async () => {
      const t = await unitRowsTensor(backend, draws, rows, columns, chunkRows);
      const data = Float32Array.from(await t.data());
      t.dispose();
      return data;
    });
    expect(new Uint32Array(got.buffer)).toEqual(new Uint32Array(want.buffer));
  });

  it('handles an empty matrix', async () => {
    const t = await unitRowsTensor(backend, new Float32Array(0), 0, 4);
    expect(t.shape).toEqual([0, 4]);
    t.dispose();
  });

  it('gives FeatureDictionary.create the vectors it made before the change (seeded streams unchanged)', async () => {
    const [numFeatures, hiddenDim] = [300, 17];
    const draws = Rng.fromSeed(5).fillNormal(new Float32Array(numFeatures * hiddenDim));
    const want = await wholeMatrix(backend, draws, numFeatures, hiddenDim);
    const dictionary = await FeatureDictionary.create({ backend, numFeatures, hiddenDim, initializer: null, seed: 5 });
    const got = Float32Array.from(await dictionary.featureVectors.data());
    dictionary.dispose();
    expect(new Uint32Array(got.buffer)).toEqual(new Uint32Array(want.buffer));
  });
});

describe('unitRowsTensor memory', () => {
  it.runIf(backends.some((b) => b.name === 'cpu'))('on cpu, the tensor wraps the normalised draws: no second copy', async () => {
    const backend = backends.find((b) => b.name === 'cpu')!;
    const draws = Rng.fromSeed(8).fillNormal(new Float32Array(64 * 32));
    const bytesBefore = backend.tf.memory().numBytes;
    const t = await unitRowsTensor(backend, draws, 64, 32);
    expect(backend.tf.memory().numBytes - bytesBefore).toBe(draws.byteLength);
    // The cpu backend hands out the array a tensor was made from: the same object, not a copy.
    expect(t.dataSync()).toBe(draws);
    t.dispose();
  });
});
