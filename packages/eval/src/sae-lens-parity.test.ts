/**
 * Parity with SAELens 6.35.0 (`sae_lens.synthetic.evals`).
 *
 * The fixtures `src/__fixtures__/sae-lens-*.json` were written by
 * `scripts/fixtures/eval_fixtures.py`, run through the fixture runner:
 *
 *     python3 scripts/fixtures/make_sae_lens_fixtures.py --only mcc-uniqueness \
 *       --only classification --only calculators --only eval-sae
 *
 * (each JSON records the versions under "generatedBy"). Every number is compared at 1e-5 absolute
 * (SAELens and synth both compute in float32; counts and dead latents exactly). The script asserts
 * that every argmax of |cos| and every `latent > 0` decision in the fixtures is decided by more than
 * 1e-4 (or is an exact tie), so summation order cannot flip them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sparseMatmul, sparseRowsFromDense } from '@synth/core';
import type { Backend, Tensor2D } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { isSparseRows } from './activation-batch';
import type { ActivationBatch } from './activation-batch';
import { ClassificationMetricsCalculator, computeClassificationMetrics } from './calculators/classification-metrics-calculator';
import type { ClassificationMetrics } from './calculators/classification-metrics-calculator';
import { DeadLatentsCalculator } from './calculators/dead-latents-calculator';
import { ExplainedVarianceCalculator } from './calculators/explained-variance-calculator';
import { L0Calculator } from './calculators/l0-calculator';
import { ShrinkageCalculator } from './calculators/shrinkage-calculator';
import { bestMatchIndices } from './cosine-similarities';
import { evalSaeOnSyntheticData } from './eval-sae';
import { featureUniqueness } from './feature-uniqueness';
import { meanCorrelationCoefficient } from './mean-correlation-coefficient';

const TOLERANCE = 1e-5;

type Matrix = number[][];
interface SaeLensMetrics { precision: number; recall: number; f1_score: number; accuracy: number }

function readFixture<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${file}`, import.meta.url), 'utf8')) as T;
}

const mccCases = readFixture<{
  cases: {
    name: string; a: Matrix; aShape: [number, number]; b: Matrix; bShape: [number, number];
    mcc: number | string; mccSwapped: number | string;
    uniqueness: number | { raises: string; message: string }; uniquenessSwapped: number | { raises: string; message: string };
    bestMatches: number[]; bestMatchesSwapped: number[];
  }[];
}>('sae-lens-mcc-uniqueness.json').cases;
const classification = readFixture<{
  cases: { name: string; saeLatents: Matrix; saeLatentsShape: [number, number]; gtFeatureActs: Matrix; saeDecoder: Matrix; saeDecoderShape: [number, number]; gtFeatures: Matrix; bestMatches: number[]; expected: SaeLensMetrics }[];
  streaming: { saeDecoder: Matrix; gtFeatures: Matrix; batches: { saeLatents: Matrix; gtFeatureActs: Matrix }[]; expectedAfterEachBatch: SaeLensMetrics[] };
}>('sae-lens-classification.json');
interface Pairs { output: Matrix; input: Matrix }
const calculators = readFixture<{
  l0: { batches: Matrix[]; expectedEmpty: number; expectedAfterEachBatch: number[] };
  deadLatents: { numLatents: number; batches: Matrix[]; expectedEmpty: number; expectedAfterEachBatch: number[] };
  shrinkage: { batches: Pairs[]; expectedEmpty: number; expectedAfterEachBatch: number[] };
  explainedVariance: { name: string; hiddenDim: number; batches: Pairs[]; expectedEmpty: number; expectedAfterEachBatch: number[] }[];
}>('sae-lens-calculators.json');
interface EvalCase {
  name: string; numFeatures: number; hiddenDim: number; numLatents: number; numSamples: number; batchSize: number | null; scalingFactor: number | null;
  featureVectors: Matrix; bias: number[];
  sae: { W_enc: Matrix; b_enc: number[]; W_dec: Matrix; b_dec: number[] };
  batches: Matrix[];
  expected: { true_l0: number; sae_l0: number; dead_latents: number; shrinkage: number; explained_variance: number; mcc: number; uniqueness: number; classification: SaeLensMetrics };
}
const evalCases = readFixture<{ cases: EvalCase[] }>('sae-lens-eval-sae.json').cases;

const largestDifference = new Map<string, number>();
function expectClose(label: string, actual: number, expected: number | string): void {
  const reference = typeof expected === 'number' ? expected : Number(expected); // "NaN"
  if (Number.isNaN(reference)) {
    expect(actual).toBeNaN();
    return;
  }
  const difference = Math.abs(actual - reference);
  largestDifference.set(label, Math.max(largestDifference.get(label) ?? 0, difference));
  expect(difference, `${label}: ${actual} vs SAELens ${reference}`).toBeLessThanOrEqual(TOLERANCE);
}
function expectMetrics(label: string, actual: ClassificationMetrics, expected: SaeLensMetrics): void {
  expectClose(`${label}.precision`, actual.precision, expected.precision);
  expectClose(`${label}.recall`, actual.recall, expected.recall);
  expectClose(`${label}.f1Score`, actual.f1Score, expected.f1_score);
  expectClose(`${label}.accuracy`, actual.accuracy, expected.accuracy);
}
afterAll(() => {
  // SYNTH_PARITY_REPORT=1 prints the largest difference per function.
  if (process.env.SYNTH_PARITY_REPORT) console.log(Object.fromEntries(largestDifference));
});

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('SAELens parity on %s', (_backendName, backend) => {
  const { tf } = backend;
  /** A float32 `[rows, columns]` tensor of a nested list (`columns` given for a list with no rows). */
  const matrix = (rows: Matrix, shape?: readonly [number, number]): Tensor2D =>
    tf.tensor2d(Float32Array.from(rows.flat()), shape === undefined ? [rows.length, rows[0]?.length ?? 0] : [shape[0], shape[1]]);

  describe('mean_correlation_coefficient and feature_uniqueness', () => {
    it.each(mccCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const [a, b] = [matrix(c.a, c.aShape), matrix(c.b, c.bShape)];
      try {
        await expectNoTensorLeak(backend, () => {
          expectClose('meanCorrelationCoefficient', meanCorrelationCoefficient(backend, a, b), c.mcc);
          expectClose('meanCorrelationCoefficient', meanCorrelationCoefficient(backend, b, a), c.mccSwapped);
          if (c.aShape[0] > 0 && c.bShape[0] > 0) {
            expect(Array.from(bestMatchIndices(backend, a, b))).toEqual(c.bestMatches);
            expect(Array.from(bestMatchIndices(backend, b, a))).toEqual(c.bestMatchesSwapped);
          }
          for (const [sae, gt, expected] of [[a, b, c.uniqueness], [b, a, c.uniquenessSwapped]] as const) {
            // SAELens raises on an SAE with latents but no true features (argmax over an empty
            // dimension); synth throws a typed error there.
            if (typeof expected === 'number') expectClose('featureUniqueness', featureUniqueness(backend, sae, gt), expected);
            else expect(() => featureUniqueness(backend, sae, gt)).toThrow(/Invalid trueFeatures/);
          }
        });
      } finally {
        tf.dispose([a, b]);
      }
    });
  });

  describe('compute_classification_metrics', () => {
    it.each(classification.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const latents = matrix(c.saeLatents, c.saeLatentsShape);
      const truth = matrix(c.gtFeatureActs);
      const decoder = matrix(c.saeDecoder, c.saeDecoderShape);
      const gtFeatures = matrix(c.gtFeatures);
      try {
        await expectNoTensorLeak(backend, () => {
          if (c.bestMatches.length > 0) expect(Array.from(bestMatchIndices(backend, decoder, gtFeatures))).toEqual(c.bestMatches);
          expectMetrics('computeClassificationMetrics', computeClassificationMetrics(backend, latents, truth, decoder, gtFeatures), c.expected);
          // The same truth as a sparse batch gives the same metrics.
          const sparseTruth = sparseRowsFromDense(Float32Array.from(c.gtFeatureActs.flat()), truth.shape[0], truth.shape[1]);
          expectMetrics('computeClassificationMetrics', computeClassificationMetrics(backend, latents, sparseTruth, decoder, gtFeatures), c.expected);
        });
      } finally {
        tf.dispose([latents, truth, decoder, gtFeatures]);
      }
    });

    it('ClassificationMetricsCalculator streaming over batches', () => {
      const { streaming } = classification;
      const [decoder, gtFeatures] = [matrix(streaming.saeDecoder), matrix(streaming.gtFeatures)];
      const calculator = new ClassificationMetricsCalculator(backend, decoder, gtFeatures);
      streaming.batches.forEach((batch, k) => {
        const [latents, truth] = [matrix(batch.saeLatents), matrix(batch.gtFeatureActs)];
        calculator.addBatch(latents, truth);
        expectMetrics('ClassificationMetricsCalculator', calculator.compute(), streaming.expectedAfterEachBatch[k]!);
        tf.dispose([latents, truth]);
      });
      tf.dispose([decoder, gtFeatures]);
    });
  });

  describe('streaming calculators', () => {
    it('L0Calculator', () => {
      const l0 = new L0Calculator(backend);
      expectClose('L0Calculator', l0.compute(), calculators.l0.expectedEmpty);
      calculators.l0.batches.forEach((rows, k) => {
        const batch = matrix(rows);
        l0.addBatch(batch);
        batch.dispose();
        expectClose('L0Calculator', l0.compute(), calculators.l0.expectedAfterEachBatch[k]!);
      });
    });

    it('DeadLatentsCalculator (exact counts)', () => {
      const dead = new DeadLatentsCalculator(backend, calculators.deadLatents.numLatents);
      expect(dead.compute()).toBe(calculators.deadLatents.expectedEmpty);
      calculators.deadLatents.batches.forEach((rows, k) => {
        const batch = matrix(rows);
        dead.addBatch(batch);
        batch.dispose();
        expect(dead.compute()).toBe(calculators.deadLatents.expectedAfterEachBatch[k]);
      });
    });

    it('ShrinkageCalculator (rows with input norm <= 1e-6 skipped)', () => {
      const shrinkage = new ShrinkageCalculator(backend);
      expectClose('ShrinkageCalculator', shrinkage.compute(), calculators.shrinkage.expectedEmpty);
      calculators.shrinkage.batches.forEach((pair, k) => {
        const [output, input] = [matrix(pair.output), matrix(pair.input)];
        shrinkage.addBatch(output, input);
        tf.dispose([output, input]);
        expectClose('ShrinkageCalculator', shrinkage.compute(), calculators.shrinkage.expectedAfterEachBatch[k]!);
      });
    });

    it.each(calculators.explainedVariance.map((c) => [c.name, c] as const))('ExplainedVarianceCalculator: %s', (_name, c) => {
      const explained = new ExplainedVarianceCalculator(backend, c.hiddenDim);
      expectClose('ExplainedVarianceCalculator', explained.compute(), c.expectedEmpty);
      c.batches.forEach((pair, k) => {
        const [output, input] = [matrix(pair.output), matrix(pair.input)];
        explained.addBatch(output, input);
        tf.dispose([output, input]);
        expectClose('ExplainedVarianceCalculator', explained.compute(), c.expectedAfterEachBatch[k]!);
      });
    });
  });

  describe('eval_sae_on_synthetic_data', () => {
    /** The fixture's SAE, feature dictionary and fixed batches, as synth's interfaces. */
    function setup(backend: Backend, c: EvalCase, sparse: boolean) {
      const weights = {
        featureVectors: matrix(c.featureVectors),
        bias: tf.tensor1d(Float32Array.from(c.bias)),
        wEnc: matrix(c.sae.W_enc),
        bEnc: tf.tensor1d(Float32Array.from(c.sae.b_enc)),
        wDec: matrix(c.sae.W_dec),
        bDec: tf.tensor1d(Float32Array.from(c.sae.b_dec)),
      };
      // SAELens FeatureDictionary.forward: acts·V + bias.
      const featureMap = {
        featureVectors: weights.featureVectors,
        forward: (acts: ActivationBatch): Tensor2D =>
          tf.add(isSparseRows(acts) ? sparseMatmul(backend, acts, weights.featureVectors) : tf.matMul(acts, weights.featureVectors), weights.bias),
      };
      const sae = {
        W_dec: weights.wDec,
        encode: (x: Tensor2D): Tensor2D => tf.relu(tf.add<Tensor2D>(tf.matMul(x, weights.wEnc), weights.bEnc)),
        decode: (z: Tensor2D): Tensor2D => tf.add(tf.matMul(z, weights.wDec), weights.bDec),
      };
      // SAELens's generator with `sample` replaced: the fixed batches, in order.
      let next = 0;
      const sampler = {
        sample(batchSize: number): ActivationBatch {
          const rows = c.batches[next++];
          expect(rows?.length).toBe(batchSize);
          const data = Float32Array.from(rows!.flat());
          return sparse ? sparseRowsFromDense(data, batchSize, c.numFeatures) : tf.tensor2d(data, [batchSize, c.numFeatures]);
        },
        get used() {
          return next;
        },
      };
      const factor = c.scalingFactor;
      const scaler = factor === null ? undefined : {
        scale: (x: Tensor2D): Tensor2D => tf.mul(x, factor),
        unscale: (x: Tensor2D): Tensor2D => tf.div(x, factor),
      };
      return { featureMap, sae, sampler, scaler, dispose: () => tf.dispose(Object.values(weights)) };
    }

    it.each(evalCases.flatMap((c) => [[c.name, 'dense', c], [c.name, 'sparse', c]] as const))('%s (%s batches)', async (_name, form, c) => {
      const { featureMap, sae, sampler, scaler, dispose } = setup(backend, c, form === 'sparse');
      try {
        const result = await expectNoTensorLeak(backend, () =>
          evalSaeOnSyntheticData(backend, sae, featureMap, sampler, {
            numSamples: c.numSamples,
            // SAELens's batch_size=None is one batch of numSamples; synth streams, so pass it explicitly.
            batchSize: c.batchSize ?? c.numSamples,
            ...(scaler === undefined ? {} : { activationScaler: scaler }),
          }),
        );
        expect(sampler.used).toBe(c.batches.length);
        const actual = result.toDict();
        const { expected } = c;
        expectClose('evalSaeOnSyntheticData.true_l0', actual.true_l0, expected.true_l0);
        expectClose('evalSaeOnSyntheticData.sae_l0', actual.sae_l0, expected.sae_l0);
        expect(actual.dead_latents).toBe(expected.dead_latents);
        expectClose('evalSaeOnSyntheticData.shrinkage', actual.shrinkage, expected.shrinkage);
        expectClose('evalSaeOnSyntheticData.explained_variance', actual.explained_variance, expected.explained_variance);
        expectClose('evalSaeOnSyntheticData.mcc', actual.mcc, expected.mcc);
        expectClose('evalSaeOnSyntheticData.uniqueness', actual.uniqueness, expected.uniqueness);
        expectMetrics('evalSaeOnSyntheticData.classification', result.classification, expected.classification);
        expect(Object.keys(actual)).toEqual(Object.keys(expected));
      } finally {
        dispose();
      }
    });
  });
});
