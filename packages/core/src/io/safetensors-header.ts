/**
 * Writes the JSON header of a safetensors file exactly as Python's safetensors (Rust `serde_json`,
 * compact) does, so encoded files are byte-identical to `safetensors.numpy.save_file` output.
 */
import type { SafetensorsDtype } from './safetensors-dtype';
import { dtypeInfo } from './safetensors-dtype';

/** One tensor's header entry, in file order. */
export interface HeaderEntry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

/** safetensors aligns the data buffer to 8 bytes by padding the header with spaces. */
const ALIGNMENT = 8;
const SPACE = 0x20;

/**
 * Orders two names as Rust orders `String`s: by UTF-8 bytes, which is the same as by Unicode code
 * points. JavaScript's `<` compares UTF-16 code units, which puts U+1F600 before U+FFFD; Rust does not.
 *
 * @example
 * ```ts
 * compareCodePoints('\uFFFD', '\u{1F600}') < 0; // true ('\uFFFD' < '\u{1F600}' is false)
 * ```
 * @throws Nothing.
 */
export function compareCodePoints(left: string, right: string): number {
  const a = left[Symbol.iterator]();
  const b = right[Symbol.iterator]();
  for (;;) {
    const x = a.next();
    const y = b.next();
    if (x.done === true || y.done === true) return (x.done === true ? 0 : 1) - (y.done === true ? 0 : 1);
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}

/**
 * The order Python's safetensors writes tensors in: by dtype rank, descending (I64, F64, F32, I32,
 * BF16, F16, I16, I8, U8, BOOL), then by name.
 *
 * @example
 * ```ts
 * [{ name: 'b', dtype: 'F32' }, { name: 'a', dtype: 'BOOL' }].sort(compareForLayout); // F32 first
 * ```
 * @throws Nothing.
 */
export function compareForLayout(left: { name: string; dtype: SafetensorsDtype }, right: { name: string; dtype: SafetensorsDtype }): number {
  return dtypeInfo(right.dtype).rank - dtypeInfo(left.dtype).rank || compareCodePoints(left.name, right.name);
}

/**
 * The padded header bytes. Keys are written by hand rather than through one `JSON.stringify` of an
 * object, because a JavaScript object lists integer-like keys (`"10"`) first and the file order must
 * be kept. `JSON.stringify` of a well-formed string escapes exactly what `serde_json` escapes
 * (`"`, `\`, control characters, lowercase `\u00XX`), and leaves `/`, DEL and non-ASCII as they are.
 *
 * Python keeps `__metadata__` in a Rust HashMap, so its key order there changes between runs; we
 * write the caller's order (a JavaScript object's order), which reproduces any decoded file.
 *
 * @example
 * ```ts
 * headerBytes([], undefined); // the bytes of '{}      '
 * ```
 * @throws Nothing: entries and metadata are checked by the caller.
 */
export function headerBytes(entries: readonly HeaderEntry[], metadata: Readonly<Record<string, string>> | undefined): Uint8Array {
  const parts: string[] = [];
  if (metadata !== undefined) {
    const pairs = Object.entries(metadata).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
    parts.push(`"__metadata__":{${pairs.join(',')}}`);
  }
  for (const entry of entries) {
    const info = `{"dtype":"${entry.dtype}","shape":[${entry.shape.join(',')}],"data_offsets":[${entry.begin},${entry.end}]}`;
    parts.push(`${JSON.stringify(entry.name)}:${info}`);
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const padded = new Uint8Array(Math.ceil(json.length / ALIGNMENT) * ALIGNMENT).fill(SPACE);
  padded.set(json);
  return padded;
}
