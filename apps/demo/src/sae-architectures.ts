/**
 * The SAE architectures the demo, `synth train` and the web page offer, built from one place.
 * Browser-safe: no Node imports.
 */
import type { Backend, Rng } from '@synth/core';
import { BatchTopKTrainingSAE, StandardTrainingSAE, TopKTrainingSAE } from '@synth/sae';
import type { TrainingSAE } from '@synth/sae';

export const ARCHITECTURES = ['standard', 'topk', 'batchtopk'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** What picks and sizes an SAE. */
export interface SaeSpec {
  readonly architecture: Architecture;
  readonly dIn: number;
  readonly dSae: number;
  /** L1 coefficient (standard only). */
  readonly l1Coefficient: number;
  /** Active latents per sample (topk, batchtopk only). */
  readonly k: number;
}

/**
 * A fresh training SAE; its initialisation draws from `init` (a seed, or a stream split for it).
 *
 * @example
 * ```ts
 * const sae = createTrainingSae(backend, { architecture: 'topk', dIn: 48, dSae: 64, l1Coefficient: 0, k: 4 }, { seed: 1 });
 * ```
 * @throws InvalidArgumentError from the architecture for a bad size, k or coefficient.
 */
export function createTrainingSae(backend: Backend, spec: SaeSpec, init: { readonly seed: number } | { readonly rng: Rng }): TrainingSAE {
  const base = { dIn: spec.dIn, dSae: spec.dSae, ...init };
  switch (spec.architecture) {
    case 'standard':
      return new StandardTrainingSAE(backend, { ...base, l1Coefficient: spec.l1Coefficient });
    case 'topk':
      return new TopKTrainingSAE(backend, { ...base, k: spec.k });
    case 'batchtopk':
      return new BatchTopKTrainingSAE(backend, { ...base, k: spec.k });
  }
}

/** One-line description for tables, e.g. `topk, d_sae 64, k 4`. */
export function describeSae(spec: Omit<SaeSpec, 'dIn'>): string {
  const sparsity = spec.architecture === 'standard' ? `l1 ${spec.l1Coefficient}` : `k ${spec.k}`;
  return `${spec.architecture}, d_sae ${spec.dSae}, ${sparsity}`;
}
