import { describe, expect, it } from 'vitest';
import { ValidationError, sparseRowsToDense } from '@synth/core';
import type { SparseRows } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { createCorrelationMatrixFromCorrelations } from '@synth/correlation';
import { ActivationGenerator } from './activation-generator';
import type { ActivationGeneratorOptions } from './activation-generator-options';

const backends = await loadTestBackends();
const [cpu] = backends;

/** Features 0 and 1 correlated at 0.9; feature 2 independent. */
const correlationMatrix = createCorrelationMatrixFromCorrelations(3, [[0, 1, 0.9]]);
const firingProbabilities = [0.2, 0.2, 0.5];

describe('ActivationGenerator correlation validation', () => {
  const base = { numFeatures: 3, firingProbabilities, backend: cpu!, seed: 2 } as const;
  it.each<[string, ActivationGeneratorOptions['correlationMatrix'], RegExp]>([
    ['a dense matrix of the wrong shape', new Float64Array(4), /Correlation matrix must have shape \(3, 3\)/],
    ['a non-unit diagonal', new Float64Array([2, 0, 0, 0, 1, 0, 0, 0, 1]), /Correlation matrix diagonal must be all 1s/],
    ['a matrix that is not positive definite', new Float64Array([1, 1, 0, 1, 1, 0, 0, 0, 1]), /positive definite/],
    ['a factor of the wrong shape', [new Float64Array(4), new Float64Array(3)], /correlation_factor must have shape \(3, rank\)/],
    ['a diag of the wrong shape', [new Float64Array(3), new Float64Array(2)], /correlation_diag must have shape \(3,\)/],
    ['a non-positive diag', [new Float64Array(3), new Float64Array([1, 0, 1])], /correlation_diag must have all positive values/],
  ])('rejects %s', (_label, correlation, message) => {
    expect(() => new ActivationGenerator({ ...base, correlationMatrix: correlation })).toThrow(message);
  });

  it('needs a backend, and sync sampling points at the async methods', () => {
    expect(() => new ActivationGenerator({ numFeatures: 3, firingProbabilities, correlationMatrix })).toThrow(/Invalid backend/);
    const generator = new ActivationGenerator({ ...base, correlationMatrix });
    expect(() => generator.sampleSparse(4)).toThrow(ValidationError);
    expect(() => generator.sampleSparse(4)).toThrow(/sampleSparseAsync/);
    expect(generator.correlationThresholds![2]).toBe(0);
    expect(generator.correlationMatrix).not.toBeNull();
    generator.dispose();
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('correlated ActivationGenerator on %s', (_name, backend) => {
  const options: ActivationGeneratorOptions = { numFeatures: 3, firingProbabilities, correlationMatrix, backend, seed: 5 };

  it('keeps the marginal rates and fires correlated features together', async () => {
    const generator = new ActivationGenerator(options);
    const n = 20_000;
    const dense = sparseRowsToDense(await generator.sampleSparseAsync(n));
    generator.dispose();
    const rate = (j: number) => dense.filter((_, k) => k % 3 === j && dense[k]! > 0).length / n;
    firingProbabilities.forEach((p, j) => {
      // 5 binomial standard errors, 5·sqrt(p(1−p)/n).
      expect(Math.abs(rate(j) - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
    });
    let both = 0;
    for (let r = 0; r < n; r++) if (dense[3 * r]! > 0 && dense[3 * r + 1]! > 0) both++;
    // Independent features would fire together at 0.04; at latent correlation 0.9 it is far higher (≈0.15).
    expect(both / n).toBeGreaterThan(0.12);
  });

  it('is chunk-invariant, dense equals sparse, the low-rank pair form works, and nothing leaks', async () => {
    await expectNoTensorLeak(backend, async () => {
      const whole = new ActivationGenerator(options);
      const chunked = new ActivationGenerator({ ...options, stdFiringMagnitudes: 0 });
      const dense = new ActivationGenerator(options);
      const all = sparseRowsToDense(await whole.sampleSparseAsync(150));
      const parts: SparseRows[] = await Promise.all([chunked.sampleSparseAsync(1), chunked.sampleSparseAsync(70), chunked.sampleSparseAsync(79)]);
      expect(Float32Array.from(parts.flatMap((p) => Array.from(sparseRowsToDense(p))))).toEqual(all);
      const tensor = await dense.sampleDenseAsync(150);
      expect(tensor.dataSync()).toEqual(all);
      tensor.dispose();
      const lowRank = new ActivationGenerator({
        ...options,
        correlationMatrix: [new Float64Array([0.6, 0.6, 0]), new Float64Array([0.64, 0.64, 1])],
      });
      expect(lowRank.lowRankCorrelation?.rank).toBe(1);
      expect((await lowRank.sampleSparseAsync(10)).rows).toBe(10);
      for (const g of [whole, chunked, dense, lowRank]) g.dispose();
    });
  });
});
