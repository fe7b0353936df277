/**
 * Dtype names, parsed as SAELens's `str_to_dtype` parses them (`"float32"` or `"torch.float32"`).
 */
import { InvalidArgumentError } from './errors';

/** A floating-point dtype name SAELens accepts. */
export type DtypeName = 'float32' | 'float64' | 'float16' | 'bfloat16';

const DTYPE_NAMES: readonly DtypeName[] = ['float32', 'float64', 'float16', 'bfloat16'];
const ACCEPTED = DTYPE_NAMES.flatMap((name) => [name, `torch.${name}`]);

/**
 * Parses a dtype name the way SAELens does: `"float32"`, `"float64"`, `"float16"`, `"bfloat16"`,
 * each optionally prefixed with `"torch."`. Returns the canonical name.
 *
 * @example
 * ```ts
 * parseDtype('torch.float32'); // 'float32'
 * ```
 * @throws InvalidArgumentError (message contains "Invalid dtype") for any other name.
 */
export function parseDtype(name: unknown): DtypeName {
  if (typeof name === 'string' && ACCEPTED.includes(name)) return name.replace(/^torch\./, '') as DtypeName;
  throw new InvalidArgumentError('dtype', `one of ${ACCEPTED.map((n) => `"${n}"`).join(', ')}`, name, {
    detail: 'Invalid dtype.',
  });
}

/**
 * The TensorFlow.js dtype that stores tensors of `dtype`. TensorFlow.js computes floats in
 * float32 only, so synth accepts `float32` for tensors and refuses the others rather than
 * silently computing at a different precision.
 *
 * @remarks SAELens can run in float64, float16 and bfloat16; synth's tensor math is float32.
 * @example
 * ```ts
 * tensorDtype('float32'); // 'float32'
 * ```
 * @throws InvalidArgumentError for a parseable name TensorFlow.js cannot compute in.
 */
export function tensorDtype(name: unknown): 'float32' {
  const dtype = parseDtype(name);
  if (dtype !== 'float32') {
    throw new InvalidArgumentError('dtype', '"float32" (TensorFlow.js computes floats in float32)', name);
  }
  return dtype;
}
