/**
 * Save and load SAEs in SAELens's directory layout: `cfg.json` + `sae_weights.safetensors`.
 */
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { FormatError, readJson, readSafetensors, writeJson, writeSafetensors } from '@synth/core';
import type { Backend, SafetensorsTensor, Tensor } from '@synth/core';
import { BatchTopKTrainingSAE } from './batchtopk-sae';
import { GatedTrainingSAE } from './gated-sae';
import { JumpReLUTrainingSAE } from './jumprelu-sae';
import type { JumpReLUSaeOptions } from './jumprelu-sae';
import { MatryoshkaBatchTopKTrainingSAE } from './matryoshka-batchtopk-sae';
import type { SaeBaseOptions } from './sae-config';
import { StandardTrainingSAE } from './standard-sae';
import { TopKTrainingSAE } from './topk-sae';
import type { TrainingSAE } from './training-sae';

/** SAELens's config file name. */
export const SAE_CFG_FILENAME = 'cfg.json';
/** SAELens's weights file name. */
export const SAE_WEIGHTS_FILENAME = 'sae_weights.safetensors';

/** Architectures {@link loadSae} reads. */
export const LOADABLE_ARCHITECTURES = ['standard', 'topk', 'batchtopk', 'matryoshka_batchtopk', 'jumprelu', 'gated'] as const;

/** Options of {@link saveSae}. */
export interface SaveSaeOptions {
  /**
   * Write the inference form (SAELens `save_inference_model`): TopK norms folded, BatchTopK as a
   * JumpReLU with its threshold, inference-only config keys. Default false (`save_model`).
   */
  readonly inference?: boolean;
}

/**
 * Writes `cfg.json` (snake_case keys as SAELens writes them) and `sae_weights.safetensors`
 * (`W_enc`, `W_dec`, `b_enc`, `b_dec`, plus `threshold` / `topk_threshold` where the architecture
 * has one; gated SAEs have `b_gate`, `r_mag`, `b_mag` instead of `b_enc`) into `directory`,
 * creating it. Returns the two paths.
 *
 * @example
 * ```ts
 * await saveSae(sae, 'out/my-sae', { inference: true });
 * ```
 * @throws SynthError from the writers (I/O errors propagate).
 */
export async function saveSae(sae: TrainingSAE, directory: string, options: SaveSaeOptions = {}): Promise<{ weightsPath: string; cfgPath: string }> {
  const inference = options.inference ?? false;
  const state = inference ? sae.inferenceStateDict() : sae.stateDict();
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const [name, { shape, data }] of Object.entries(state)) {
    tensors[name] = { dtype: data instanceof Float64Array ? 'F64' : 'F32', shape, data };
  }
  await mkdir(directory, { recursive: true });
  const weightsPath = join(directory, SAE_WEIGHTS_FILENAME);
  const cfgPath = join(directory, SAE_CFG_FILENAME);
  await writeSafetensors(weightsPath, tensors);
  await writeJson(cfgPath, inference ? sae.inferenceConfigDict() : sae.configDict());
  return { weightsPath, cfgPath };
}

/**
 * Reads an SAE directory written by SAELens (`save_model` or `save_inference_model`) or by
 * {@link saveSae}, and builds the matching training SAE on `backend`.
 *
 * @remarks Weights of any float dtype are converted to float32. Only `normalize_activations:
 * "none"` is supported. An inference `topk` file (norms already folded) loads as a TopK SAE with
 * `rescale_acts_by_decoder_norm` as written, which encodes identically.
 * @example
 * ```ts
 * const sae = await loadSae(backend, 'out/my-sae');
 * ```
 * @throws FormatError for a missing or malformed file, an unknown architecture or unexpected
 * weights; InvalidArgumentError for config values that break a rule.
 */
export async function loadSae(backend: Backend, directory: string): Promise<TrainingSAE> {
  const cfgPath = join(directory, SAE_CFG_FILENAME);
  const cfg = await readJson(cfgPath);
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) throw new FormatError('expected a JSON object', { source: cfgPath });
  const { tensors } = await readSafetensors(join(directory, SAE_WEIGHTS_FILENAME));
  return saeFromConfigDict(backend, cfg as Record<string, unknown>, tensors, cfgPath);
}

/**
 * Builds an SAE from a SAELens config dict and its weights (host arrays by tensor name); with no
 * tensors at all, a freshly initialised SAE (seeded by a synth-only `seed` key, default 0).
 *
 * @example
 * ```ts
 * const sae = saeFromConfigDict(backend, { architecture: 'standard', d_in: 4, d_sae: 8 }, tensors);
 * ```
 * @throws FormatError / InvalidArgumentError as {@link loadSae}.
 */
export function saeFromConfigDict(
  backend: Backend,
  cfg: Readonly<Record<string, unknown>>,
  tensors: Readonly<Record<string, SafetensorsTensor>>,
  source = 'cfg.json',
): TrainingSAE {
  const architecture = cfg.architecture ?? 'standard';
  if (!(LOADABLE_ARCHITECTURES as readonly unknown[]).includes(architecture)) {
    throw new FormatError(`unsupported architecture ${JSON.stringify(architecture)}; synth loads ${LOADABLE_ARCHITECTURES.join(', ')}`, { source });
  }
  const read = (key: string): unknown => cfg[key];
  const optional = <T>(key: string): T | undefined => (cfg[key] === undefined || cfg[key] === null ? undefined : (cfg[key] as T));
  const base: SaeBaseOptions = {
    dIn: read('d_in') as number,
    dSae: read('d_sae') as number,
    ...(optional<boolean>('apply_b_dec_to_input') === undefined ? {} : { applyBDecToInput: read('apply_b_dec_to_input') as boolean }),
    ...(optional<string>('normalize_activations') === undefined ? {} : { normalizeActivations: read('normalize_activations') as 'none' }),
    ...('decoder_init_norm' in cfg ? { decoderInitNorm: cfg.decoder_init_norm as number | null } : {}),
    ...(optional<number>('seed') === undefined ? {} : { seed: read('seed') as number }),
  };
  const topk = {
    ...(optional('k') === undefined ? {} : { k: read('k') as number }),
    ...(optional('aux_loss_coefficient') === undefined ? {} : { auxLossCoefficient: read('aux_loss_coefficient') as number }),
    ...(optional('rescale_acts_by_decoder_norm') === undefined ? {} : { rescaleActsByDecoderNorm: read('rescale_acts_by_decoder_norm') as boolean }),
    ...(optional('use_sparse_activations') === undefined ? {} : { useSparseActivations: read('use_sparse_activations') as boolean }),
  };
  const { weights: loaded, extra } = toTensors(backend, tensors);
  // No tensors at all: a freshly initialised SAE of this config (what a training run starts from).
  const fresh = Object.keys(tensors).length === 0;
  const weights = fresh ? undefined : loaded;
  try {
    const expectOnly = (allowed: string[]): void => {
      const unexpected = Object.keys(extra).filter((name) => !allowed.includes(name));
      if (unexpected.length > 0) throw new FormatError(`unexpected tensors for a ${architecture as string} SAE: ${unexpected.join(', ')}`, { source });
    };
    switch (architecture) {
      case 'standard':
        expectOnly([]);
        return new StandardTrainingSAE(
          backend,
          {
            ...base,
            ...(optional('l1_coefficient') === undefined ? {} : { l1Coefficient: read('l1_coefficient') as number }),
            ...(optional('lp_norm') === undefined ? {} : { lpNorm: read('lp_norm') as number }),
            ...(optional('l1_warm_up_steps') === undefined ? {} : { l1WarmUpSteps: read('l1_warm_up_steps') as number }),
          },
          weights,
        );
      case 'topk':
        expectOnly([]);
        return new TopKTrainingSAE(backend, { ...base, ...topk }, weights);
      case 'batchtopk':
      case 'matryoshka_batchtopk': {
        expectOnly(['topk_threshold']);
        const threshold = tensors.topk_threshold?.data[0];
        const options = {
          ...base,
          ...topk,
          ...(optional('topk_threshold_lr') === undefined ? {} : { topkThresholdLr: read('topk_threshold_lr') as number }),
          ...(threshold === undefined ? {} : { topkThreshold: Number(threshold) }),
        };
        if (architecture === 'batchtopk') return new BatchTopKTrainingSAE(backend, options, weights);
        return new MatryoshkaBatchTopKTrainingSAE(backend, { ...options, matryoshkaWidths: read('matryoshka_widths') as number[] }, weights);
      }
      case 'gated':
        expectOnly(['b_gate', 'r_mag', 'b_mag']);
        return new GatedTrainingSAE(
          backend,
          {
            ...base,
            ...(optional('l1_coefficient') === undefined ? {} : { l1Coefficient: read('l1_coefficient') as number }),
            ...(optional('l1_warm_up_steps') === undefined ? {} : { l1WarmUpSteps: read('l1_warm_up_steps') as number }),
          },
          fresh ? undefined : { ...loaded, ...extra },
        );
      default: {
        expectOnly(['threshold', 'log_threshold']);
        const options: JumpReLUSaeOptions = { ...base, ...jumpReluOptions(cfg) };
        return new JumpReLUTrainingSAE(backend, options, fresh ? undefined : { ...loaded, ...extra });
      }
    }
  } finally {
    backend.tf.dispose([...Object.values(loaded), ...Object.values(extra)]);
  }
}

function jumpReluOptions(cfg: Readonly<Record<string, unknown>>): Partial<JumpReLUSaeOptions> & Record<string, unknown> {
  const keys: [string, keyof JumpReLUSaeOptions][] = [
    ['jumprelu_init_threshold', 'jumpreluInitThreshold'],
    ['jumprelu_bandwidth', 'jumpreluBandwidth'],
    ['jumprelu_sparsity_loss_mode', 'jumpreluSparsityLossMode'],
    ['l0_coefficient', 'l0Coefficient'],
    ['l0_warm_up_steps', 'l0WarmUpSteps'],
    ['pre_act_loss_coefficient', 'preActLossCoefficient'],
    ['jumprelu_tanh_scale', 'jumpreluTanhScale'],
  ];
  const out: Record<string, unknown> = {};
  for (const [snake, camel] of keys) if (cfg[snake] !== undefined && cfg[snake] !== null) out[camel] = cfg[snake];
  return out;
}

const BASE_NAMES = ['W_enc', 'W_dec', 'b_enc', 'b_dec'];

/** Float32 tensors of the base weights, and of every other non-scalar tensor. */
function toTensors(backend: Backend, tensors: Readonly<Record<string, SafetensorsTensor>>): { weights: Record<string, Tensor>; extra: Record<string, Tensor> } {
  backend.activate();
  const weights: Record<string, Tensor> = {};
  const extra: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    if (!(tensor.data instanceof Float32Array || tensor.data instanceof Float64Array)) {
      throw new FormatError(`tensor ${name} has dtype ${tensor.dtype}; expected F32 or F64`);
    }
    const value = backend.tf.tensor(Float32Array.from(tensor.data), tensor.shape, 'float32');
    (BASE_NAMES.includes(name) ? weights : extra)[name] = value;
  }
  return { weights, extra };
}
