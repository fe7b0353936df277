import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Rng } from '@synth/core';
import type { Rank } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { meanCorrelationCoefficient } from './mean-correlation-coefficient';
import { referenceMeanCorrelationCoefficient } from './mcc/reference-mcc';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('meanCorrelationCoefficient on %s', (_name, backend) => {
  const { tf } = backend;

  it('rejects mismatched widths, a bad blockRows and non-finite entries, as before', () => {
    const [a, b, c] = [tf.ones<Rank.R2>([2, 3]), tf.ones<Rank.R2>([2, 4]), tf.tensor2d([[1, Number.NaN, 0], [0, 1, 0]])];
    expect(() => meanCorrelationCoefficient(backend, a, b)).toThrow(InvalidArgumentError);
    expect(() => meanCorrelationCoefficient(backend, a, a, { blockRows: 0 })).toThrow(/blockRows/);
    expect(() => meanCorrelationCoefficient(backend, a, c)).toThrow(InvalidArgumentError);
    expect(() => meanCorrelationCoefficient(backend, c, a)).toThrow(InvalidArgumentError);
    tf.dispose([a, b, c]);
  });

  it('is NaN with no rows on either side and 0 with no columns', () => {
    const [empty, rows, flat] = [tf.zeros<Rank.R2>([0, 3]), tf.ones<Rank.R2>([2, 3]), tf.zeros<Rank.R2>([2, 0])];
    expect(meanCorrelationCoefficient(backend, empty, rows)).toBeNaN();
    expect(meanCorrelationCoefficient(backend, rows, empty)).toBeNaN();
    expect(meanCorrelationCoefficient(backend, flat, flat)).toBe(0);
    tf.dispose([empty, rows, flat]);
  });

  it('agrees with the straightforward reference on random rectangular inputs, without leaks', async () => {
    const rng = Rng.fromSeed(21).split(backend.name);
    for (const [rowsA, rowsB, width, blockRows] of [[7, 30, 5, 3], [40, 9, 16, 512], [64, 64, 33, 10]] as const) {
      const a = tf.tensor2d(rng.fillNormal(new Float32Array(rowsA * width)), [rowsA, width]);
      const b = tf.tensor2d(rng.fillNormal(new Float32Array(rowsB * width)), [rowsB, width]);
      const got = await expectNoTensorLeak(backend, () => meanCorrelationCoefficient(backend, a, b, { blockRows }));
      // Host-normalised against backend-normalised unit rows: a few ε per cosine.
      expect(Math.abs(got - referenceMeanCorrelationCoefficient(backend, a, b))).toBeLessThanOrEqual(2 * (width + 6) * backend.epsilon);
      tf.dispose([a, b]);
    }
  });
});
