import type { Rank } from '@synth/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { bestMatchIndices, cosineSimilarities } from './cosine-similarities';
import { featureUniqueness } from './feature-uniqueness';
import { findBestFeatureOrdering } from './feature-ordering';
import { meanCorrelationCoefficient } from './mean-correlation-coefficient';

const backends = await loadTestBackends();

/** Row-major random matrix from a seeded stream. */
function randomRows(seed: number, rows: number, columns: number): Float32Array {
  const data = new Float32Array(rows * columns);
  Rng.fromSeed(seed).fillNormal(data);
  return data;
}

describe.each(backends.map((b) => [b.name, b] as const))('similarity metrics on %s', (_name, backend) => {
  const { tf } = backend;
  // float32 dot products of unit vectors in d = 8: error below 8·(d+2)·ε ≈ 1e-5.
  const tolerance = 16 * 10 * backend.epsilon;

  it('cosineSimilarities: unit diagonal, zero rows give 0, symmetric, no leaks', async () => {
    const data = randomRows(1, 5, 8);
    data.fill(0, 8, 16); // row 1 is zero
    const values = await expectNoTensorLeak(backend, () => {
      const x = tf.tensor2d(data, [5, 8]);
      const cos = cosineSimilarities(backend, x);
      const out = cos.arraySync();
      tf.dispose([x, cos]);
      return out;
    });
    for (let i = 0; i < 5; i++) {
      expect(values[i]![i]).toBeCloseTo(i === 1 ? 0 : 1, 5);
      for (let j = 0; j < 5; j++) {
        expect(values[i]![j]).toBeCloseTo(values[j]![i]!, 6);
        if (i === 1 || j === 1) expect(values[i]![j]).toBe(0);
      }
    }
  });

  it('cosineSimilarities rejects different widths', () => {
    const [a, b] = [tf.zeros([2, 3]), tf.zeros([2, 4])] as [ReturnType<typeof tf.tensor2d>, ReturnType<typeof tf.tensor2d>];
    expect(() => cosineSimilarities(backend, a, b)).toThrow(InvalidArgumentError);
    tf.dispose([a, b]);
  });

  it('MCC is 1 for a permuted, rescaled, sign-flipped copy, and symmetric', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const data = randomRows(seed, rows, 8);
        const rng = Rng.fromSeed(seed).split('permutation');
        const order = Int32Array.from({ length: rows }, (_, i) => i);
        rng.shuffle(order);
        const copy = new Float32Array(data.length);
        order.forEach((from, to) => {
          const scale = (to % 2 === 0 ? -1 : 1) * (1 + to);
          for (let c = 0; c < 8; c++) copy[to * 8 + c] = data[from * 8 + c]! * scale;
        });
        const [a, b] = [tf.tensor2d(data, [rows, 8]), tf.tensor2d(copy, [rows, 8])];
        expect(Math.abs(meanCorrelationCoefficient(backend, a, b) - 1)).toBeLessThan(tolerance);
        expect(Math.abs(meanCorrelationCoefficient(backend, b, a) - meanCorrelationCoefficient(backend, a, b))).toBeLessThan(tolerance);
        tf.dispose([a, b]);
      }),
      { numRuns: 20 },
    );
  });

  it('MCC equals the brute-force best matching on small random cases (rectangular both ways)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10_000 }), (rowsA, rowsB, seed) => {
        const [dataA, dataB] = [randomRows(seed, rowsA, 4), randomRows(seed + 1, rowsB, 4)];
        const [a, b] = [tf.tensor2d(dataA, [rowsA, 4]), tf.tensor2d(dataB, [rowsB, 4])];
        const cos = cosineSimilarities(backend, a, b);
        const abs = (cos.arraySync()).map((row) => row.map(Math.abs));
        const brute = bruteForceBest(abs, rowsA, rowsB) / Math.min(rowsA, rowsB);
        expect(Math.abs(meanCorrelationCoefficient(backend, a, b) - brute)).toBeLessThan(tolerance);
        tf.dispose([a, b, cos]);
      }),
      { numRuns: 25 },
    );
  });

  it('uniqueness counts distinct best matches; ordering sorts latents by their best match', () => {
    // Latents 0 and 2 both match feature 1; latent 1 matches feature 0.
    const trueFeatures = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const sae = tf.tensor2d([[0, 2, 0.1], [-3, 0, 0], [0.2, -1, 0]]);
    expect(Array.from(bestMatchIndices(backend, sae, trueFeatures))).toEqual([1, 0, 1]);
    expect(featureUniqueness(backend, sae, trueFeatures)).toBeCloseTo(2 / 3, 6);
    expect(Array.from(findBestFeatureOrdering(backend, sae, trueFeatures))).toEqual([1, 0, 2]);
    const empty = tf.zeros<Rank.R2>([0, 3]);
    expect(featureUniqueness(backend, empty, trueFeatures)).toBe(0);
    expect(() => featureUniqueness(backend, sae, empty)).toThrow(/Invalid trueFeatures: expected at least one feature vector/);
    tf.dispose([trueFeatures, sae, empty]);
  });
});

/** Largest total over all injective matchings of the smaller side into the larger. */
function bruteForceBest(scores: number[][], rows: number, columns: number): number {
  const transpose = rows > columns;
  const [n, m] = transpose ? [columns, rows] : [rows, columns];
  const at = (i: number, j: number): number => (transpose ? scores[j]![i]! : scores[i]![j]!);
  const used = new Array<boolean>(m).fill(false);
  const search = (i: number): number => {
    if (i === n) return 0;
    let best = -Infinity;
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      best = Math.max(best, at(i, j) + search(i + 1));
      used[j] = false;
    }
    return best;
  };
  return search(0);
}

describe('MCC of a planted dictionary (statistical)', () => {
  it('matches the expected |cos| of noisy copies of the true features', () => {
    const backend = backends[0]!;
    const { tf } = backend;
    // 256 true features in d = 128; the SAE has a noisy copy of 128 of them plus 64 random rows.
    // Each noisy row is v + σ·ε with v, ε ~ N(0, I_d): cos(v, v + σε) ≈ 1/sqrt(1 + σ²) with
    // sd ≈ σ/(1+σ²)^(3/2)/sqrt(d) per row; the random rows match whatever is left, |cos| ≈ 0.1–0.3.
    // The matching is dominated by the planted pairs, so MCC over min(rows) = 192 pairs is
    // (128·E[cos_planted] + 64·E[best leftover]) / 192. We check the planted part by restricting to
    // the planted rows: MCC(noisy copies, true) must be within 5·sd/sqrt(128) of 1/sqrt(1+σ²),
    // plus 2/d for the O(1/d) bias of that asymptotic value at finite d (the norms of v and
    // v + σε fluctuate by O(1/sqrt(d)), and the cosine is a ratio of them).
    const [features, d, planted, sigma] = [256, 128, 128, 0.5];
    const rng = Rng.fromSeed(11).split('planted-mcc');
    const truth = rng.fillNormal(new Float32Array(features * d));
    const noise = rng.fillNormal(new Float32Array(planted * d));
    const chosen = rng.sampleWithoutReplacement(features, planted);
    const copies = Float32Array.from(noise, (e, k) => truth[chosen[Math.floor(k / d)]! * d + (k % d)]! + sigma * e);
    const [a, b] = [tf.tensor2d(copies, [planted, d]), tf.tensor2d(truth, [features, d])];
    const expected = 1 / Math.sqrt(1 + sigma ** 2);
    const sd = sigma / (1 + sigma ** 2) ** 1.5 / Math.sqrt(d);
    expect(Math.abs(meanCorrelationCoefficient(backend, a, b) - expected)).toBeLessThan(5 * sd / Math.sqrt(planted) + 2 / d);
    tf.dispose([a, b]);
  });
});
