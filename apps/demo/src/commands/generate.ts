/**
 * `synth generate`: sample hidden activations (and optionally the true feature activations) from a
 * synthetic model into a safetensors file or JSON lines.
 */
import { resolve } from 'node:path';
import { createBackend, writeFileAtomic, writeSafetensors } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import { saveSyntheticModel } from '@synth/activations';
import { resolveModel } from './model-source';
import type { ModelSourceOptions } from './model-source';

export interface GenerateOptions extends ModelSourceOptions {
  readonly backend: BackendRequest;
  readonly samples: number;
  readonly batchSize: number;
  readonly out: string;
  readonly withFeatures: boolean;
  readonly saveModel?: string;
  readonly json: boolean;
}

/** Runs `synth generate`. */
export async function runGenerate(options: GenerateOptions): Promise<void> {
  const backend = await createBackend(options.backend);
  const model = await resolveModel(options, backend, (message) => console.error(`synth: warning: ${message}`));
  const { numFeatures, hiddenDim } = model.config;
  const hidden = new Float32Array(options.samples * hiddenDim);
  const features = options.withFeatures ? new Float32Array(options.samples * numFeatures) : undefined;
  for (let done = 0; done < options.samples; done += options.batchSize) {
    const rows = Math.min(options.batchSize, options.samples - done);
    const batch = await model.sampleWithFeaturesAsync(rows);
    hidden.set((await batch.hidden.data()), done * hiddenDim);
    if (features !== undefined && !('rowOffsets' in batch.features)) features.set((await batch.features.data()), done * numFeatures);
    backend.tf.dispose([batch.hidden, ...('rowOffsets' in batch.features ? [] : [batch.features])]);
  }
  const out = resolve(options.out);
  if (out.endsWith('.jsonl')) {
    const lines: string[] = [];
    for (let r = 0; r < options.samples; r++) {
      const row: Record<string, number[]> = { hidden: Array.from(hidden.subarray(r * hiddenDim, (r + 1) * hiddenDim)) };
      if (features !== undefined) row.features = Array.from(features.subarray(r * numFeatures, (r + 1) * numFeatures));
      lines.push(JSON.stringify(row));
    }
    await writeFileAtomic(out, `${lines.join('\n')}\n`);
  } else {
    await writeSafetensors(out, {
      hidden: { dtype: 'F32', shape: [options.samples, hiddenDim], data: hidden },
      ...(features === undefined ? {} : { features: { dtype: 'F32', shape: [options.samples, numFeatures], data: features } }),
    });
  }
  if (options.saveModel !== undefined) await saveSyntheticModel(model, resolve(options.saveModel));
  model.dispose();
  const summary = { out, samples: options.samples, numFeatures, hiddenDim, ...(options.saveModel === undefined ? {} : { model: resolve(options.saveModel) }) };
  console.log(options.json ? JSON.stringify(summary) : `Wrote ${options.samples.toLocaleString('en-US')} samples (${hiddenDim} dims${features === undefined ? '' : `, ${numFeatures} features`}) to ${out}`);
}
