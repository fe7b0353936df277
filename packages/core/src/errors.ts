/**
 * The synth error family. Every error synth throws on purpose is a {@link SynthError}; the
 * subclasses say what went wrong: bad input ({@link ValidationError},
 * {@link InvalidArgumentError}), a backend that is not installed ({@link BackendUnavailableError}),
 * or a bad file ({@link FormatError}).
 *
 * `instanceof` works across duplicate installed copies of `@synth/core`: each error carries the
 * names of its kinds under a `Symbol.for` key, and each class checks that list instead of the
 * prototype chain.
 */

const KINDS = Symbol.for('@synth/core/error-kinds');

type Branded = { readonly [KINDS]?: readonly string[] };

function kindsOf(value: unknown): readonly string[] {
  if (typeof value !== 'object' || value === null) return [];
  return (value as Branded)[KINDS] ?? [];
}

/**
 * Base class of every error synth throws on purpose.
 *
 * @example
 * ```ts
 * try { parseDtype('float8'); } catch (error) { if (error instanceof SynthError) console.log(error.code); }
 * ```
 */
export class SynthError extends Error {
  /** Stable machine-readable code, e.g. `SYNTH_INVALID_ARGUMENT`. */
  readonly code: string;
  declare readonly [KINDS]: readonly string[];

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options?.code ?? 'SYNTH_ERROR';
    const kinds: string[] = [];
    for (let proto: unknown = new.target.prototype; proto !== Error.prototype && proto != null; proto = Object.getPrototypeOf(proto)) {
      const ctor = (proto as { constructor: { kind?: string } }).constructor;
      if (ctor.kind !== undefined) kinds.push(ctor.kind);
    }
    Object.defineProperty(this, KINDS, { value: Object.freeze(kinds), enumerable: false });
  }

  /** The kind name this class checks for in `instanceof`. */
  static readonly kind: string = 'SynthError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindsOf(value).includes(this.kind);
  }
}

/** Input data broke a rule (a matrix that is not positive definite, a hierarchy with a loop, …). */
export class ValidationError extends SynthError {
  static override readonly kind: string = 'ValidationError';

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, { code: 'SYNTH_VALIDATION', ...options });
  }
}

/**
 * A function argument broke a rule. The message names the parameter, the rule and the value:
 * `Invalid firingProbabilities[3]: expected a number in [0, 1], got 1.2.`
 */
export class InvalidArgumentError extends ValidationError {
  static override readonly kind: string = 'InvalidArgumentError';
  /** The parameter, with a path where it helps (`firingProbabilities[3]`). */
  readonly parameter: string;
  /** The rule, phrased as what was expected. */
  readonly rule: string;
  /** The offending value. */
  readonly value: unknown;

  constructor(parameter: string, rule: string, value: unknown, options?: { cause?: unknown; detail?: string }) {
    const detail = options?.detail === undefined ? '' : ` ${options.detail}`;
    super(`Invalid ${parameter}: expected ${rule}, got ${describeValue(value)}.${detail}`, {
      code: 'SYNTH_INVALID_ARGUMENT',
      cause: options?.cause,
    });
    this.parameter = parameter;
    this.rule = rule;
    this.value = value;
  }
}

/** A backend was asked for that is not installed or cannot start here. */
export class BackendUnavailableError extends SynthError {
  static override readonly kind: string = 'BackendUnavailableError';
  /** The backend that was asked for. */
  readonly backend: string;

  constructor(backend: string, howToInstall: string, options?: { cause?: unknown }) {
    super(`Backend '${backend}' is not available: ${howToInstall}`, { code: 'SYNTH_BACKEND_UNAVAILABLE', cause: options?.cause });
    this.backend = backend;
  }
}

/** A file (safetensors, JSON config, model directory) is truncated, inconsistent or of the wrong kind. */
export class FormatError extends SynthError {
  static override readonly kind: string = 'FormatError';
  /** The file or source that was being read, when known. */
  readonly source: string | undefined;

  constructor(message: string, options?: { source?: string; cause?: unknown }) {
    super(options?.source === undefined ? message : `${options.source}: ${message}`, {
      code: 'SYNTH_FORMAT',
      cause: options?.cause,
    });
    this.source = options?.source;
  }
}

/** True for any synth error, including ones thrown by another installed copy of `@synth/core`. */
export function isSynthError(value: unknown): value is SynthError {
  return kindsOf(value).includes('SynthError');
}

/** Short, bounded rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape)) return `a tensor of shape [${shape.join(', ')}]`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}
