import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError } from '../errors';
import { encodeSafetensors } from './safetensors-encode';
import { readSafetensors, writeSafetensors } from './safetensors-file';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'synth-safetensors-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const tensors = {
  W_enc: { dtype: 'F32' as const, shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
  steps: { dtype: 'I64' as const, shape: [], data: new BigInt64Array([2n ** 60n]) },
};

describe('readSafetensors / writeSafetensors', () => {
  it('writes the encoded bytes atomically and reads them back', async () => {
    const path = join(directory, 'sae', 'sae_weights.safetensors');
    await writeSafetensors(path, tensors, { format: 'pt' });
    expect(new Uint8Array(await readFile(path))).toEqual(encodeSafetensors(tensors, { format: 'pt' }));
    expect(await readdir(join(directory, 'sae'))).toEqual(['sae_weights.safetensors']);
    const { tensors: read, metadata } = await readSafetensors(path);
    expect(metadata).toEqual({ format: 'pt' });
    expect(read).toEqual(tensors);
  });

  it('throws FormatError "file not found" naming the path', async () => {
    const path = join(directory, 'missing.safetensors');
    await expect(readSafetensors(path)).rejects.toThrow(FormatError);
    await expect(readSafetensors(path)).rejects.toThrow(`${path}: file not found`);
  });

  it('names the file in decoding errors', async () => {
    const path = join(directory, 'short.safetensors');
    await writeFile(path, new Uint8Array(3));
    await expect(readSafetensors(path)).rejects.toThrow(`${path}: truncated: 3 bytes`);
  });

  it('checks arguments before touching the disk', async () => {
    const path = join(directory, 'never', 'bad.safetensors');
    const bad = { w: { dtype: 'F32' as const, shape: [3], data: new Float32Array(2) } };
    await expect(writeSafetensors(path, bad)).rejects.toThrow(InvalidArgumentError);
    await expect(readdir(join(directory, 'never'))).rejects.toThrow(/ENOENT/);
  });
});
