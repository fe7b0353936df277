/**
 * How `Rng.split(key)` names a child stream: a pure function of (seed key, parent stream id,
 * split key), hashed with Philox itself, so the same seed and path of keys always give the same
 * stream and splitting never consumes the parent.
 */
import { InvalidArgumentError } from '../errors';
import { philox4x32 } from './philox';

/** Counter mask for string split keys: the ASCII bytes of "rng.split/string", little-endian words. */
const STRING_DOMAIN = [0x2e676e72, 0x696c7073, 0x74732f74, 0x676e6972] as const;
/** Counter mask for number split keys: the ASCII bytes of "rng.split/number", little-endian words. */
const NUMBER_DOMAIN = [0x2e676e72, 0x696c7073, 0x756e2f74, 0x7265626d] as const;

/** FNV-1a 64 offset basis 0xcbf29ce484222325, as (high, low) words. */
const FNV_OFFSET_HIGH = 0xcbf29ce4;
const FNV_OFFSET_LOW = 0x84222325;
/** FNV-1a 64 prime 0x100000001b3 = 2^40 + 0x1b3. */
const FNV_PRIME_LOW = 0x1b3;
const TWO_32 = 4294967296;

const encoder = new TextEncoder();

/**
 * FNV-1a 64 of a string's UTF-8 bytes, as `[low, high]` 32-bit words.
 *
 * @remarks Lone surrogates are encoded as U+FFFD (TextEncoder's rule), so `'\uD800'` and
 * `'\uFFFD'` name the same stream.
 * @example
 * ```ts
 * fnv1a64('a'); // [0x8601ec8c, 0xaf63dc4c], i.e. 0xaf63dc4c8601ec8c
 * ```
 */
export function fnv1a64(text: string): [number, number] {
  let high = FNV_OFFSET_HIGH;
  let low = FNV_OFFSET_LOW;
  for (const byte of encoder.encode(text)) {
    low = (low ^ byte) >>> 0;
    // h * (2^40 + 0x1b3) mod 2^64: low * 0x1b3 < 2^41 is exact; (h << 40) adds low << 8 to high.
    const lowProduct = low * FNV_PRIME_LOW;
    const carry = Math.floor(lowProduct / TWO_32);
    high = (Math.imul(high, FNV_PRIME_LOW) + carry + (low << 8)) >>> 0;
    low = lowProduct >>> 0;
  }
  return [low, high];
}

/** A split key: a string, or a non-negative safe integer (which never collides with its string). */
export type SplitKey = string | number;

/**
 * The child stream id, `[low, high]`: lanes 0 and 1 of
 * `philox(seedKey, [parentLow, parentHigh, keyLow, keyHigh] xor domain)`, where a string key is
 * its FNV-1a 64 hash and a number key is itself, and the domain mask differs between the two.
 *
 * @example
 * ```ts
 * const [low, high] = childStream([42, 0], [0, 0], 'layer-3');
 * ```
 * @throws InvalidArgumentError when `key` is neither a string nor a non-negative safe integer.
 */
export function childStream(seedKey: readonly [number, number], parent: readonly [number, number], key: SplitKey): [number, number] {
  let keyWords: [number, number];
  let domain: readonly number[];
  if (typeof key === 'string') {
    keyWords = fnv1a64(key);
    domain = STRING_DOMAIN;
  } else if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0) {
    keyWords = [key % TWO_32, Math.floor(key / TWO_32)];
    domain = NUMBER_DOMAIN;
  } else {
    throw new InvalidArgumentError('key', 'a string or a non-negative safe integer', key);
  }
  const counter = [parent[0] ^ domain[0]!, parent[1] ^ domain[1]!, keyWords[0] ^ domain[2]!, keyWords[1] ^ domain[3]!];
  const out = new Uint32Array(4);
  philox4x32(counter, seedKey, out);
  return [out[0]!, out[1]!];
}
