/**
 * safetensors files on disk: thin wrappers over {@link decodeSafetensors} and
 * {@link encodeSafetensors} that read whole files and write atomically.
 */
import { writeFileAtomic } from './atomic-write';
import { readFileBytes } from './read-file-bytes';
import { decodeSafetensors } from './safetensors-decode';
import type { SafetensorsTensor } from './safetensors-dtype';
import { encodeSafetensors } from './safetensors-encode';

/**
 * Reads and decodes the safetensors file at `path` (Node only; the file system is imported on call).
 *
 * @example
 * ```ts
 * const { tensors, metadata } = await readSafetensors('sae/sae_weights.safetensors');
 * ```
 * @throws FormatError "file not found" naming `path` when it does not exist, or any
 * {@link decodeSafetensors} problem, prefixed with `path`.
 * @throws Error the file-system error for anything else (permissions, a directory).
 */
export async function readSafetensors(
  path: string,
): Promise<{ tensors: Record<string, SafetensorsTensor>; metadata: Record<string, string> }> {
  return decodeSafetensors(await readFileBytes(path), path);
}

/**
 * Encodes `tensors` (and optional `metadata`) and writes them to `path` atomically, creating parent
 * directories. The bytes equal those of Python's `safetensors.numpy.save_file` for the same input.
 *
 * @example
 * ```ts
 * await writeSafetensors('sae/sae_weights.safetensors', {
 *   b_dec: { dtype: 'F32', shape: [2], data: new Float32Array([0, 0]) },
 * });
 * ```
 * @throws InvalidArgumentError for any {@link encodeSafetensors} rule (checked before touching disk).
 * @throws Error the file-system error when writing fails; the old file, if any, is left intact.
 */
export async function writeSafetensors(
  path: string,
  tensors: Record<string, SafetensorsTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}
