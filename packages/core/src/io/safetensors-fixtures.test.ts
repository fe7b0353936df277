import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './safetensors-decode';
import type { SafetensorsData } from './safetensors-dtype';
import { encodeSafetensors } from './safetensors-encode';

// Written by scripts/make-safetensors-fixtures.py with Python's safetensors (see its header).
const fixtures = new URL('./__fixtures__/', import.meta.url);

interface Manifest {
  files: Record<string, { metadata: Record<string, string> | null; tensors: Record<string, { dtype: string; shape: number[]; values: (number | string)[] }> }>;
}
const manifest = JSON.parse(readFileSync(new URL('safetensors-fixtures.json', fixtures), 'utf8')) as Manifest;

/** The manifest writes I64 as decimal strings and non-finite floats as "NaN" / "Infinity". */
function expectedValue(dtype: string, value: number | string): number | bigint {
  if (dtype === 'I64') return BigInt(value);
  return typeof value === 'string' ? Number(value) : value;
}

describe.each(Object.entries(manifest.files))('Python fixture %s', (fileName, expected) => {
  const bytes = new Uint8Array(readFileSync(new URL(fileName, fixtures)));

  it('decodes every tensor, shape, dtype and value as Python reads them', () => {
    const { tensors, metadata } = decodeSafetensors(bytes, fileName);
    expect(metadata).toEqual(expected.metadata ?? {});
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    for (const [name, want] of Object.entries(expected.tensors)) {
      const tensor = tensors[name]!;
      expect(tensor.dtype).toBe(want.dtype);
      expect(tensor.shape).toEqual(want.shape);
      const values = Array.from(tensor.data as ArrayLike<number | bigint>);
      // Object.is: -0 stays -0 and NaN equals NaN.
      expect(values.map((v, i) => Object.is(v, expectedValue(want.dtype, want.values[i]!)))).toEqual(values.map(() => true));
      expect(values.length).toBe(want.values.length);
    }
  });

  it('re-encodes to the exact bytes Python wrote', () => {
    const { tensors, metadata } = decodeSafetensors(bytes, fileName);
    const again = encodeSafetensors(tensors, expected.metadata === null ? undefined : metadata);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('encodes the tensors given in any order to the same bytes', () => {
    const { tensors, metadata } = decodeSafetensors(bytes, fileName);
    const reversed = Object.fromEntries(Object.entries(tensors).reverse());
    const again = encodeSafetensors(reversed, expected.metadata === null ? undefined : metadata);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});

it('decodes from an unaligned view into aligned typed arrays', () => {
  const bytes = readFileSync(new URL('mixed.safetensors', fixtures));
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const { tensors } = decodeSafetensors(shifted.subarray(3));
  const data: SafetensorsData = tensors['layer.bias']!.data;
  expect(data.byteOffset % data.BYTES_PER_ELEMENT).toBe(0);
  expect(data[0]).toBe(Math.PI);
  expect(data.buffer).not.toBe(shifted.buffer);
});
