/**
 * Encodes tensors as a safetensors file, byte-identical to Python's `safetensors.numpy.save_file`.
 */
import { writeLittleEndian } from './byte-order';
import type { SafetensorsTensor } from './safetensors-dtype';
import type { HeaderEntry } from './safetensors-header';
import { compareForLayout, headerBytes } from './safetensors-header';
import { checkMetadata, checkTensors } from './safetensors-validate';

/** Bytes of the little-endian u64 header length that starts every file. */
const LENGTH_PREFIX_BYTES = 8;

/**
 * Encodes `tensors` (and optional string `metadata`) in the safetensors format: an 8-byte
 * little-endian header length, the compact JSON header padded with spaces to a multiple of 8 bytes,
 * then each tensor's little-endian bytes. Tensors are laid out as Python's safetensors lays them
 * out (by dtype, I64 first and BOOL last, then by name in code-point order), so the output equals
 * `safetensors.numpy.save_file(tensors, path, metadata)` byte for byte.
 *
 * @remarks Python keeps `__metadata__` in a hash map, so with two or more metadata keys its key
 * order varies from run to run; this writes `metadata` in its own (JavaScript object) order, which
 * makes `encode(decode(file))` reproduce a Python file exactly. `metadata: {}` writes an empty
 * `"__metadata__":{}` as Python does; leave it out to write none.
 * @example
 * ```ts
 * const bytes = encodeSafetensors(
 *   { W_enc: { dtype: 'F32', shape: [2, 2], data: new Float32Array([1, 0, 0, 1]) } },
 *   { format: 'pt' },
 * );
 * ```
 * @throws InvalidArgumentError when `tensors` is not a plain object, a name is empty or
 * `"__metadata__"`, a dtype is unknown, a shape entry is not a non-negative integer, `data` is not
 * the typed array of its dtype (`Float32Array` for F32, `BigInt64Array` for I64, `Uint8Array` of 0/1
 * for BOOL, `Uint16Array` for F16/BF16, …) or its length is not the product of the shape, or when a
 * metadata value is not a string.
 */
export function encodeSafetensors(tensors: Record<string, SafetensorsTensor>, metadata?: Record<string, string>): Uint8Array {
  const checked = checkTensors(tensors);
  checkMetadata(metadata);
  const ordered = checked
    .map(([name, tensor]) => ({ name, tensor, dtype: tensor.dtype }))
    .sort(compareForLayout);
  const entries: HeaderEntry[] = [];
  let offset = 0;
  for (const { name, tensor } of ordered) {
    const begin = offset;
    offset += tensor.data.byteLength;
    entries.push({ name, dtype: tensor.dtype, shape: tensor.shape, begin, end: offset });
  }
  const header = headerBytes(entries, metadata);
  const dataStart = LENGTH_PREFIX_BYTES + header.length;
  const bytes = new Uint8Array(dataStart + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, LENGTH_PREFIX_BYTES);
  ordered.forEach(({ tensor }, index) => writeLittleEndian(tensor.data, bytes, dataStart + entries[index]!.begin));
  return bytes;
}
