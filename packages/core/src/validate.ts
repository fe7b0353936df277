/**
 * Small guards for public API boundaries. Each is written so NaN fails (`!(x >= 0)`), and each
 * throws {@link InvalidArgumentError} naming the parameter, the rule and the value.
 */
import { InvalidArgumentError } from './errors';

/**
 * Asserts `value` is an integer (a safe one) no smaller than `min`.
 *
 * @example
 * ```ts
 * assertInteger('numFeatures', 16, 1); // ok
 * ```
 * @throws InvalidArgumentError when it is not.
 */
export function assertInteger(parameter: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max)) {
    const upper = max === Number.MAX_SAFE_INTEGER ? '' : ` and <= ${max}`;
    throw new InvalidArgumentError(parameter, `an integer >= ${min}${upper}`, value);
  }
}

/**
 * Asserts `value` is a finite number.
 *
 * @example
 * ```ts
 * assertFinite('lr', 3e-4);
 * ```
 * @throws InvalidArgumentError when it is NaN, infinite or not a number.
 */
export function assertFinite(parameter: string, value: unknown): asserts value is number {
  if (!(typeof value === 'number' && Number.isFinite(value))) {
    throw new InvalidArgumentError(parameter, 'a finite number', value);
  }
}

/**
 * Asserts `min <= value <= max` (inclusive, NaN fails).
 *
 * @example
 * ```ts
 * assertInRange('positiveRatio', 0.5, 0, 1);
 * ```
 * @throws InvalidArgumentError when it is outside the range.
 */
export function assertInRange(parameter: string, value: unknown, min: number, max: number): asserts value is number {
  if (!(typeof value === 'number' && value >= min && value <= max)) {
    throw new InvalidArgumentError(parameter, `a number in [${min}, ${max}]`, value);
  }
}

/**
 * Asserts every entry of `values` is in `[min, max]`. The message names the first bad index,
 * and is built only when a value fails (this runs on hot paths).
 *
 * @example
 * ```ts
 * assertAllInRange('firingProbabilities', new Float32Array([0.1, 0.2]), 0, 1);
 * ```
 * @throws InvalidArgumentError naming `parameter[i]` for the first bad entry.
 */
export function assertAllInRange(parameter: string, values: ArrayLike<number>, min: number, max: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= min && v <= max)) throw new InvalidArgumentError(`${parameter}[${i}]`, `a number in [${min}, ${max}]`, v);
  }
}

/**
 * Asserts `value` is one of `choices`.
 *
 * @example
 * ```ts
 * assertOneOf('backend', 'wasm', ['cpu', 'wasm']);
 * ```
 * @throws InvalidArgumentError listing the choices.
 */
export function assertOneOf<const T extends string>(parameter: string, value: unknown, choices: readonly T[]): asserts value is T {
  if (!(typeof value === 'string' && (choices as readonly string[]).includes(value))) {
    throw new InvalidArgumentError(parameter, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  }
}
