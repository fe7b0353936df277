/**
 * What `SyntheticModel.loadFromSource` does with its argument, decided as SAELens decides it.
 */
import { InvalidArgumentError } from '@synth/core';
import { SyntheticModelConfig } from './model-config';
import { fileExists } from './model-files';

/**
 * SAELens's local-path test: starts with `/`, `./`, `../` or `~` (not expanded, as in SAELens),
 * holds a backslash, or exists on disk.
 *
 * @internal
 */
export async function isLocalPath(source: string): Promise<boolean> {
  return ['/', './', '../', '~'].some((prefix) => source.startsWith(prefix)) || source.includes('\\') || (await fileExists(source));
}

/**
 * A config as is, a local path as is; a Hugging Face id (`repo` or `repo:subdir`) throws, since
 * downloading is out of scope in synth.
 *
 * @internal
 */
export async function resolveSource(source: SyntheticModelConfig | string): Promise<SyntheticModelConfig | string> {
  if (source instanceof SyntheticModelConfig) return source;
  if (typeof source !== 'string') throw new InvalidArgumentError('source', 'a SyntheticModelConfig or a path to a model directory', source);
  if (await isLocalPath(source)) return source;
  const colon = source.indexOf(':');
  const [repo, subdir] = colon === -1 ? [source, null] : [source.slice(0, colon), source.slice(colon + 1)];
  const where = subdir === null ? `repository '${repo}'` : `'${subdir}' in repository '${repo}'`;
  throw new InvalidArgumentError('source', 'a SyntheticModelConfig or a local model directory', source, {
    detail: `SAELens would download ${where} from the Hugging Face Hub; downloading is out of scope in synth. Download the directory yourself (e.g. \`huggingface-cli download ${repo}\`) and pass its local path (starting with './' or '/').`,
  });
}
