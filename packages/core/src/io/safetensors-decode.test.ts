import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError } from '../errors';
import { MAX_SAFETENSORS_HEADER_BYTES, decodeSafetensors } from './safetensors-decode';
import { encodeSafetensors } from './safetensors-encode';
import { rawFile, tensorsArbitrary } from './safetensors.properties';

const fixture = new Uint8Array(readFileSync(new URL('./__fixtures__/mixed.safetensors', import.meta.url)));
const f32 = (name: string, offsets: string, shape = '[1]'): string => `"${name}":{"dtype":"F32","shape":${shape},"data_offsets":${offsets}}`;

function lengthPrefix(length: bigint, total = 8): Uint8Array {
  const bytes = new Uint8Array(total);
  new DataView(bytes.buffer).setBigUint64(0, length, true);
  return bytes;
}

describe('decodeSafetensors refuses bad files with a FormatError naming the problem and the source', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /truncated: 0 bytes/],
    ['a file shorter than the length prefix', new Uint8Array(7), /truncated: 7 bytes/],
    ['a header length beyond the file', lengthPrefix(100n, 50), /header length 100 runs past the end of the 50-byte file/],
    ['a header length above 100 MB', lengthPrefix(BigInt(MAX_SAFETENSORS_HEADER_BYTES) + 1n), /exceeds the 100000000-byte limit/],
    ['a header length of 2^64 - 1', lengthPrefix(2n ** 64n - 1n), /exceeds/],
    ['a header that is not UTF-8', (() => { const b = rawFile('{"a" }'); b[9] = 0xff; return b; })(), /not valid UTF-8/],
    ['invalid JSON', rawFile('{"a":'), /header is not valid JSON/],
    ['a byte-order mark before the JSON', rawFile('\uFEFF{}'), /not valid JSON/],
    ['a JSON array header', rawFile('[]'), /must be a JSON object/],
    ['non-string metadata', rawFile('{"__metadata__":{"a":1}}'), /"__metadata__"\["a"\] must be a string/],
    ['metadata that is not an object', rawFile('{"__metadata__":"x"}'), /"__metadata__" must be an object/],
    ['a tensor entry that is not an object', rawFile('{"w":3}'), /tensor "w": header entry must be an object/],
    ['an unknown dtype', rawFile('{"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}', [0]), /unknown or unsupported dtype "F8_E4M3"/],
    ['a missing dtype', rawFile('{"w":{"shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /dtype undefined/],
    ['a fractional shape entry', rawFile(`{${f32('w', '[0,4]', '[1.5]')}}`, [0, 0, 0, 0]), /shape\[0\] must be a non-negative integer.*1\.5/],
    ['a negative shape entry', rawFile(`{${f32('w', '[0,4]', '[-1]')}}`, [0, 0, 0, 0]), /shape\[0\].*-1/],
    ['a string shape entry', rawFile(`{${f32('w', '[0,4]', '["1"]')}}`, [0, 0, 0, 0]), /shape\[0\].*"1"/],
    ['a shape that is not an array', rawFile(`{${f32('w', '[0,4]', '4')}}`, [0, 0, 0, 0]), /shape must be an array/],
    ['an overflowing shape', rawFile(`{${f32('w', '[0,4]', '[4294967296,4294967296,0]')}}`, [0, 0, 0, 0]), /shape\[1\]/],
    ['offsets that are not a pair', rawFile(`{${f32('w', '[0]')}}`, [0, 0, 0, 0]), /data_offsets must be \[begin, end\]/],
    ['offsets that run backwards', rawFile(`{${f32('w', '[4,0]')}}`, [0, 0, 0, 0]), /data_offsets must be/],
    ['offsets not matching dtype x shape', rawFile(`{${f32('w', '[0,8]')}}`, new Array<number>(8).fill(0)), /span 8 bytes, but F32 with shape \[1\] needs 4/],
    ['overlapping tensors', rawFile(`{${f32('a', '[0,4]')},${f32('b', '[2,6]')}}`, new Array<number>(6).fill(0)), /"b" \(bytes 2..6\) overlaps tensor "a"/],
    ['a gap between tensors', rawFile(`{${f32('a', '[0,4]')},${f32('b', '[8,12]')}}`, new Array<number>(12).fill(0)), /data bytes 4..8 are not covered/],
    ['a gap at the start', rawFile(`{${f32('a', '[4,8]')}}`, new Array<number>(8).fill(0)), /data bytes 0..4 are not covered/],
    ['trailing bytes after the last tensor', rawFile(`{${f32('a', '[0,4]')}}`, new Array<number>(6).fill(0)), /last 2 data bytes are not covered/],
    ['data cut short', rawFile(`{${f32('a', '[0,4]')}}`, [0, 0]), /ends at data byte 4, beyond the 2-byte data buffer/],
    ['a BOOL byte other than 0 or 1', rawFile('{"m":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}', [1, 2]), /BOOL element 1 is byte 2/],
  ];

  it.each(cases)('%s', (_label, bytes, message) => {
    expect(() => decodeSafetensors(bytes, 'bad.safetensors')).toThrow(FormatError);
    expect(() => decodeSafetensors(bytes, 'bad.safetensors')).toThrow(/^bad\.safetensors: /);
    expect(() => decodeSafetensors(bytes, 'bad.safetensors')).toThrow(message);
  });

  it('refuses input that is not a Uint8Array with an InvalidArgumentError', () => {
    expect(() => decodeSafetensors([1, 2, 3] as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });
});

describe('decodeSafetensors accepts what Python accepts', () => {
  it('reads a header with leading whitespace, unknown entry fields and a null __metadata__', () => {
    const file = rawFile(`  {"__metadata__":null,"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":true}}`, [0, 0, 128, 63]);
    const { tensors, metadata } = decodeSafetensors(file);
    expect(metadata).toEqual({});
    expect(Array.from(tensors['w']!.data as Float32Array)).toEqual([1]);
  });

  it('keeps a tensor named "__proto__" as an own entry', () => {
    const { tensors } = decodeSafetensors(rawFile(`{${f32('__proto__', '[0,4]')}}`, [0, 0, 0, 0]));
    expect(Object.keys(tensors)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
  });
});

describe('decodeSafetensors properties', () => {
  it('throws FormatError (never returns) for every truncation of a real file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fixture.length - 1 }), (length) => {
        expect(() => decodeSafetensors(fixture.subarray(0, length))).toThrow(FormatError);
      }),
    );
  });

  it('throws FormatError (never returns) for every truncation of a random encoded file', () => {
    const arbitrary = tensorsArbitrary
      .map((tensors) => encodeSafetensors(tensors))
      .filter((bytes) => bytes.length > 0)
      .chain((bytes) => fc.tuple(fc.constant(bytes), fc.integer({ min: 0, max: bytes.length - 1 })));
    fc.assert(
      fc.property(arbitrary, ([bytes, length]) => {
        expect(() => decodeSafetensors(bytes.subarray(0, length))).toThrow(FormatError);
      }),
    );
  });

  it('throws FormatError or decodes, never anything else, for random byte flips in a real file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fixture.length - 1 }), fc.integer({ min: 0, max: 255 }), (index, value) => {
        const bytes = fixture.slice();
        bytes[index] = value;
        try {
          decodeSafetensors(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }),
    );
  });
});
