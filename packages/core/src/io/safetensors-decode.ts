/**
 * Decodes a safetensors file into typed arrays, checking it as strictly as Python's safetensors.
 */
import { InvalidArgumentError } from '../errors';
import { formatError } from './format-error';
import { readLittleEndian } from './byte-order';
import type { SafetensorsTensor } from './safetensors-dtype';
import { dtypeInfo, typedArrayName } from './safetensors-dtype';
import { parseHeader } from './safetensors-header-parse';

/**
 * Largest header {@link decodeSafetensors} accepts, in bytes: the Rust reader's
 * `MAX_HEADER_SIZE = 100_000_000` (100 MB), which Python's safetensors enforces too.
 *
 * @example
 * ```ts
 * if (headerLength > MAX_SAFETENSORS_HEADER_BYTES) console.warn('too large for safetensors');
 * ```
 * @throws Nothing: it is a constant.
 */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;
const LENGTH_PREFIX_BYTES = 8;

/**
 * Decodes the bytes of a safetensors file. Each tensor's data is copied into a new, aligned typed
 * array of its dtype (`bytes` may start at any offset), so the result does not share memory with
 * `bytes`. Tensors are listed in file order; `metadata` is `{}` when the file has none.
 *
 * @remarks Python's safetensors accepts any byte in a BOOL tensor; we refuse bytes other than 0 and
 * 1, which PyTorch treats as undefined behaviour.
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes, 'sae_weights.safetensors');
 * const W_enc = tensors['W_enc']; // { dtype: 'F32', shape: [d_in, d_sae], data: Float32Array }
 * ```
 * @throws InvalidArgumentError when `bytes` is not a Uint8Array.
 * @throws FormatError (message prefixed with `source`) when the file is shorter than 8 bytes, its
 * header length exceeds {@link MAX_SAFETENSORS_HEADER_BYTES} or the file, the header is not UTF-8 or
 * not a JSON object, `__metadata__` is not an object of strings, a dtype is unknown, a shape entry
 * is not a non-negative integer, offsets disagree with dtype × shape, overlap, leave gaps or do not
 * end exactly at the end of the file, or a BOOL byte is not 0 or 1. Nothing partial is returned.
 */
export function decodeSafetensors(
  bytes: Uint8Array,
  source?: string,
): { tensors: Record<string, SafetensorsTensor>; metadata: Record<string, string> } {
  if (typedArrayName(bytes) !== 'Uint8Array') throw new InvalidArgumentError('bytes', 'a Uint8Array', bytes);
  if (bytes.length < LENGTH_PREFIX_BYTES) {
    throw formatError(`truncated: ${bytes.length} bytes, fewer than the 8-byte header length`, source);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, LENGTH_PREFIX_BYTES).getBigUint64(0, true);
  if (headerLength > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
    throw formatError(`header length ${headerLength} exceeds the ${MAX_SAFETENSORS_HEADER_BYTES}-byte limit`, source);
  }
  const dataStart = LENGTH_PREFIX_BYTES + Number(headerLength);
  if (dataStart > bytes.length) {
    throw formatError(`truncated: header length ${headerLength} runs past the end of the ${bytes.length}-byte file`, source);
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(LENGTH_PREFIX_BYTES, dataStart));
  } catch (error) {
    throw formatError('header is not valid UTF-8', source, error);
  }
  const { entries, metadata } = parseHeader(json, bytes.length - dataStart, source);
  const tensors = entries.map(({ name, dtype, shape, begin, end }): [string, SafetensorsTensor] => {
    const data = dtypeInfo(dtype).create((end - begin) / dtypeInfo(dtype).bytes);
    readLittleEndian(bytes.subarray(dataStart + begin, dataStart + end), data);
    if (dtype === 'BOOL') {
      const flags = data as Uint8Array;
      const bad = flags.findIndex((v) => v > 1);
      if (bad >= 0) throw formatError(`tensor ${JSON.stringify(name)}: BOOL element ${bad} is byte ${flags[bad]}, expected 0 or 1`, source);
    }
    return [name, { dtype, shape: [...shape], data }];
  });
  // Object.fromEntries defines own properties, so a tensor named "__proto__" stays a tensor.
  return { tensors: Object.fromEntries(tensors), metadata };
}
