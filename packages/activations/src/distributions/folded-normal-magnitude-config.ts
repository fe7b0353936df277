/**
 * Folded-normal magnitudes `|mean + std·N(0, 1)|`, optionally clamped (SPEC §1.4
 * `FoldedNormalMagnitudeConfig`).
 */
import { InvalidArgumentError, assertFinite, assertInteger } from '@synth/core';
import type { ConfigDict } from './config-fields';
import { assertConfigFields, numberField } from './config-fields';
import type { DistributionSeed } from './distribution-seed';
import { resolveDistributionRng } from './distribution-seed';
import type { SerializedConfig } from './firing-probability-config';
import type { MagnitudeConfig } from './magnitude-config';

/** Stream name under the seed, so other draws from the same seed are independent of this one. */
const PURPOSE = 'folded-normal-magnitudes';

/** Fields of {@link FoldedNormalMagnitudeConfig}; a bound left out (or null, Python's None) is not applied. */
export interface FoldedNormalMagnitudeOptions {
  readonly mean?: number | undefined;
  readonly std?: number | undefined;
  readonly minValue?: number | null | undefined;
  readonly maxValue?: number | null | undefined;
}

/**
 * Each feature's magnitude drawn from `|N(mean, std²)|` and clamped to `[minValue, maxValue]`
 * for the bounds that are set, name "folded_normal".
 *
 * @remarks
 * Same law as SAELens, different stream: synth's seeded Philox normals differ from torch's.
 * Without a seed SAELens draws from torch's global generator; synth uses
 * {@link DEFAULT_DISTRIBUTION_SEED}. Stricter than SAELens: `mean` must be finite and `std` finite
 * (SAELens produces NaN or infinity there).
 * @example
 * ```ts
 * const config = new FoldedNormalMagnitudeConfig({ mean: 1, std: 0.5, maxValue: 2 });
 * const magnitudes = config.generate(1000, 42);
 * config.toDict(); // { mean: 1, std: 0.5, min_value: null, max_value: 2, generator_name: 'folded_normal' }
 * ```
 * @throws InvalidArgumentError from the constructor, checked in this order, containing
 * "std must be positive", "min_value must be non-negative", "max_value must be positive" or
 * "min_value must be <= max_value"; or for a non-finite `mean`.
 */
export class FoldedNormalMagnitudeConfig implements MagnitudeConfig {
  static readonly generatorName = 'folded_normal';
  readonly mean: number;
  readonly std: number;
  readonly minValue: number | undefined;
  readonly maxValue: number | undefined;

  constructor({ mean = 0, std = 0.1, minValue, maxValue }: FoldedNormalMagnitudeOptions = {}) {
    if (!(typeof std === 'number' && std > 0 && std < Infinity)) {
      throw new InvalidArgumentError('std', 'a finite number > 0', std, { detail: '(std must be positive)' });
    }
    if (minValue != null && !(typeof minValue === 'number' && minValue >= 0 && minValue < Infinity)) {
      throw new InvalidArgumentError('minValue', 'a finite number >= 0', minValue, { detail: '(min_value must be non-negative)' });
    }
    if (maxValue != null && !(typeof maxValue === 'number' && maxValue > 0)) {
      throw new InvalidArgumentError('maxValue', 'a number > 0', maxValue, { detail: '(max_value must be positive)' });
    }
    if (minValue != null && maxValue != null && minValue > maxValue) {
      throw new InvalidArgumentError('maxValue', `a number >= minValue (${minValue})`, maxValue, { detail: '(min_value must be <= max_value)' });
    }
    assertFinite('mean', mean);
    this.mean = mean;
    this.std = std;
    this.minValue = minValue ?? undefined;
    this.maxValue = maxValue ?? undefined;
  }

  static fromFields(fields: ConfigDict): FoldedNormalMagnitudeConfig {
    assertConfigFields('FoldedNormalMagnitudeConfig', fields, ['mean', 'std', 'min_value', 'max_value']);
    return new FoldedNormalMagnitudeConfig({
      mean: numberField(fields, 'mean'),
      std: numberField(fields, 'std'),
      minValue: numberField(fields, 'min_value', true),
      maxValue: numberField(fields, 'max_value', true),
    });
  }

  /**
   * `numFeatures` magnitudes; `seed` (or an `Rng` to draw from) fixes them.
   *
   * @example
   * ```ts
   * new FoldedNormalMagnitudeConfig().generate(8, 0);
   * ```
   * @throws InvalidArgumentError unless `numFeatures` is an integer >= 0, or for an invalid seed.
   */
  generate(numFeatures: number, seed?: DistributionSeed): Float32Array {
    assertInteger('numFeatures', numFeatures, 0);
    const normals = resolveDistributionRng(seed, PURPOSE).fillNormal(new Float64Array(numFeatures), this.mean, this.std);
    const lower = this.minValue ?? 0;
    const upper = this.maxValue ?? Infinity;
    // Clamped in float64, then rounded once: rounding is monotone, so bounds hold in float32 too.
    return Float32Array.from(normals, (x) => Math.min(upper, Math.max(lower, Math.abs(x))));
  }

  toDict(): SerializedConfig {
    return { mean: this.mean, std: this.std, min_value: this.minValue ?? null, max_value: this.maxValue ?? null, generator_name: FoldedNormalMagnitudeConfig.generatorName };
  }
}
