import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@synth/core';
import type { ProgressEvent } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { FeatureDictionary } from './feature-dictionary';
import { orthogonalInitializer } from './orthogonal-initializer';
import { orthogonalizeEmbeddings } from './orthogonalize-embeddings';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('orthogonalInitializer on %s', (_name, backend) => {
  it('replaces the vectors with orthogonalizeEmbeddings(vectors, settings) and reports progress', async () => {
    await expectNoTensorLeak(backend, async () => {
      const options = { backend, numFeatures: 9, hiddenDim: 4, seed: 4 };
      const random = await FeatureDictionary.create({ ...options, initializer: null });
      const want = await orthogonalizeEmbeddings(random.featureVectors, { backend, numSteps: 20, lr: 0.02, chunkSize: 4 });
      const events: ProgressEvent[] = [];
      const initializer = orthogonalInitializer({ numSteps: 20, lr: 0.02, chunkSize: 4, onProgress: (e) => events.push(e) });
      const dictionary = await FeatureDictionary.create({ ...options, initializer });
      assertClose(await dictionary.featureVectors.data(), await want.data(), () => 0);
      expect(events.at(-1)).toMatchObject({ task: 'orthogonalize', completed: 60, total: 60 });
      [random, want, dictionary].forEach((x) => x.dispose());
    });
  });
});

describe('orthogonalInitializer validation', () => {
  it.each([[{ numSteps: -1 }, 'numSteps'], [{ lr: Number.NaN }, 'lr'], [{ chunkSize: 0 }, 'chunkSize']] as const)('checks %o when it is made', (settings, parameter) => {
    expect(() => orthogonalInitializer(settings)).toThrow(InvalidArgumentError);
    expect(() => orthogonalInitializer(settings)).toThrow(`Invalid ${parameter}`);
  });
});
