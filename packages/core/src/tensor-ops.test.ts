import type { Rank } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { sparseRowsFromDense } from './sparse-rows';
import { normalizeRows, sparseMatmul } from './tensor-ops';
import { expectNoTensorLeak, loadTestBackends } from './testing';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('tensor ops on %s', (_name, backend) => {
  const { tf } = backend;

  it('sparseMatmul of an empty batch is zeros, without leaking', async () => {
    const sparse = sparseRowsFromDense(new Float32Array(6), 2, 3);
    const data = await expectNoTensorLeak(backend, async () => {
      const weights = tf.ones<Rank.R2>([3, 4]);
      const out = sparseMatmul(backend, sparse, weights);
      const values = await out.data();
      tf.dispose([out, weights]);
      return values;
    });
    expect(Array.from(data)).toEqual(new Array(8).fill(0));
  });

  it('sparseMatmul rejects mismatched inner dimensions', () => {
    const sparse = sparseRowsFromDense(new Float32Array(6), 2, 3);
    const weights = tf.ones<Rank.R2>([4, 2]);
    expect(() => sparseMatmul(backend, sparse, weights)).toThrow(InvalidArgumentError);
    weights.dispose();
  });

  it('normalizeRows leaves only its result alive', async () => {
    await expectNoTensorLeak(backend, () => {
      const x = tf.tensor2d([[3, 4], [0, 0]]);
      const unit = normalizeRows(backend, x);
      expect(unit.arraySync()).toEqual([[0.6000000238418579, 0.800000011920929], [0, 0]]);
      tf.dispose([x, unit]);
    });
  });
});
