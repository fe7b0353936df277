/**
 * JSON files (configs, sparsity summaries) read with errors that name the file, and written atomically.
 */
import { FormatError, InvalidArgumentError } from '../errors';
import { writeFileAtomic } from './atomic-write';
import { readFileBytes } from './read-file-bytes';

/**
 * Reads and parses the JSON file at `path` (UTF-8; a leading byte-order mark is skipped).
 *
 * @remarks Python's `json` reads `NaN`, `Infinity` and `-Infinity`, which standard JSON lacks;
 * we refuse them, as `JSON.parse` does, with a FormatError naming the file.
 * @example
 * ```ts
 * const cfg = (await readJson('sae/cfg.json')) as { d_in: number };
 * ```
 * @throws FormatError "file not found" naming `path` when it does not exist; FormatError naming
 * `path` and the parse error when it is not UTF-8 or not JSON.
 * @throws Error the file-system error for anything else (permissions, a directory).
 */
export async function readJson(path: string): Promise<unknown> {
  const bytes = await readFileBytes(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FormatError('not valid UTF-8', { source: path, cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FormatError(`invalid JSON: ${(error as Error).message}`, { source: path, cause: error });
  }
}

/** Refuses what `JSON.stringify` would silently drop or turn into `null`, instead of writing it. */
function strictReplacer(this: unknown, key: string, value: unknown): unknown {
  const where = key === '' ? 'value' : `value (at key ${JSON.stringify(key)})`;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new InvalidArgumentError(where, 'a finite number (JSON has no NaN or Infinity)', value);
  if (typeof value === 'bigint') throw new InvalidArgumentError(where, 'a number (JSON has no bigint)', value);
  return value;
}

/**
 * Writes `value` as JSON to `path` atomically, creating parent directories: `JSON.stringify(value,
 * null, 2)` plus a trailing newline.
 *
 * @remarks Python's `json.dump(value, f, indent=2)` writes the same layout without the final
 * newline. We add it (POSIX text files end in one, and diffs stay clean); the files parse to the
 * same value in both languages, which is what parity needs. Key order is JavaScript's: integer-like
 * keys first.
 * @example
 * ```ts
 * await writeJson('out/cfg.json', { d_in: 768, d_sae: 16384 });
 * ```
 * @throws InvalidArgumentError when `value` holds NaN, ±Infinity or a bigint, has a cycle, or is
 * not JSON at all (`undefined`, a function).
 * @throws Error the file-system error when writing fails; the old file, if any, is left intact.
 */
export async function writeJson(path: string, value: unknown): Promise<void> {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, strictReplacer, 2);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError('value', 'an acyclic JSON value', value, { cause: error });
  }
  if (text === undefined) throw new InvalidArgumentError('value', 'a JSON value (not undefined or a function)', value);
  await writeFileAtomic(path, `${text}\n`);
}
