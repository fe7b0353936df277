import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError } from '../errors';
import { readJson, writeJson } from './json-file';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synth-json-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writeJson / readJson', () => {
  it('writes JSON.stringify(value, null, 2) plus a newline, creating directories', async () => {
    const path = join(directory, 'cfg', 'cfg.json');
    await writeJson(path, { d_in: 768, hook_name: 'blocks.0.hook_resid_pre', nested: [1, { a: null }] });
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${JSON.stringify({ d_in: 768, hook_name: 'blocks.0.hook_resid_pre', nested: [1, { a: null }] }, null, 2)}\n`);
    expect(await readdir(join(directory, 'cfg'))).toEqual(['cfg.json']);
  });

  it('round-trips any JSON value', async () => {
    const path = join(directory, 'round-trip.json');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await writeJson(path, value);
        // -0 is written as 0, as JSON.stringify does.
        expect(await readJson(path)).toEqual(JSON.parse(JSON.stringify(value)) as unknown);
      }),
      { numRuns: 50 },
    );
  });

  it('reads a file with a byte-order mark', async () => {
    const path = join(directory, 'bom.json');
    await writeFile(path, '\uFEFF{"a": 1}');
    expect(await readJson(path)).toEqual({ a: 1 });
  });

  it('throws FormatError "file not found" naming the path', async () => {
    const path = join(directory, 'missing.json');
    await expect(readJson(path)).rejects.toThrow(FormatError);
    await expect(readJson(path)).rejects.toThrow(`${path}: file not found`);
  });

  it.each([
    ['truncated JSON', '{"a": 1'],
    ['Python NaN', '{"a": NaN}'],
    ['an empty file', ''],
  ])('throws FormatError naming the file and the parse error for %s', async (_label, text) => {
    const path = join(directory, 'bad.json');
    await writeFile(path, text);
    await expect(readJson(path)).rejects.toThrow(FormatError);
    await expect(readJson(path)).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON: `));
  });

  it('throws FormatError for bytes that are not UTF-8', async () => {
    const path = join(directory, 'latin1.json');
    await writeFile(path, new Uint8Array([0x22, 0xe9, 0x22]));
    await expect(readJson(path)).rejects.toThrow(/not valid UTF-8/);
  });

  it.each([
    ['NaN', { a: Number.NaN }, /value \(at key "a"\): expected a finite number/],
    ['Infinity in an array', [1, Number.POSITIVE_INFINITY], /at key "1"/],
    ['a bigint', { a: 1n }, /no bigint/],
    ['undefined', undefined, /a JSON value/],
    ['a cycle', (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })(), /acyclic/],
  ])('refuses %s with an InvalidArgumentError and writes nothing', async (_label, value, message) => {
    const path = join(directory, 'refused.json');
    await expect(writeJson(path, value)).rejects.toThrow(InvalidArgumentError);
    await expect(writeJson(path, value)).rejects.toThrow(message);
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});
