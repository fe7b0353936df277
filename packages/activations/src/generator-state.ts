/**
 * The serializable state of an `ActivationGenerator`: its root random stream and how many rows
 * it has produced. Restoring it into a generator built with the same options resumes the stream
 * of batches bit for bit.
 */
import { InvalidArgumentError, Rng } from '@synth/core';
import type { RngState } from '@synth/core';

/**
 * A snapshot of an `ActivationGenerator`'s position: plain JSON.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(generator.state); // { version: 1, rng: {...}, rowsSampled: 4096 }
 * ```
 */
export interface ActivationGeneratorState {
  readonly version: 1;
  /** The root stream; every batch's randomness is split from it by absolute row. */
  readonly rng: RngState;
  /** Rows produced so far: the absolute index of the next batch's first row. */
  readonly rowsSampled: number;
}

/** Parsed form of an {@link ActivationGeneratorState}. */
export interface ParsedGeneratorState {
  readonly rng: Rng;
  readonly rowsSampled: number;
}

/**
 * Checks an untrusted state (for example from `JSON.parse`) and rebuilds its stream.
 *
 * @example
 * ```ts
 * const { rng, rowsSampled } = parseGeneratorState(JSON.parse(saved));
 * ```
 * @throws InvalidArgumentError naming the bad field (`state`, `state.version`, `state.rowsSampled`,
 * or a field of `state.rng`).
 */
export function parseGeneratorState(state: unknown): ParsedGeneratorState {
  if (typeof state !== 'object' || state === null) {
    throw new InvalidArgumentError('state', 'an ActivationGeneratorState object', state);
  }
  const { version, rng, rowsSampled } = state as Record<string, unknown>;
  if (version !== 1) throw new InvalidArgumentError('state.version', '1', version);
  if (!(typeof rowsSampled === 'number' && Number.isSafeInteger(rowsSampled) && rowsSampled >= 0)) {
    throw new InvalidArgumentError('state.rowsSampled', 'an integer >= 0', rowsSampled);
  }
  return { rng: Rng.fromState(rng as RngState), rowsSampled };
}
