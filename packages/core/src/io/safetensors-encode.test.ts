import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { decodeSafetensors } from './safetensors-decode';
import type { SafetensorsTensor } from './safetensors-dtype';
import { encodeSafetensors } from './safetensors-encode';
import { compareCodePoints } from './safetensors-header';
import { bytesOf, nameArbitrary, tensorsArbitrary } from './safetensors.properties';

const f32 = (values: number[], shape = [values.length]): SafetensorsTensor => ({ dtype: 'F32', shape, data: new Float32Array(values) });

function headerOf(bytes: Uint8Array): string {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return new TextDecoder().decode(bytes.subarray(8, 8 + length));
}

describe('encodeSafetensors', () => {
  it('writes the layout Python writes: compact JSON, space padding to 8 bytes, little-endian data', () => {
    const bytes = encodeSafetensors({ w: f32([1]) });
    expect(headerOf(bytes)).toBe('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}  ');
    expect(Array.from(bytes.subarray(0, 8))).toEqual([56, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(bytes.subarray(64))).toEqual([0, 0, 128, 63]);
  });

  it('writes nothing but "{}" and padding for no tensors, and __metadata__ only when given', () => {
    expect(headerOf(encodeSafetensors({}))).toBe('{}      ');
    expect(headerOf(encodeSafetensors({}, {}))).toBe('{"__metadata__":{}}     ');
    expect(headerOf(encodeSafetensors({}, { a: 'b' }))).toBe('{"__metadata__":{"a":"b"}}      ');
  });

  it('orders tensors by dtype (I64 first, BOOL last), then by code point, as Python does', () => {
    const bytes = encodeSafetensors({
      b: { dtype: 'BOOL', shape: [1], data: new Uint8Array([1]) },
      '\u{1F600}': f32([1]),
      '\uFFFD': f32([1]),
      '10': f32([1]),
      '9': f32([1]),
      i: { dtype: 'I64', shape: [], data: new BigInt64Array([1n]) },
    });
    const names = Object.keys(JSON.parse(headerOf(bytes)) as object);
    // JSON.parse lists integer-like keys first, so compare the text order instead.
    const order = ['"i"', '"10"', '"9"', '"\uFFFD"', '"\u{1F600}"', '"b"'].map((name) => headerOf(bytes).indexOf(name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(names).toHaveLength(6);
  });

  const bad: [string, unknown, unknown, RegExp][] = [
    ['tensors not an object', null, undefined, /Invalid tensors: expected a plain object/],
    ['tensors an array', [], undefined, /Invalid tensors/],
    ['an empty name', { '': f32([1]) }, undefined, /tensor names other than/],
    ['the reserved name', { __metadata__: f32([1]) }, undefined, /tensor names other than/],
    ['a lone surrogate in a name', { '\uD800': f32([1]) }, undefined, /well-formed Unicode/],
    ['a tensor that is not an object', { w: 1 }, undefined, /Invalid tensors\["w"\]: expected an object/],
    ['an unknown dtype', { w: { dtype: 'F8', shape: [1], data: new Float32Array(1) } }, undefined, /tensors\["w"\]\.dtype/],
    ['a fractional shape entry', { w: { dtype: 'F32', shape: [1.5], data: new Float32Array(1) } }, undefined, /tensors\["w"\]\.shape\[0\].*1\.5/],
    ['a negative shape entry', { w: { dtype: 'F32', shape: [-1], data: new Float32Array(1) } }, undefined, /shape\[0\]/],
    ['NaN in a shape', { w: { dtype: 'F32', shape: [Number.NaN], data: new Float32Array(1) } }, undefined, /shape\[0\].*NaN/],
    ['a shape that is not an array', { w: { dtype: 'F32', shape: 1, data: new Float32Array(1) } }, undefined, /\.shape: expected an array/],
    ['a length that is not the product of the shape', { w: { dtype: 'F32', shape: [2, 2], data: new Float32Array(3) } }, undefined, /\.data: expected 4 elements/],
    ['the wrong typed array', { w: { dtype: 'F32', shape: [1], data: new Float64Array(1) } }, undefined, /a Float32Array \(dtype F32\)/],
    ['a plain array', { w: { dtype: 'I32', shape: [1], data: [1] } }, undefined, /a Int32Array/],
    ['I64 in a Float64Array', { w: { dtype: 'I64', shape: [1], data: new Float64Array(1) } }, undefined, /BigInt64Array/],
    ['BOOL holding 2', { w: { dtype: 'BOOL', shape: [2], data: new Uint8Array([0, 2]) } }, undefined, /data\[1\]: expected 0 or 1/],
    ['metadata not an object', {}, 'x', /Invalid metadata/],
    ['a non-string metadata value', {}, { a: 1 }, /Invalid metadata\["a"\]: expected a string, got 1/],
  ];

  it.each(bad)('refuses %s with an InvalidArgumentError', (_label, tensors, metadata, message) => {
    const call = (): Uint8Array => encodeSafetensors(tensors as Record<string, SafetensorsTensor>, metadata as Record<string, string>);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(message);
  });
});

describe('encodeSafetensors properties', () => {
  it('round-trips: decode(encode(t)) has the same dtypes, shapes and bytes', () => {
    const metadata = fc.option(fc.dictionary(fc.string({ unit: 'binary' }).filter((k) => k !== '__proto__'), fc.string({ unit: 'binary' })), { nil: undefined });
    fc.assert(
      fc.property(tensorsArbitrary, metadata, (tensors, meta) => {
        const decoded = decodeSafetensors(encodeSafetensors(tensors, meta));
        expect(decoded.metadata).toEqual(meta ?? {});
        expect(Object.keys(decoded.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, tensor] of Object.entries(tensors)) {
          const got = decoded.tensors[name]!;
          expect([got.dtype, got.shape]).toEqual([tensor.dtype, tensor.shape]);
          expect(bytesOf(got.data)).toEqual(bytesOf(tensor.data));
        }
      }),
    );
  });

  it('is a fixed point: encode(decode(encode(t))) equals encode(t), and data starts 8-byte aligned', () => {
    fc.assert(
      fc.property(tensorsArbitrary, (tensors) => {
        const bytes = encodeSafetensors(tensors);
        expect(encodeSafetensors(decodeSafetensors(bytes).tensors)).toEqual(bytes);
        expect(new DataView(bytes.buffer).getBigUint64(0, true) % 8n).toBe(0n);
      }),
    );
  });

  it('orders names by code point, which equals UTF-8 byte order', () => {
    fc.assert(
      fc.property(nameArbitrary, nameArbitrary, (a, b) => {
        const [x, y] = [new TextEncoder().encode(a), new TextEncoder().encode(b)];
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y))));
      }),
    );
  });
});
