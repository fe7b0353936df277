/**
 * Little-endian byte views of typed arrays. safetensors stores every element little-endian; on the
 * (rare) big-endian host the bytes of each element are swapped while copying.
 */
import type { SafetensorsData } from './safetensors-dtype';

/** True on little-endian hosts: the first byte of the 16-bit value 1 is 1. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapEachElement(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let start = 0; start < bytes.length; start += width) {
    bytes.subarray(start, start + width).reverse();
  }
}

/**
 * Copies the elements of `data` into `target` at `offset`, little-endian.
 *
 * @example
 * ```ts
 * writeLittleEndian(new Float32Array([1]), new Uint8Array(4), 0); // [0, 0, 128, 63]
 * ```
 * @throws RangeError when `target` is too short (callers size it first).
 */
export function writeLittleEndian(data: SafetensorsData, target: Uint8Array, offset: number): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  target.set(bytes, offset);
  if (!HOST_IS_LITTLE_ENDIAN) swapEachElement(target.subarray(offset, offset + bytes.length), data.BYTES_PER_ELEMENT);
}

/**
 * Fills the freshly allocated (hence aligned) `target` from little-endian `bytes`, which may sit at
 * any offset of their buffer. `bytes.length` must equal `target.byteLength`.
 *
 * @example
 * ```ts
 * const out = new Float32Array(1);
 * readLittleEndian(new Uint8Array([0, 0, 128, 63]), out); // out[0] === 1
 * ```
 * @throws RangeError when the lengths differ (callers check first).
 */
export function readLittleEndian(bytes: Uint8Array, target: SafetensorsData): void {
  const view = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  view.set(bytes);
  if (!HOST_IS_LITTLE_ENDIAN) swapEachElement(view, target.BYTES_PER_ELEMENT);
}
