import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { SyntheticModelConfig } from '@synth/activations';
import { SyntheticSAERunnerConfig } from './runner-config';
import { SyntheticSAERunner } from './synthetic-sae-runner';

const backend = (await loadTestBackends(['wasm']))[0]!;
const scratch = mkdtempSync(join(tmpdir(), 'synth-runner-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = (name: string): SyntheticSAERunnerConfig =>
  new SyntheticSAERunnerConfig({
    syntheticModel: new SyntheticModelConfig({ numFeatures: 24, hiddenDim: 16, bias: 0, seed: 3 }),
    sae: { architecture: 'standard', d_sae: 24, l1_coefficient: 0.05 },
    trainingSamples: 64 * 40,
    batchSize: 64,
    lr: 3e-3,
    nCheckpoints: 3,
    checkpointPath: join(scratch, name, 'checkpoints'),
    outputPath: join(scratch, name, 'output'),
    evalFrequency: 10,
    evalSamples: 256,
    saveSyntheticModel: true,
  });

const weights = (dir: string): Buffer => readFileSync(join(dir, 'sae_weights.safetensors'));

describe('SyntheticSAERunner', () => {
  it('trains, evaluates periodically, checkpoints, and writes SAELens’s output files', async () => {
    const result = await new SyntheticSAERunner(config('full'), { backend }).run();
    const out = join(scratch, 'full', 'output');
    expect(readdirSync(out).sort()).toEqual(['cfg.json', 'eval_stats.json', 'metrics.jsonl', 'runner_config.json', 'sae_weights.safetensors', 'sparsity.safetensors', 'synthetic_model']);
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: number; 'synthetic/mcc': number });
    expect(lines.map((l) => l.step)).toEqual([10, 20, 30, 40]);
    expect(JSON.parse(readFileSync(join(out, 'eval_stats.json'), 'utf8'))).toEqual(result.finalEval!.toDict());
    const checkpoints = readdirSync(join(scratch, 'full', 'checkpoints')).map(Number).sort((a, b) => a - b);
    expect(checkpoints).toHaveLength(3);
    for (const c of checkpoints) for (const f of ['trainer_state.json', 'trainer_state.safetensors', 'sae_weights.safetensors', 'cfg.json', 'runner_config.json']) expect(existsSync(join(scratch, 'full', 'checkpoints', String(c), f))).toBe(true);
    expect(SyntheticSAERunnerConfig.fromDict(JSON.parse(readFileSync(join(out, 'runner_config.json'), 'utf8')) as Record<string, unknown>).toDict()).toEqual(config('full').toDict());
    result.sae.dispose();
    result.syntheticModel.dispose();
  });

  it('a run resumed from a checkpoint ends bit-identical to the uninterrupted run', async () => {
    const full = join(scratch, 'full');
    const checkpoints = readdirSync(join(full, 'checkpoints')).map(Number).sort((a, b) => a - b);
    const resumed = await new SyntheticSAERunner(config('resumed'), { backend, resumeFrom: join(full, 'checkpoints', String(checkpoints[1])) }).run();
    expect(weights(join(scratch, 'resumed', 'output')).equals(weights(join(full, 'output')))).toBe(true);
    // Only the checkpoint after the resume point is written again.
    expect(readdirSync(join(scratch, 'resumed', 'checkpoints')).map(Number)).toEqual([checkpoints[2]]);
    resumed.sae.dispose();
    resumed.syntheticModel.dispose();
  });

  it('config dicts check SAELens’s required fields in its order', () => {
    expect(() => SyntheticSAERunnerConfig.fromDict({ synthetic_model: 'x' })).toThrow(new ValidationError('sae field is required in the config dictionary'));
    expect(() => SyntheticSAERunnerConfig.fromDict({ sae: {} })).toThrow(/architecture field is required in the sae dictionary/);
    expect(() => SyntheticSAERunnerConfig.fromDict({ sae: { architecture: 'standard' } })).toThrow(/synthetic_model field is required in the config dictionary/);
    expect(new SyntheticSAERunnerConfig({ syntheticModel: 'm', sae: { architecture: 'topk' }, lr: 1e-3 }).lrEnd).toBeCloseTo(1e-4, 12);
  });
});
