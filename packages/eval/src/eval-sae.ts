/**
 * Evaluate an SAE on synthetic data with known ground truth.
 */
import type { Tensor2D } from '@synth/core';
import { assertInteger, createProgressReporter } from '@synth/core';
import type { Backend, ProgressOptions } from '@synth/core';
import type { ActivationBatch } from './activation-batch';
import { ClassificationMetricsCalculator } from './calculators/classification-metrics-calculator';
import { DeadLatentsCalculator } from './calculators/dead-latents-calculator';
import { ExplainedVarianceCalculator } from './calculators/explained-variance-calculator';
import { L0Calculator } from './calculators/l0-calculator';
import { ShrinkageCalculator } from './calculators/shrinkage-calculator';
import { SyntheticDataEvalResult } from './eval-result';
import { featureUniqueness } from './feature-uniqueness';
import { meanCorrelationCoefficient } from './mean-correlation-coefficient';

/** Anything with an encoder, a decoder and decoder rows: the SAE side of an evaluation. */
export interface EvaluableSae {
  encode(input: Tensor2D): Tensor2D;
  decode(latents: Tensor2D): Tensor2D;
  /** Decoder weights `[latents, hiddenDim]`. */
  readonly W_dec: Tensor2D;
}

/** The ground-truth map from feature activations to hidden activations. */
export interface FeatureMap {
  /** True feature vectors `[numFeatures, hiddenDim]`. */
  readonly featureVectors: Tensor2D;
  /** Hidden activations `[batch, hiddenDim]` for feature activations. */
  forward(featureActs: ActivationBatch): Tensor2D;
}

/**
 * A source of feature activations `[batch, numFeatures]`; the caller owns what it returns.
 * `sampleAsync` is used when present (an `ActivationGenerator` with correlation samples only
 * asynchronously), else `sample`.
 */
export interface ActivationSampler {
  sample(batchSize: number): ActivationBatch | Promise<ActivationBatch>;
  sampleAsync?(batchSize: number): Promise<ActivationBatch>;
}

/** Maps activations into the space the SAE was trained in, and back. */
export interface ActivationScaler {
  scale(activations: Tensor2D): Tensor2D;
  unscale(activations: Tensor2D): Tensor2D;
}

/** Options of {@link evalSaeOnSyntheticData}. */
export interface EvalOptions extends ProgressOptions {
  /** Samples in all (default 100,000). */
  readonly numSamples?: number;
  /** Samples per batch (default 4096); memory is O(batchSize × (numFeatures + hiddenDim)). */
  readonly batchSize?: number;
  /** Applied to the hidden activations before encoding and undone after decoding. */
  readonly activationScaler?: ActivationScaler;
}

/**
 * Samples `numSamples` feature activations in batches, maps them to hidden activations, runs the
 * SAE, and measures L0 (true and SAE), dead latents, shrinkage and explained variance (in the
 * unscaled space), classification against the best-matching features, then MCC and uniqueness
 * from the weights.
 *
 * @remarks SAELens defaults to one batch of all samples (100k × numFeatures dense floats); synth
 * streams batches of 4096 by default, with the same results.
 * @example
 * ```ts
 * const result = await evalSaeOnSyntheticData(backend, sae, featureDictionary, generator, { numSamples: 10_000 });
 * console.log(result.mcc, result.saeL0);
 * ```
 * @throws InvalidArgumentError for a non-positive sample count or batch size (the promise rejects).
 */
export async function evalSaeOnSyntheticData(
  backend: Backend,
  sae: EvaluableSae,
  featureMap: FeatureMap,
  sampler: ActivationSampler,
  options: EvalOptions = {},
): Promise<SyntheticDataEvalResult> {
  const numSamples = options.numSamples ?? 100_000;
  const batchSize = options.batchSize ?? 4096;
  assertInteger('numSamples', numSamples, 1);
  assertInteger('batchSize', batchSize, 1);
  const scaler = options.activationScaler;
  const trueL0 = new L0Calculator(backend);
  const saeL0 = new L0Calculator(backend);
  const dead = new DeadLatentsCalculator(backend, sae.W_dec.shape[0]);
  const shrinkage = new ShrinkageCalculator(backend);
  const explained = new ExplainedVarianceCalculator(backend, sae.W_dec.shape[1]);
  const classification = new ClassificationMetricsCalculator(backend, sae.W_dec, featureMap.featureVectors);
  const progress = createProgressReporter('evaluate', numSamples, options.onProgress);

  for (let done = 0; done < numSamples; ) {
    const rows = Math.min(batchSize, numSamples - done);
    const featureActs = await (sampler.sampleAsync === undefined ? sampler.sample(rows) : sampler.sampleAsync(rows));
    try {
      trueL0.addBatch(featureActs);
      const [hidden, latents, output] = backend.tidy((): [Tensor2D, Tensor2D, Tensor2D] => {
        const x = featureMap.forward(featureActs);
        const z = sae.encode(scaler === undefined ? x : scaler.scale(x));
        const decoded = sae.decode(z);
        return [x, z, scaler === undefined ? decoded : scaler.unscale(decoded)];
      });
      saeL0.addBatch(latents);
      dead.addBatch(latents);
      classification.addBatch(latents, featureActs);
      shrinkage.addBatch(output, hidden);
      explained.addBatch(output, hidden);
      backend.tf.dispose([hidden, latents, output]);
    } finally {
      if (!('rowOffsets' in featureActs)) featureActs.dispose();
    }
    done += rows;
    progress.advance(rows);
  }
  progress.finish();

  return new SyntheticDataEvalResult({
    trueL0: trueL0.compute(),
    saeL0: saeL0.compute(),
    deadLatents: dead.compute(),
    shrinkage: shrinkage.compute(),
    explainedVariance: explained.compute(),
    mcc: meanCorrelationCoefficient(backend, sae.W_dec, featureMap.featureVectors),
    uniqueness: featureUniqueness(backend, sae.W_dec, featureMap.featureVectors),
    classification: classification.compute(),
  });
}
