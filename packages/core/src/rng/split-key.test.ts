import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { childStream, fnv1a64 } from './split-key';

function bigintFnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash;
}
const join = ([low, high]: [number, number]) => (BigInt(high) << 32n) | BigInt(low);

describe('fnv1a64', () => {
  // Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference test suite).
  it.each([
    ['', 0xcbf29ce484222325n],
    ['a', 0xaf63dc4c8601ec8cn],
    ['foobar', 0x85944171f73967e8n],
  ])('hashes %j to the published value', (text, expected) => {
    expect(join(fnv1a64(text))).toBe(expected);
  });

  it('agrees with a BigInt implementation over UTF-8', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(join(fnv1a64(text))).toBe(bigintFnv1a64(text));
      }));
  });
});

describe('childStream', () => {
  it('keeps number and string keys apart', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(childStream([1, 2], [0, 0], n)).not.toEqual(childStream([1, 2], [0, 0], String(n)));
      }),
    );
  });

  it('depends on the seed key, the parent and the split key', () => {
    const base = childStream([1, 2], [3, 4], 'x');
    expect(childStream([1, 3], [3, 4], 'x')).not.toEqual(base);
    expect(childStream([1, 2], [3, 5], 'x')).not.toEqual(base);
    expect(childStream([1, 2], [3, 4], 'y')).not.toEqual(base);
    expect(childStream([1, 2], [3, 4], 'x')).toEqual(base);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53, Infinity, {}, null])('rejects the key %s', (key) => {
    expect(() => childStream([0, 0], [0, 0], key as number)).toThrow(InvalidArgumentError);
    expect(() => childStream([0, 0], [0, 0], key as number)).toThrow(/^Invalid key: expected a string or a non-negative safe integer/);
  });
});
