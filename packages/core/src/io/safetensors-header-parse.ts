/**
 * Reads and checks the JSON header of a safetensors file the way the Rust reader behind Python's
 * safetensors does. Every problem throws `FormatError` naming it; nothing is returned half-checked.
 */
import { describeValue } from '../errors';
import { formatError } from './format-error';
import { dtypeInfo, isSafetensorsDtype, SAFETENSORS_DTYPES } from './safetensors-dtype';
import type { HeaderEntry } from './safetensors-header';
import { elementCount } from './safetensors-validate';

/** A parsed, checked header: entries sorted by offset, covering the data buffer exactly. */
export interface ParsedHeader {
  readonly entries: HeaderEntry[];
  readonly metadata: Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMetadata(value: unknown, source: string | undefined): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw formatError(`header "__metadata__" must be an object of strings, got ${describeValue(value)}`, source);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw formatError(`header "__metadata__"[${JSON.stringify(key)}] must be a string, got ${describeValue(item)}`, source);
  }
  return Object.fromEntries(Object.entries(value as Record<string, string>));
}

function parseEntry(name: string, info: unknown, source: string | undefined): HeaderEntry {
  const fail = (problem: string): never => {
    throw formatError(`tensor ${JSON.stringify(name)}: ${problem}`, source);
  };
  if (!isObject(info)) return fail(`header entry must be an object, got ${describeValue(info)}`);
  const { dtype, shape, data_offsets: offsets } = info;
  if (!isSafetensorsDtype(dtype)) return fail(`unknown or unsupported dtype ${describeValue(dtype)} (supported: ${SAFETENSORS_DTYPES.join(', ')})`);
  if (!Array.isArray(shape)) return fail(`shape must be an array of non-negative integers, got ${describeValue(shape)}`);
  const count = elementCount(shape, (index, value) => fail(`shape[${index}] must be a non-negative integer with a safe-integer product, got ${describeValue(value)}`));
  const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!(Array.isArray(offsets) && offsets.length === 2 && isOffset(offsets[0]) && isOffset(offsets[1]) && offsets[0] <= offsets[1])) {
    return fail(`data_offsets must be [begin, end] with integers 0 <= begin <= end, got ${JSON.stringify(offsets) ?? 'nothing'}`);
  }
  const [begin, end] = offsets as [number, number];
  const needed = count * dtypeInfo(dtype).bytes;
  if (end - begin !== needed) {
    fail(`data_offsets [${begin}, ${end}] span ${end - begin} bytes, but ${dtype} with shape [${shape.join(', ')}] needs ${needed}`);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/**
 * Parses `json` (the header text) and checks it against a data buffer of `dataLength` bytes: known
 * dtypes, integer shapes, offsets matching dtype × shape, tensors contiguous without gaps or
 * overlaps, and the last one ending exactly at the end of the buffer.
 *
 * @example
 * ```ts
 * parseHeader('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 4, 'w.safetensors');
 * ```
 * @throws FormatError naming the first problem found.
 */
export function parseHeader(json: string, dataLength: number, source: string | undefined): ParsedHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw formatError(`header is not valid JSON: ${(error as Error).message}`, source, error);
  }
  if (!isObject(parsed)) throw formatError(`header must be a JSON object, got ${describeValue(parsed)}`, source);
  const metadata = parseMetadata(parsed.__metadata__, source);
  const entries = Object.entries(parsed)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, info]) => parseEntry(name, info, source))
    .sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: HeaderEntry | undefined;
  for (const entry of entries) {
    if (entry.begin < covered) {
      throw formatError(`tensor ${JSON.stringify(entry.name)} (bytes ${entry.begin}..${entry.end}) overlaps tensor ${JSON.stringify(previous?.name)}`, source);
    }
    if (entry.begin > covered) {
      throw formatError(`data bytes ${covered}..${entry.begin} are not covered by any tensor (gap before ${JSON.stringify(entry.name)})`, source);
    }
    covered = entry.end;
    previous = entry;
  }
  if (covered > dataLength) {
    throw formatError(`tensor ${JSON.stringify(previous?.name)} ends at data byte ${covered}, beyond the ${dataLength}-byte data buffer (truncated file?)`, source);
  }
  if (covered < dataLength) {
    throw formatError(`the last ${dataLength - covered} data bytes are not covered by any tensor (tensors end at ${covered} of ${dataLength})`, source);
  }
  return { entries, metadata };
}
