import type { Tensor2D } from '@synth/core';
import { InvalidArgumentError } from '@synth/core';
import type { Backend } from '@synth/core';
import { batchShape, positiveAtColumns } from '../activation-batch';
import type { ActivationBatch } from '../activation-batch';
import { bestMatchIndices } from '../cosine-similarities';

/** Precision, recall, F1 and accuracy of SAE latents as detectors of their best-matching features. */
export interface ClassificationMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1Score: number;
  readonly accuracy: number;
}

/**
 * Treats each SAE latent as a classifier for the true feature it matches best (largest `|cos|`
 * between its decoder row and the feature vector) and counts, per latent, true/false
 * positives/negatives of "latent > 0" against "feature > 0". Metrics are averaged over all
 * latents, dead ones included.
 *
 * @example
 * ```ts
 * const metrics = new ClassificationMetricsCalculator(backend, sae.W_dec, featureVectors);
 * metrics.addBatch(latents, featureActs);
 * metrics.compute(); // { precision, recall, f1Score, accuracy }
 * ```
 */
export class ClassificationMetricsCalculator {
  private readonly bestMatch: Int32Array;
  private readonly truePositives: Float64Array;
  private readonly falsePositives: Float64Array;
  private readonly falseNegatives: Float64Array;
  private rows = 0;

  constructor(private readonly backend: Backend, saeDecoder: Tensor2D, trueFeatures: Tensor2D) {
    this.bestMatch = bestMatchIndices(backend, saeDecoder, trueFeatures);
    const latents = this.bestMatch.length;
    this.truePositives = new Float64Array(latents);
    this.falsePositives = new Float64Array(latents);
    this.falseNegatives = new Float64Array(latents);
  }

  /** Adds SAE latents `[batch, latents]` and true feature activations `[batch, features]`. */
  addBatch(latents: Tensor2D, featureActs: ActivationBatch): void {
    const width = this.bestMatch.length;
    const [rows] = batchShape(featureActs);
    if (latents.shape[1] !== width || latents.shape[0] !== rows) {
      throw new InvalidArgumentError('latents', `a [${rows}, ${width}] tensor`, latents);
    }
    if (width === 0) return;
    const truth = positiveAtColumns(this.backend, featureActs, this.bestMatch);
    const fired = this.backend.tidy(() => this.backend.tf.cast(this.backend.tf.greater(latents, 0), 'int32'));
    const predicted = fired.dataSync();
    fired.dispose();
    for (let k = 0; k < predicted.length; k++) {
      const latent = k % width;
      if (predicted[k] === 1) {
        if (truth[k] === 1) this.truePositives[latent]!++;
        else this.falsePositives[latent]!++;
      } else if (truth[k] === 1) this.falseNegatives[latent]!++;
    }
    this.rows += rows;
  }

  /** The metrics averaged over latents (all zeros for an SAE without latents). */
  compute(): ClassificationMetrics {
    const latents = this.bestMatch.length;
    if (latents === 0) return { precision: 0, recall: 0, f1Score: 0, accuracy: 0 };
    let [precision, recall, f1Score, accuracy] = [0, 0, 0, 0];
    for (let i = 0; i < latents; i++) {
      const [tp, fp, fn] = [this.truePositives[i]!, this.falsePositives[i]!, this.falseNegatives[i]!];
      const p = tp + fp > 0 ? tp / (tp + fp) : 0;
      const r = tp + fn > 0 ? tp / (tp + fn) : 0;
      precision += p;
      recall += r;
      f1Score += p + r > 0 ? (2 * p * r) / (p + r) : 0;
      accuracy += (this.rows - fp - fn) / Math.max(this.rows, 1e-8);
    }
    return { precision: precision / latents, recall: recall / latents, f1Score: f1Score / latents, accuracy: accuracy / latents };
  }
}

/**
 * One-batch form of {@link ClassificationMetricsCalculator}.
 *
 * @example
 * ```ts
 * computeClassificationMetrics(backend, latents, featureActs, sae.W_dec, featureVectors);
 * ```
 */
export function computeClassificationMetrics(
  backend: Backend,
  latents: Tensor2D,
  featureActs: ActivationBatch,
  saeDecoder: Tensor2D,
  trueFeatures: Tensor2D,
): ClassificationMetrics {
  const calculator = new ClassificationMetricsCalculator(backend, saeDecoder, trueFeatures);
  calculator.addBatch(latents, featureActs);
  return calculator.compute();
}
