/**
 * Checks shared by the firing-probability helpers, in SAELens's order and with its messages
 * (SPEC §1.3): `num_features` first, then the probability range.
 */
import { InvalidArgumentError } from '@synth/core';

/**
 * Asserts `numFeatures` is an integer >= 1.
 *
 * @remarks SAELens accepts a non-integer float here; synth rejects it with the same message.
 * @example
 * ```ts
 * assertNumFeaturesAtLeastOne(8); // ok
 * ```
 * @throws InvalidArgumentError containing "num_features must be at least 1".
 */
export function assertNumFeaturesAtLeastOne(numFeatures: number): void {
  if (!(Number.isSafeInteger(numFeatures) && numFeatures >= 1)) {
    throw new InvalidArgumentError('numFeatures', 'an integer >= 1', numFeatures, { detail: '(num_features must be at least 1)' });
  }
}

/**
 * Asserts `0 < minProb < maxProb <= 1` (`strict`) or `0 < minProb <= maxProb <= 1`. NaN fails. The
 * error names the first bound that breaks the rule.
 *
 * @example
 * ```ts
 * assertProbabilityRange(0.01, 0.3, true); // ok
 * assertProbabilityRange(0.2, 0.2, false); // ok: equal bounds are allowed when not strict
 * ```
 * @throws InvalidArgumentError containing "Must have 0 < min_prob < max_prob <= 1" (strict) or
 * "Must have 0 < min_prob <= max_prob <= 1".
 */
export function assertProbabilityRange(minProb: number, maxProb: number, strict: boolean): void {
  const relation = strict ? '<' : '<=';
  const detail = `(Must have 0 < min_prob ${relation} max_prob <= 1)`;
  if (!(typeof minProb === 'number' && minProb > 0)) throw new InvalidArgumentError('minProb', 'a number > 0', minProb, { detail });
  if (!(typeof maxProb === 'number' && maxProb <= 1)) throw new InvalidArgumentError('maxProb', 'a number <= 1', maxProb, { detail });
  if (!(strict ? minProb < maxProb : minProb <= maxProb)) {
    throw new InvalidArgumentError('maxProb', `a number ${strict ? '>' : '>='} minProb (${minProb})`, maxProb, { detail });
  }
}
