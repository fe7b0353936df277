import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng, SynthError } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FeatureDictionary } from './feature-dictionary';
import type { FeatureDictionaryOptions } from './feature-dictionary';
import { DEFAULT_FEATURE_DICTIONARY_SEED } from './feature-dictionary-options';
import { orthogonalizeEmbeddings } from './orthogonalize-embeddings';

const backends = await loadTestBackends();

async function read(dictionary: FeatureDictionary): Promise<{ vectors: Float32Array; bias: Float32Array }> {
  return { vectors: (await dictionary.featureVectors.data()) as Float32Array, bias: (await dictionary.bias.data()) as Float32Array };
}

function rowNorms(data: Float32Array, columns: number): number[] {
  return Array.from({ length: data.length / columns }, (_, r) => Math.hypot(...data.subarray(r * columns, (r + 1) * columns)));
}

describe.each(backends.map((b) => [b.name, b] as const))('FeatureDictionary on %s', (_name, backend) => {
  const base = { backend, initializer: null } as const;

  it('draws unit rows from the seed, then the bias from the same generator', async () => {
    await expectNoTensorLeak(backend, async () => {
      const plain = await FeatureDictionary.create({ ...base, numFeatures: 5, hiddenDim: 3, seed: 11 });
      const biased = await FeatureDictionary.create({ ...base, numFeatures: 5, hiddenDim: 3, seed: 11, bias: 2.5 });
      const a = await read(plain);
      const b = await read(biased);
      expect(Array.from(a.bias)).toEqual([0, 0, 0]);
      assertClose(b.vectors, a.vectors, () => 0);
      for (const norm of rowNorms(a.vectors, 3)) expect(Math.abs(norm - 1)).toBeLessThanOrEqual(4 * backend.epsilon);
      const rng = Rng.fromSeed(11);
      rng.fillNormal(new Float32Array(15));
      const direction = rng.fillNormal(new Float32Array(3));
      const norm = Math.hypot(...direction);
      assertClose(b.bias, Array.from(direction, (x) => (x / norm) * 2.5), () => 16 * backend.epsilon);
      plain.dispose();
      biased.dispose();
    });
  });

  it.each<[boolean | number, number]>([[true, 1], [0.5, 0.5], [-3, 3], [false, 0], [0, 0]])('bias %s has norm %s', async (bias, norm) => {
    const dictionary = await FeatureDictionary.create({ ...base, numFeatures: 2, hiddenDim: 6, seed: 3, bias });
    expect(Math.abs(Math.hypot(...(await dictionary.bias.data())) - norm)).toBeLessThanOrEqual(8 * backend.epsilon * (norm + 1));
    dictionary.dispose();
  });

  it('uses the default seed, an explicit seed 0 and an rng consistently', async () => {
    const byDefault = await FeatureDictionary.create({ ...base, numFeatures: 3, hiddenDim: 2 });
    const seedZero = await FeatureDictionary.create({ ...base, numFeatures: 3, hiddenDim: 2, seed: DEFAULT_FEATURE_DICTIONARY_SEED });
    const rng = Rng.fromSeed(DEFAULT_FEATURE_DICTIONARY_SEED);
    const fromRng = await FeatureDictionary.create({ ...base, numFeatures: 3, hiddenDim: 2, rng });
    expect(rng.position).toBeGreaterThan(0); // the caller's generator advanced
    const want = (await read(byDefault)).vectors;
    assertClose((await read(seedZero)).vectors, want, () => 0);
    assertClose((await read(fromRng)).vectors, want, () => 0);
    [byDefault, seedZero, fromRng].forEach((d) => d.dispose());
  });

  it('spreads rows uniformly on the sphere (coordinate moments within 5σ)', async () => {
    const [n, d] = [2000, 8];
    const dictionary = await FeatureDictionary.create({ ...base, numFeatures: n, hiddenDim: d, seed: 21 });
    const { vectors } = await read(dictionary);
    dictionary.dispose();
    // Uniform on S^(d-1): E[x_k] = 0, Var x_k = 1/d; E[x_k²] = 1/d, Var x_k² = (2d − 2)/(d²(d + 2)).
    const meanSd = Math.sqrt(1 / d / n);
    const squareSd = Math.sqrt((2 * d - 2) / (d * d * (d + 2)) / n);
    for (let k = 0; k < d; k++) {
      let sum = 0;
      let squares = 0;
      for (let r = 0; r < n; r++) {
        sum += vectors[r * d + k]!;
        squares += vectors[r * d + k]! ** 2;
      }
      expect(Math.abs(sum / n)).toBeLessThan(5 * meanSd);
      expect(Math.abs(squares / n - 1 / d)).toBeLessThan(5 * squareSd);
    }
  });

  it('orthogonalises by default, after the bias is drawn', async () => {
    await expectNoTensorLeak(backend, async () => {
      const options = { backend, numFeatures: 6, hiddenDim: 4, seed: 8, bias: true };
      const random = await FeatureDictionary.create({ ...options, initializer: null });
      const want = await orthogonalizeEmbeddings(random.featureVectors, { backend });
      const dictionary = await FeatureDictionary.create(options);
      assertClose(await dictionary.featureVectors.data(), await want.data(), () => 0);
      assertClose(await dictionary.bias.data(), await random.bias.data(), () => 0);
      [random, dictionary, want].forEach((x) => x.dispose());
    });
  });

  it('runs a custom initializer last, and disposes everything if it throws', async () => {
    await expectNoTensorLeak(backend, async () => {
      const seen: number[] = [];
      const dictionary = await FeatureDictionary.create({
        ...base,
        numFeatures: 2,
        hiddenDim: 2,
        bias: true,
        initializer: (d) => {
          seen.push(Math.hypot(...d.bias.dataSync()));
          const identity = backend.tf.eye(2);
          d.setFeatureVectors(identity);
          identity.dispose();
        },
      });
      expect(seen[0]).toBeCloseTo(1, 5);
      expect(Array.from(await dictionary.featureVectors.data())).toEqual([1, 0, 0, 1]);
      dictionary.dispose();
      const failing = FeatureDictionary.create({ ...base, numFeatures: 2, hiddenDim: 2, initializer: () => Promise.reject(new Error('boom')) });
      await expect(failing).rejects.toThrow('boom');
    });
  });

  it('refuses use after dispose, and dispose twice is harmless', async () => {
    const dictionary = await FeatureDictionary.create({ ...base, numFeatures: 2, hiddenDim: 2 });
    dictionary.dispose();
    dictionary.dispose();
    expect(dictionary.isDisposed).toBe(true);
    expect(() => dictionary.featureVectors).toThrow(SynthError);
    expect(() => dictionary.forward(backend.tf.zeros([1, 2]))).toThrow(/disposed/);
  });
});

describe('FeatureDictionary validation', async () => {
  const backend = backends[0]!;
  const good: FeatureDictionaryOptions = { backend, numFeatures: 3, hiddenDim: 2, initializer: null };

  it.each<[string, Partial<FeatureDictionaryOptions>, string]>([
    ['numFeatures 0', { numFeatures: 0 }, 'numFeatures'],
    ['numFeatures 1.5', { numFeatures: 1.5 }, 'numFeatures'],
    ['hiddenDim NaN', { hiddenDim: Number.NaN }, 'hiddenDim'],
    ['too many entries', { numFeatures: 2 ** 20, hiddenDim: 2 ** 12 }, 'numFeatures'],
    ['bias NaN', { bias: Number.NaN }, 'bias'],
    ['bias "yes"', { bias: 'yes' as unknown as boolean }, 'bias'],
    ['initializer 3', { initializer: 3 as unknown as null }, 'initializer'],
    ['seed -1', { seed: -1 }, 'seed'],
    ['seed and rng', { seed: 1, rng: Rng.fromSeed(1) }, 'rng'],
    ['rng not an Rng', { rng: {} as Rng }, 'rng'],
    ['backend missing', { backend: undefined as unknown as FeatureDictionaryOptions['backend'] }, 'backend'],
  ])('rejects %s', async (_label, patch, parameter) => {
    const error: unknown = await FeatureDictionary.create({ ...good, ...patch }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).parameter).toBe(parameter);
  });

  const dictionary = await FeatureDictionary.create(good);
  afterAll(() => dictionary.dispose());
  it.each<[string, () => void, string]>([
    ['a [3, 3] featureVectors', () => backend.tidy(() => { dictionary.setFeatureVectors(backend.tf.zeros([3, 3])); }), 'featureVectors'],
    ['an int32 bias', () => backend.tidy(() => { dictionary.setBias(backend.tf.zeros([2], 'int32')); }), 'bias'],
    ['a forward batch with 2 columns', () => backend.tidy(() => { dictionary.forward(backend.tf.zeros([4, 2])); }), 'featureActivations'],
    ['a forward int32 batch', () => backend.tidy(() => { dictionary.forward(backend.tf.zeros([4, 3], 'int32')); }), 'featureActivations'],
  ])('rejects %s', (_label, call, parameter) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(`Invalid ${parameter}`);
  });
});
