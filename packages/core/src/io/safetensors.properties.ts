/**
 * Test helpers for the safetensors suites: hand-built files and fast-check arbitraries. Test-only;
 * nothing here is exported from the package.
 */
import fc from 'fast-check';
import type { SafetensorsData, SafetensorsDtype, SafetensorsTensor } from './safetensors-dtype';
import { SAFETENSORS_DTYPES } from './safetensors-dtype';

/** A file with the given header text (unpadded unless the text is) and data bytes. */
export function rawFile(header: string, data: ArrayLike<number> = []): Uint8Array {
  const json = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(Array.from(data), 8 + json.length);
  return bytes;
}

/** The raw bytes behind a typed array, for comparisons that treat every NaN payload exactly. */
export function bytesOf(data: SafetensorsData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function dataArbitrary(dtype: SafetensorsDtype, length: number): fc.Arbitrary<SafetensorsData> {
  const size = { minLength: length, maxLength: length };
  switch (dtype) {
    case 'F64': return fc.float64Array(size);
    case 'F32': return fc.float32Array(size);
    case 'F16': case 'BF16': return fc.uint16Array(size);
    case 'I64': return fc.bigInt64Array(size);
    case 'I32': return fc.int32Array(size);
    case 'I16': return fc.int16Array(size);
    case 'I8': return fc.int8Array(size);
    case 'U8': return fc.uint8Array(size);
    case 'BOOL': return fc.uint8Array({ ...size, max: 1 });
  }
}

/** A random tensor: any dtype, rank 0–3, each dimension 0–4. */
export const tensorArbitrary: fc.Arbitrary<SafetensorsTensor> = fc
  .record({ dtype: fc.constantFrom(...SAFETENSORS_DTYPES), shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) })
  .chain(({ dtype, shape }) =>
    dataArbitrary(dtype, shape.reduce((a, b) => a * b, 1)).map((data) => ({ dtype, shape, data })),
  );

/** Random names, including astral characters and integer-like strings. */
export const nameArbitrary: fc.Arbitrary<string> = fc
  .oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), fc.nat({ max: 20 }).map(String), fc.constantFrom('a', 'b', '\uFFFD', '\u{1F600}'))
  .filter((name) => name !== '__metadata__' && name !== '__proto__');

/** A random tensor dictionary of up to 6 tensors. */
export const tensorsArbitrary: fc.Arbitrary<Record<string, SafetensorsTensor>> = fc.dictionary(nameArbitrary, tensorArbitrary, { maxKeys: 6 });
