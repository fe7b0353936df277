/**
 * Argument checks for {@link encodeSafetensors}: each rule throws `InvalidArgumentError` naming the
 * tensor (`tensors["w"].shape[1]`), the rule and the value.
 */
import { InvalidArgumentError } from '../errors';
import { assertOneOf } from '../validate';
import type { SafetensorsDtype, SafetensorsTensor } from './safetensors-dtype';
import { SAFETENSORS_DTYPES, dtypeInfo, typedArrayName } from './safetensors-dtype';

/** A lone UTF-16 surrogate cannot be written as UTF-8, and Python could not have written it either. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function assertWellFormed(parameter: string, value: string): void {
  if (LONE_SURROGATE.test(value)) throw new InvalidArgumentError(parameter, 'a well-formed Unicode string (no lone surrogates)', value);
}

/**
 * Element count of `shape`, checked as the Rust reader checks it: each entry a non-negative integer
 * and every partial product a safe integer (Rust uses `checked_mul`). Calls `fail`, which throws, on
 * the first bad entry.
 *
 * @example
 * ```ts
 * elementCount([2, 3], () => { throw new Error('bad'); }); // 6
 * ```
 * @throws Whatever `fail` throws.
 */
export function elementCount(shape: readonly unknown[], fail: (index: number, value: unknown) => never): number {
  let count = 1;
  shape.forEach((size, index) => {
    if (!(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0)) fail(index, size);
    count *= size;
    if (!Number.isSafeInteger(count)) fail(index, size);
  });
  return count;
}

function checkTensor(name: string, tensor: unknown): SafetensorsDtype {
  const parameter = `tensors[${JSON.stringify(name)}]`;
  if (typeof tensor !== 'object' || tensor === null) throw new InvalidArgumentError(parameter, 'an object { dtype, shape, data }', tensor);
  const { dtype, shape, data } = tensor as Partial<SafetensorsTensor>;
  assertOneOf(`${parameter}.dtype`, dtype, SAFETENSORS_DTYPES);
  if (!Array.isArray(shape)) throw new InvalidArgumentError(`${parameter}.shape`, 'an array of non-negative integers', shape);
  const count = elementCount(shape, (index, value) => {
    throw new InvalidArgumentError(`${parameter}.shape[${index}]`, 'a non-negative integer whose running product is a safe integer', value);
  });
  const { arrayName } = dtypeInfo(dtype);
  if (typedArrayName(data) !== arrayName) throw new InvalidArgumentError(`${parameter}.data`, `a ${arrayName} (dtype ${dtype})`, data);
  const values = data as ArrayLike<unknown>;
  if (values.length !== count) {
    throw new InvalidArgumentError(`${parameter}.data`, `${count} elements (the product of shape [${shape.join(', ')}])`, data);
  }
  if (dtype === 'BOOL') {
    const bad = Array.prototype.findIndex.call(values, (v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new InvalidArgumentError(`${parameter}.data[${bad}]`, '0 or 1 (dtype BOOL)', values[bad]);
  }
  return dtype;
}

/**
 * Checks every tensor and returns `[name, tensor]` pairs for the writer.
 *
 * @example
 * ```ts
 * checkTensors({ b: { dtype: 'U8', shape: [1], data: new Uint8Array(1) } }); // [['b', …]]
 * ```
 * @throws InvalidArgumentError for a non-object, an empty or reserved name, or a bad tensor.
 */
export function checkTensors(tensors: unknown): [string, SafetensorsTensor][] {
  if (!isPlainRecord(tensors)) throw new InvalidArgumentError('tensors', 'a plain object mapping names to tensors', tensors);
  return Object.entries(tensors).map(([name, tensor]) => {
    if (name === '' || name === '__metadata__') throw new InvalidArgumentError('tensors', 'tensor names other than "" and "__metadata__"', name);
    assertWellFormed('tensor name', name);
    checkTensor(name, tensor);
    return [name, tensor as SafetensorsTensor];
  });
}

/**
 * Checks that `metadata` maps strings to strings (undefined passes).
 *
 * @example
 * ```ts
 * checkMetadata({ format: 'pt' });
 * ```
 * @throws InvalidArgumentError for a non-object or a non-string value.
 */
export function checkMetadata(metadata: unknown): asserts metadata is Record<string, string> | undefined {
  if (metadata === undefined) return;
  if (!isPlainRecord(metadata)) throw new InvalidArgumentError('metadata', 'a plain object mapping strings to strings', metadata);
  for (const [key, value] of Object.entries(metadata)) {
    assertWellFormed('metadata key', key);
    if (typeof value !== 'string') throw new InvalidArgumentError(`metadata[${JSON.stringify(key)}]`, 'a string', value);
    assertWellFormed(`metadata[${JSON.stringify(key)}]`, value);
  }
}
