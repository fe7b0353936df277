/**
 * The serializable state of an `Rng`: plain JSON, so a run can be saved and resumed bit for bit.
 */
import { InvalidArgumentError } from '../errors';

/**
 * A snapshot of an `Rng`. `key` (the seed) and `stream` are 64-bit values written as 16 lowercase
 * hex digits, most significant first; `position` counts the 32-bit words drawn from the stream.
 *
 * @example
 * ```ts
 * const state: RngState = { version: 1, key: '000000000000002a', stream: '0000000000000000', position: 0 };
 * ```
 */
export interface RngState {
  readonly version: 1;
  readonly key: string;
  readonly stream: string;
  readonly position: number;
}

/** Words consumed from one stream stay below 2^53 so positions are exact doubles. */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;

const HEX64 = /^[0-9a-f]{16}$/;

/**
 * Writes a 64-bit value given as `[low, high]` words as 16 hex digits.
 *
 * @example
 * ```ts
 * toHex64([42, 0]); // '000000000000002a'
 * ```
 */
export function toHex64(words: readonly [number, number]): string {
  return words[1].toString(16).padStart(8, '0') + words[0].toString(16).padStart(8, '0');
}

function fromHex64(text: string): [number, number] {
  return [Number.parseInt(text.slice(8), 16), Number.parseInt(text.slice(0, 8), 16)];
}

/** The parsed form of an {@link RngState}. */
export interface ParsedRngState {
  key: [number, number];
  stream: [number, number];
  position: number;
}

/**
 * Checks an untrusted state object (for example from `JSON.parse`) and parses it.
 *
 * @example
 * ```ts
 * parseRngState({ version: 1, key: '000000000000002a', stream: '0000000000000000', position: 8 });
 * ```
 * @throws InvalidArgumentError naming the bad field (`state.key`, `state.position`, ...).
 */
export function parseRngState(state: unknown): ParsedRngState {
  if (typeof state !== 'object' || state === null) {
    throw new InvalidArgumentError('state', 'an RngState object', state);
  }
  const { version, key, stream, position } = state as Record<string, unknown>;
  if (version !== 1) throw new InvalidArgumentError('state.version', '1', version);
  if (!(typeof key === 'string' && HEX64.test(key))) {
    throw new InvalidArgumentError('state.key', '16 lowercase hex digits', key);
  }
  if (!(typeof stream === 'string' && HEX64.test(stream))) {
    throw new InvalidArgumentError('state.stream', '16 lowercase hex digits', stream);
  }
  if (!(typeof position === 'number' && Number.isSafeInteger(position) && position >= 0)) {
    throw new InvalidArgumentError('state.position', `an integer >= 0 and <= ${MAX_POSITION}`, position);
  }
  return { key: fromHex64(key), stream: fromHex64(stream), position };
}
