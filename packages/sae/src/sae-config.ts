/**
 * The configuration every SAE architecture shares (SAELens `SAEConfig` + `TrainingSAEConfig`),
 * validated at construction.
 */
import { InvalidArgumentError, Rng, assertInteger } from '@synth/core';

/** The SAELens version whose file layout synth reads and writes. */
export const SAE_LENS_FORMAT_VERSION = '6.35.0';

/** Input normalisations SAELens names; synth supports `none` (see {@link SaeBaseOptions}). */
export const NORMALIZE_ACTIVATIONS = ['none', 'expected_average_only_in', 'constant_norm_rescale', 'layer_norm'] as const;

/** One of {@link NORMALIZE_ACTIVATIONS}. */
export type NormalizeActivations = (typeof NORMALIZE_ACTIVATIONS)[number];

/** Options every architecture accepts (SAELens field names, camelCased). */
export interface SaeBaseOptions {
  /** Input width (`d_in`). */
  readonly dIn: number;
  /** Number of latents (`d_sae`). */
  readonly dSae: number;
  /** Subtract `b_dec` from the input before encoding (default true). */
  readonly applyBDecToInput?: boolean;
  /** Only `'none'` is supported (default). */
  readonly normalizeActivations?: NormalizeActivations;
  /** Decoder rows are rescaled to this norm at initialisation (default 0.1); `null` skips it. */
  readonly decoderInitNorm?: number | null;
  /** Seed of the initialisation (default 0); ignored when `rng` is given. */
  readonly seed?: number;
  /** Stream the initialisation draws from. */
  readonly rng?: Rng;
}

/** The validated common configuration. */
export interface SaeBaseConfig {
  readonly dIn: number;
  readonly dSae: number;
  readonly dtype: 'float32';
  readonly device: string;
  readonly applyBDecToInput: boolean;
  readonly normalizeActivations: 'none';
  readonly decoderInitNorm: number | null;
}

/** Default initialisation seed. */
export const DEFAULT_SAE_SEED = 0;

/**
 * Validates the shared options.
 *
 * @example
 * ```ts
 * const cfg = resolveBaseConfig({ dIn: 32, dSae: 16 });
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule.
 */
export function resolveBaseConfig(options: SaeBaseOptions): SaeBaseConfig {
  assertInteger('dIn', options.dIn, 1);
  assertInteger('dSae', options.dSae, 1);
  const applyBDecToInput = options.applyBDecToInput ?? true;
  if (typeof applyBDecToInput !== 'boolean') throw new InvalidArgumentError('applyBDecToInput', 'a boolean', applyBDecToInput);
  const normalize = options.normalizeActivations ?? 'none';
  if (!(NORMALIZE_ACTIVATIONS as readonly string[]).includes(normalize)) {
    throw new InvalidArgumentError('normalizeActivations', "'none'", normalize, {
      detail: `normalize_activations must be none, expected_average_only_in, layer_norm, or constant_norm_rescale. Got ${String(normalize)}`,
    });
  }
  if (normalize !== 'none') {
    throw new InvalidArgumentError('normalizeActivations', "'none' (the only normalisation synth implements so far)", normalize);
  }
  const decoderInitNorm = options.decoderInitNorm === undefined ? 0.1 : options.decoderInitNorm;
  if (decoderInitNorm !== null && !(typeof decoderInitNorm === 'number' && decoderInitNorm > 0 && Number.isFinite(decoderInitNorm))) {
    throw new InvalidArgumentError('decoderInitNorm', 'a finite number > 0 or null', decoderInitNorm);
  }
  return { dIn: options.dIn, dSae: options.dSae, dtype: 'float32', device: 'cpu', applyBDecToInput, normalizeActivations: 'none', decoderInitNorm };
}

/**
 * The initialisation stream for these options: `rng` when given, else `Rng.fromSeed(seed ?? 0)`.
 *
 * @example
 * ```ts
 * const rng = initRng({ dIn: 4, dSae: 8, seed: 1 });
 * ```
 * @throws InvalidArgumentError for a bad seed.
 */
export function initRng(options: SaeBaseOptions): Rng {
  if (options.rng !== undefined) return options.rng;
  return Rng.fromSeed(options.seed ?? DEFAULT_SAE_SEED).split('sae-init');
}

/** Checks a number option: finite and at least `min` (`exclusive` for strictly greater). */
export function assertNumberAtLeast(parameter: string, value: unknown, min: number, exclusive = false): asserts value is number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min);
  if (!ok) throw new InvalidArgumentError(parameter, `a finite number ${exclusive ? '>' : '>='} ${min}`, value);
}
