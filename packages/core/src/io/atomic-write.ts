/**
 * Atomic file replacement: readers of `path` see the old file or the new one, never a mixture or a
 * truncated file, even if the process dies mid-write.
 */
import { InvalidArgumentError } from '../errors';

/**
 * Writes `contents` (bytes, or a string written as UTF-8) to `path` atomically: it creates the parent
 * directories (`mkdir -p`), writes a uniquely named temporary file beside the target (same directory,
 * hence same file system), flushes it to disk with `fsync`, then renames it over `path`. On any failure
 * the temporary file is removed and the error rethrown; an existing `path` is left untouched.
 *
 * @remarks The new file gets the default mode (0o666 less the umask), not the mode of the file it
 * replaces. The directory entry is fsynced too where the platform allows (not on Windows).
 * @example
 * ```ts
 * await writeFileAtomic('out/cfg.json', '{"d_in": 768}\n');
 * ```
 * @throws InvalidArgumentError when `path` is not a non-empty string or `contents` is neither a
 * string nor a Uint8Array.
 * @throws Error the file-system error (e.g. `EACCES`, `ENOSPC`, `EISDIR`) when writing fails.
 */
export async function writeFileAtomic(path: string, contents: Uint8Array | string): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new InvalidArgumentError('path', 'a non-empty string', path);
  if (typeof contents !== 'string' && !(contents instanceof Uint8Array)) {
    throw new InvalidArgumentError('contents', 'a Uint8Array or a string', contents);
  }
  const [fs, nodePath, crypto] = await Promise.all([import('node:fs/promises'), import('node:path'), import('node:crypto')]);
  const directory = nodePath.dirname(nodePath.resolve(path));
  await fs.mkdir(directory, { recursive: true });
  // 8 random bytes: two writers racing on the same target never pick the same temporary name.
  const temporary = nodePath.join(directory, `.${nodePath.basename(path)}.${process.pid}.${crypto.randomBytes(8).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

/** Best effort: makes the rename itself durable. Windows cannot open a directory for fsync. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fs = await import('node:fs/promises');
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on directories; the data itself is already synced.
  }
}
