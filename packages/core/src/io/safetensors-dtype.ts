/**
 * The safetensors dtypes synth reads and writes, and what each one needs: bytes per element, the
 * typed array that carries it, and its place in the order Python's safetensors writes tensors in.
 */

/**
 * A safetensors dtype name, as written in the header. `F16` and `BF16` are carried as their raw
 * 16-bit patterns in a `Uint16Array`; `BOOL` as one byte per element (0 or 1) in a `Uint8Array`.
 */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

/** The typed arrays that hold safetensors data (see {@link SAFETENSORS_DTYPES} for which is which). */
export type SafetensorsData =
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array;

/** One tensor of a safetensors file: dtype, shape (row-major) and flat data of `product(shape)` elements. */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsData;
}

interface DtypeInfo {
  /** Bytes per element. */
  readonly bytes: number;
  /** `Symbol.toStringTag` of the typed array that carries it (works across realms, and for Buffer). */
  readonly arrayName: string;
  /**
   * Position in the Rust `Dtype` enum of the safetensors crate (BOOL, …, U8, I8, …, I16, U16, F16,
   * BF16, I32, U32, F32, F64, I64, U64). The writer sorts tensors by this, descending, then by name.
   */
  readonly rank: number;
  readonly create: (length: number) => SafetensorsData;
}

const DTYPE_INFO: Readonly<Record<SafetensorsDtype, DtypeInfo>> = {
  BOOL: { bytes: 1, arrayName: 'Uint8Array', rank: 0, create: (n) => new Uint8Array(n) },
  U8: { bytes: 1, arrayName: 'Uint8Array', rank: 1, create: (n) => new Uint8Array(n) },
  I8: { bytes: 1, arrayName: 'Int8Array', rank: 2, create: (n) => new Int8Array(n) },
  I16: { bytes: 2, arrayName: 'Int16Array', rank: 3, create: (n) => new Int16Array(n) },
  F16: { bytes: 2, arrayName: 'Uint16Array', rank: 4, create: (n) => new Uint16Array(n) },
  BF16: { bytes: 2, arrayName: 'Uint16Array', rank: 5, create: (n) => new Uint16Array(n) },
  I32: { bytes: 4, arrayName: 'Int32Array', rank: 6, create: (n) => new Int32Array(n) },
  F32: { bytes: 4, arrayName: 'Float32Array', rank: 7, create: (n) => new Float32Array(n) },
  F64: { bytes: 8, arrayName: 'Float64Array', rank: 8, create: (n) => new Float64Array(n) },
  I64: { bytes: 8, arrayName: 'BigInt64Array', rank: 9, create: (n) => new BigInt64Array(n) },
};

/**
 * Every dtype synth reads and writes, in the order Python's safetensors lays them out in a file
 * (widest-ranked first).
 *
 * @example
 * ```ts
 * SAFETENSORS_DTYPES.includes('F32'); // true
 * ```
 * @throws Nothing: it is a constant.
 */
export const SAFETENSORS_DTYPES: readonly SafetensorsDtype[] = Object.freeze(
  (Object.keys(DTYPE_INFO) as SafetensorsDtype[]).sort((a, b) => DTYPE_INFO[b].rank - DTYPE_INFO[a].rank),
);

/**
 * True when `value` is one of {@link SAFETENSORS_DTYPES}.
 *
 * @example
 * ```ts
 * isSafetensorsDtype('U16'); // false: a safetensors dtype synth does not carry
 * ```
 * @throws Nothing.
 */
export function isSafetensorsDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.hasOwn(DTYPE_INFO, value);
}

/**
 * Size, carrier and sort rank of `dtype`.
 *
 * @example
 * ```ts
 * dtypeInfo('BF16').bytes; // 2
 * ```
 * @throws Nothing for a valid dtype (callers check with {@link isSafetensorsDtype} first).
 */
export function dtypeInfo(dtype: SafetensorsDtype): DtypeInfo {
  return DTYPE_INFO[dtype];
}

/**
 * The `Symbol.toStringTag` of a typed array, or undefined for anything else (a DataView included).
 *
 * @example
 * ```ts
 * typedArrayName(Buffer.from([1])); // 'Uint8Array'
 * ```
 * @throws Nothing.
 */
export function typedArrayName(value: unknown): string | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  return (value as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
}
