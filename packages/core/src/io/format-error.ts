/**
 * One place that builds the `FormatError`s of this folder, so an unknown source is simply left out
 * (the error options are exact: `source` is either a string or absent).
 */
import { FormatError } from '../errors';

/**
 * A `FormatError` whose message is prefixed with `source` when there is one.
 *
 * @example
 * ```ts
 * throw formatError('header is not valid JSON', 'model.safetensors');
 * ```
 * @throws Nothing: it returns the error for the caller to throw.
 */
export function formatError(message: string, source: string | undefined, cause?: unknown): FormatError {
  const options: { source?: string; cause?: unknown } = {};
  if (source !== undefined) options.source = source;
  if (cause !== undefined) options.cause = cause;
  return new FormatError(message, options);
}
