import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { writeFileAtomic } from './atomic-write';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synth-atomic-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes bytes and UTF-8 strings, creating parent directories', async () => {
    const nested = join(directory, 'a', 'b', 'c.bin');
    await writeFileAtomic(nested, new Uint8Array([1, 2, 3]));
    expect(Array.from(await readFile(nested))).toEqual([1, 2, 3]);
    await writeFileAtomic(join(directory, 'a', 'text.txt'), 'héllo');
    expect(await readFile(join(directory, 'a', 'text.txt'), 'utf8')).toBe('héllo');
  });

  it('replaces an existing file whole and leaves no temporary files', async () => {
    const target = join(directory, 'replace', 'file.bin');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 4 }), async (writes) => {
        for (const bytes of writes) await writeFileAtomic(target, bytes);
        expect(new Uint8Array(await readFile(target))).toEqual(writes.at(-1));
        expect(await readdir(join(directory, 'replace'))).toEqual(['file.bin']);
      }),
      { numRuns: 25 },
    );
  });

  it('ends with one whole write when writers race, and no temporary files', async () => {
    const target = join(directory, 'race', 'file.txt');
    const contents = Array.from({ length: 8 }, (_, i) => String(i).repeat(1000 * (i + 1)));
    await Promise.all(contents.map((text) => writeFileAtomic(target, text)));
    expect(contents).toContain(await readFile(target, 'utf8'));
    expect(await readdir(join(directory, 'race'))).toEqual(['file.txt']);
  });

  it('removes its temporary file and rethrows when the rename fails', async () => {
    const parent = join(directory, 'fail');
    await mkdir(join(parent, 'target'), { recursive: true });
    await writeFile(join(parent, 'target', 'keep.txt'), 'kept');
    // Renaming a file over a non-empty directory fails (EISDIR / ENOTEMPTY / EPERM by platform).
    await expect(writeFileAtomic(join(parent, 'target'), 'new')).rejects.toThrow();
    expect(await readdir(parent)).toEqual(['target']);
    expect(await readFile(join(parent, 'target', 'keep.txt'), 'utf8')).toBe('kept');
  });

  it.each([
    ['an empty path', '', 'x'],
    ['a non-string path', 3, 'x'],
    ['contents that are a number', 'file', 3],
    ['contents that are a plain array', 'file', [1, 2]],
  ])('refuses %s with an InvalidArgumentError', async (_label, path, contents) => {
    await expect(writeFileAtomic(path as string, contents as string)).rejects.toThrow(InvalidArgumentError);
  });
});
