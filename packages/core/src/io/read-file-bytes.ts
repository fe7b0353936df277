/**
 * Reads a whole file for the readers in this folder, turning "no such file" into a `FormatError`
 * that names the path. `node:fs/promises` is imported on call, so browsers can load the package.
 */
import { FormatError } from '../errors';

/**
 * The bytes of the file at `path`.
 *
 * @example
 * ```ts
 * const bytes = await readFileBytes('cfg.json');
 * ```
 * @throws FormatError "file not found" (naming the path) when nothing is there; other file-system
 * errors (permissions, a directory) are rethrown as Node raises them.
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new FormatError('file not found', { source: path, cause: error });
    throw error;
  }
}
