/**
 * Reading SAELens config dicts (`to_dict()` output, snake_case keys) back into config classes:
 * the `from_dict` / `cls(**rest)` half of SPEC §1.3 and §1.4.
 */
import { InvalidArgumentError } from '@synth/core';

/** A config dict as SAELens writes it: snake_case field names plus `generator_name`. */
export type ConfigDict = Readonly<Record<string, unknown>>;

/**
 * Splits `generator_name` off a config dict (which is not modified).
 *
 * @example
 * ```ts
 * splitGeneratorName({ generator_name: 'zipfian', exponent: 2 }); // { name: 'zipfian', fields: { exponent: 2 } }
 * ```
 * @throws InvalidArgumentError containing "generator_name required in config dict" when it is
 * missing or null, or when `dict` is not an object or the name is not a string.
 */
export function splitGeneratorName(dict: ConfigDict): { name: string; fields: ConfigDict } {
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) throw new InvalidArgumentError('config', 'a config dict (an object)', dict);
  const { generator_name: name, ...fields } = dict;
  if (name === undefined || name === null) {
    throw new InvalidArgumentError('generator_name', 'a registered generator name', name, { detail: '(generator_name required in config dict)' });
  }
  if (typeof name !== 'string') throw new InvalidArgumentError('generator_name', 'a string', name);
  return { name, fields };
}

/**
 * Checks that `fields` names only `known` keys and holds every `required` one, as Python's
 * `cls(**fields)` does.
 *
 * @example
 * ```ts
 * assertConfigFields('LinearMagnitudeConfig', { start: 1, end: 2 }, ['start', 'end'], ['start', 'end']);
 * ```
 * @throws InvalidArgumentError containing "got an unexpected keyword argument '{key}'" or
 * "missing 1 required positional argument: '{key}'".
 */
export function assertConfigFields(className: string, fields: ConfigDict, known: readonly string[], required: readonly string[] = []): void {
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) {
      throw new InvalidArgumentError(`${className} field`, `one of ${known.join(', ')}`, key, {
        detail: `(${className}.__init__() got an unexpected keyword argument '${key}')`,
      });
    }
  }
  for (const key of required) {
    if (fields[key] === undefined) {
      throw new InvalidArgumentError(key, 'a number', undefined, { detail: `(${className}.__init__() missing 1 required positional argument: '${key}')` });
    }
  }
}

/**
 * `fields[key]` as a number, or `undefined` when absent (and, with `nullable`, when null: Python's None).
 *
 * @example
 * ```ts
 * numberField({ max_prob: 0.5 }, 'max_prob'); // 0.5
 * numberField({ min_value: null }, 'min_value', true); // undefined
 * ```
 * @throws InvalidArgumentError when the value is present but not a number.
 */
export function numberField(fields: ConfigDict, key: string, nullable = false): number | undefined {
  const value = fields[key];
  if (value === undefined || (nullable && value === null)) return undefined;
  if (typeof value !== 'number') throw new InvalidArgumentError(key, nullable ? 'a number or null' : 'a number', value);
  return value;
}
