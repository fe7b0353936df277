/**
 * File helpers of the runner: whole-directory replacement for checkpoints and JSON-lines appends.
 */
/**
 * Fills a fresh temporary directory next to `directory` with `write`, then renames it over
 * `directory`, so a reader never sees a half-written checkpoint.
 */
export async function replaceDirectory(directory: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const tmp = `${directory}.partial-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  try {
    await write(tmp);
    await fs.mkdir(path.dirname(directory), { recursive: true });
    await fs.rm(directory, { recursive: true, force: true });
    await fs.rename(tmp, directory);
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Appends one JSON object as a line (creating the file and its directory). */
export async function appendJsonLine(path: string, value: unknown): Promise<void> {
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  await fs.mkdir(nodePath.dirname(path), { recursive: true });
  await fs.appendFile(path, `${JSON.stringify(value)}\n`);
}
