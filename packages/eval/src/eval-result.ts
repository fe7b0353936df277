/**
 * The result of evaluating an SAE against synthetic ground truth.
 */
import type { ClassificationMetrics } from './calculators/classification-metrics-calculator';

/** The fields of a {@link SyntheticDataEvalResult}. */
export interface SyntheticDataEvalFields {
  /** Mean number of true features active per sample. */
  readonly trueL0: number;
  /** Mean number of SAE latents active per sample. */
  readonly saeL0: number;
  /** SAE latents that never fired during the evaluation. */
  readonly deadLatents: number;
  /** Mean `‖x̂‖ / ‖x‖` (1 = no shrinkage). */
  readonly shrinkage: number;
  /** `1 − residual variance / input variance`. */
  readonly explainedVariance: number;
  /** Mean Correlation Coefficient between SAE decoder rows and true features. */
  readonly mcc: number;
  /** Distinct best-matched true features per SAE latent. */
  readonly uniqueness: number;
  /** Latents as detectors of their best-matching features. */
  readonly classification: ClassificationMetrics;
}

/**
 * Evaluation metrics, with the two dictionary forms SAELens writes: a flat log dict and a nested
 * JSON-ready dict, both keyed in SAELens's snake_case so files round-trip between the tools.
 *
 * @example
 * ```ts
 * const result = new SyntheticDataEvalResult({ trueL0: 4, saeL0: 4.1, deadLatents: 0, shrinkage: 0.97,
 *   explainedVariance: 0.99, mcc: 0.99, uniqueness: 1, classification: { precision: 1, recall: 1, f1Score: 1, accuracy: 1 } });
 * result.toLogDict('final/'); // { 'final/true_l0': 4, ..., 'final/classification/f1_score': 1 }
 * ```
 */
export class SyntheticDataEvalResult implements SyntheticDataEvalFields {
  readonly trueL0: number;
  readonly saeL0: number;
  readonly deadLatents: number;
  readonly shrinkage: number;
  readonly explainedVariance: number;
  readonly mcc: number;
  readonly uniqueness: number;
  readonly classification: ClassificationMetrics;

  constructor(fields: SyntheticDataEvalFields) {
    ({
      trueL0: this.trueL0,
      saeL0: this.saeL0,
      deadLatents: this.deadLatents,
      shrinkage: this.shrinkage,
      explainedVariance: this.explainedVariance,
      mcc: this.mcc,
      uniqueness: this.uniqueness,
    } = fields);
    this.classification = { ...fields.classification };
  }

  /** Flat `{ prefix + name: value }`, classification as `prefix + "classification/<metric>"`. */
  toLogDict(prefix = ''): Record<string, number> {
    const { classification, ...scalars } = this.toDict();
    const flat: Record<string, number> = {};
    for (const [key, value] of Object.entries(scalars)) flat[prefix + key] = value;
    for (const [key, value] of Object.entries(classification)) flat[`${prefix}classification/${key}`] = value;
    return flat;
  }

  /** Nested, JSON-ready, in SAELens's field order and names (what `eval_stats.json` holds). */
  toDict(): { true_l0: number; sae_l0: number; dead_latents: number; shrinkage: number; explained_variance: number; mcc: number; uniqueness: number; classification: { precision: number; recall: number; f1_score: number; accuracy: number } } {
    const { precision, recall, f1Score, accuracy } = this.classification;
    return {
      true_l0: this.trueL0,
      sae_l0: this.saeL0,
      dead_latents: this.deadLatents,
      shrinkage: this.shrinkage,
      explained_variance: this.explainedVariance,
      mcc: this.mcc,
      uniqueness: this.uniqueness,
      classification: { precision, recall, f1_score: f1Score, accuracy },
    };
  }
}
