/**
 * The deterministic built-in magnitude configs (SPEC §1.4): constant, linear and exponential.
 * Unlike the firing-probability configs, these validate at construction, as SAELens's
 * `__post_init__` does.
 */
import { InvalidArgumentError, assertInteger, linspace } from '@synth/core';
import type { ConfigDict } from './config-fields';
import { assertConfigFields, numberField } from './config-fields';
import type { DistributionSeed } from './distribution-seed';
import { filledFloat32 } from './filled-float32';
import type { MagnitudeConfig } from './magnitude-config';
import type { SerializedConfig } from './firing-probability-config';

/**
 * The same magnitude for every feature, name "constant" (not validated, as in SAELens).
 *
 * @example
 * ```ts
 * new ConstantMagnitudeConfig({ value: 2.5 }).generate(2); // Float32Array [2.5, 2.5]
 * ```
 * @throws From `generate`: InvalidArgumentError unless `numFeatures` is an integer >= 0.
 */
export class ConstantMagnitudeConfig implements MagnitudeConfig {
  static readonly generatorName = 'constant';
  readonly value: number;

  constructor({ value = 1 }: { value?: number | undefined } = {}) {
    this.value = value;
  }

  static fromFields(fields: ConfigDict): ConstantMagnitudeConfig {
    assertConfigFields('ConstantMagnitudeConfig', fields, ['value']);
    return new ConstantMagnitudeConfig({ value: numberField(fields, 'value') });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    return filledFloat32(numFeatures, this.value);
  }

  toDict(): SerializedConfig {
    return { value: this.value, generator_name: ConstantMagnitudeConfig.generatorName };
  }
}

/**
 * Magnitudes interpolated linearly from `start` to `end` (`torch.linspace`; `start` may exceed
 * `end`), name "linear". `numFeatures = 1` gives `[start]`.
 *
 * @remarks Computed in float64 with torch's linspace kernel, then rounded to float32 (SAELens: float32).
 * @example
 * ```ts
 * new LinearMagnitudeConfig({ start: 1, end: 5 }).generate(5); // Float32Array [1, 2, 3, 4, 5]
 * ```
 * @throws InvalidArgumentError containing "start and end must be positive" (also for NaN or
 * infinity) from the constructor; from `generate`, unless `numFeatures` is an integer >= 0.
 */
export class LinearMagnitudeConfig implements MagnitudeConfig {
  static readonly generatorName = 'linear';
  readonly start: number;
  readonly end: number;

  constructor({ start, end }: { start: number; end: number }) {
    assertPositiveEnds(start, end, 'start and end must be positive');
    this.start = start;
    this.end = end;
  }

  static fromFields(fields: ConfigDict): LinearMagnitudeConfig {
    assertConfigFields('LinearMagnitudeConfig', fields, ['start', 'end'], ['start', 'end']);
    return new LinearMagnitudeConfig({ start: numberField(fields, 'start') as number, end: numberField(fields, 'end') as number });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    assertInteger('numFeatures', numFeatures, 0);
    return Float32Array.from(linspace(this.start, this.end, numFeatures));
  }

  toDict(): SerializedConfig {
    return { start: this.start, end: this.end, generator_name: LinearMagnitudeConfig.generatorName };
  }
}

/**
 * Magnitudes interpolated geometrically, `start·(end/start)^t` with `t = linspace(0, 1, n)`,
 * name "exponential". `numFeatures = 1` gives `[start]`.
 *
 * @remarks Computed in float64 as `start·exp(t·ln(end/start))` with both end points exact, then
 * rounded to float32; SAELens computes the power in float32, so values agree to float32 rounding.
 * @example
 * ```ts
 * new ExponentialMagnitudeConfig({ start: 1, end: 16 }).generate(5); // Float32Array [1, 2, 4, 8, 16]
 * ```
 * @throws InvalidArgumentError containing "start and end must be positive for exponential scale"
 * from the constructor; from `generate`, unless `numFeatures` is an integer >= 0.
 */
export class ExponentialMagnitudeConfig implements MagnitudeConfig {
  static readonly generatorName = 'exponential';
  readonly start: number;
  readonly end: number;

  constructor({ start, end }: { start: number; end: number }) {
    assertPositiveEnds(start, end, 'start and end must be positive for exponential scale');
    this.start = start;
    this.end = end;
  }

  static fromFields(fields: ConfigDict): ExponentialMagnitudeConfig {
    assertConfigFields('ExponentialMagnitudeConfig', fields, ['start', 'end'], ['start', 'end']);
    return new ExponentialMagnitudeConfig({ start: numberField(fields, 'start') as number, end: numberField(fields, 'end') as number });
  }

  generate(numFeatures: number, _seed?: DistributionSeed): Float32Array {
    assertInteger('numFeatures', numFeatures, 0);
    const t = linspace(0, 1, numFeatures);
    // ln(end) − ln(start) rather than ln(end/start): the ratio itself may overflow or underflow.
    const logRatio = Math.log(this.end) - Math.log(this.start);
    const magnitudes = Float32Array.from(t, (ti) => this.start * Math.exp(ti * logRatio));
    if (numFeatures > 1) magnitudes[numFeatures - 1] = this.end;
    return magnitudes;
  }

  toDict(): SerializedConfig {
    return { start: this.start, end: this.end, generator_name: ExponentialMagnitudeConfig.generatorName };
  }
}

function assertPositiveEnds(start: unknown, end: unknown, message: string): void {
  for (const [parameter, value] of [['start', start], ['end', end]] as const) {
    if (!(typeof value === 'number' && value > 0 && value < Infinity)) {
      throw new InvalidArgumentError(parameter, 'a finite number > 0', value, { detail: `(${message})` });
    }
  }
}
