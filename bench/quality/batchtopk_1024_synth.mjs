#!/usr/bin/env node
// Quality bar of issue #5, synth side: BatchTopK (k = true L0) on the 1,024-feature / 256-dim model
// of model-1024.json, trained with synth's SyntheticSAERunner (SAELens's runner defaults: batch
// 1024, lr 3e-4 constant, Adam 0.9/0.999, dead-feature window 1000, AuxK coefficient 1, rescale by
// decoder norm, decoder init norm 0.1, topk_threshold_lr 0.01); prints one JSON line per MCC
// checkpoint and the final evaluation (100k samples) as the last line.
//
//   pnpm build   # the script runs the BUILT packages (bench/lib/synth.mjs)
//   node bench/quality/batchtopk_1024_synth.mjs SAMPLES K [--seed S] [--dense] [--checkpoints N1,N2,...]
//     [--model-dir DIR] [--save-model DIR]
//
// --seed S seeds the SAE initialisation and the evaluation stream (default 0); the model is
// built from the config's own seed (42) by synth's generators. By default the SAE trains with
// `use_sparse_activations: true` (sparse decode of the kept latents: same maths, exactly
// floor(k·B) kept, faster on wasm); --dense trains with the dense path. MCC at a checkpoint is
// meanCorrelationCoefficient(W_dec, feature vectors), the same number the final evaluation
// reports; its time is excluded from `train_seconds`. Checkpoints fall on 1 % steps of training
// (the runner's progress events), so a checkpoint is reported at the first 1 % mark at or past it.
// --save-model / --model-dir write and read the model in SAELens's layout (SAELens's script takes
// the same flags): training both tools on one saved model takes the model draw out of the comparison.
import { readFileSync } from 'node:fs';
import { loadSynth } from '../lib/synth.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const samples = Number(args[0]);
const k = Number(args[1]);
const seed = Number(flag('--seed') ?? 0);
const sparse = !args.includes('--dense');
const checkpoints = (flag('--checkpoints') ?? '').split(',').filter(Boolean).map(Number).sort((a, b) => a - b);
if (!(samples > 0 && k > 0)) throw new Error('usage: batchtopk_1024_synth.mjs SAMPLES K [--seed S] [--dense] [--checkpoints N1,N2,...]');

const { core, activations, eval: evaluation, sae: saePkg } = await loadSynth();
const started = performance.now();
const backend = await core.createBackend('wasm');
const modelDict = JSON.parse(readFileSync(new URL('./model-1024.json', import.meta.url), 'utf8'));
const modelDir = flag('--model-dir');
const syntheticModel = await activations.loadSyntheticModelFromSource(modelDir ?? activations.SyntheticModelConfig.fromDict(modelDict), { backend });
const saveModel = flag('--save-model');
if (saveModel !== undefined) await activations.saveSyntheticModel(syntheticModel, saveModel);
const saeDict = { architecture: 'batchtopk', d_in: 256, d_sae: 1024, k, use_sparse_activations: sparse };
const sae = saePkg.saeFromConfigDict(backend, { ...saeDict, seed }, {});
const cfg = new saePkg.SyntheticSAERunnerConfig({
  syntheticModel: modelDir ?? activations.SyntheticModelConfig.fromDict(modelDict),
  sae: saeDict,
  trainingSamples: samples,
  batchSize: 1024,
  lr: 3e-4,
  evalSamples: 100_000,
  outputPath: null,
  seed,
});

let runStarted = 0;
let trainSeconds = Number.NaN;
let excluded = 0;
const onProgress = (event) => {
  if (event.task !== 'train') return;
  const now = performance.now();
  if (event.completed >= event.total) trainSeconds = (now - runStarted - excluded) / 1000;
  while (checkpoints.length > 0 && event.completed >= checkpoints[0]) {
    checkpoints.shift();
    const at = (performance.now() - runStarted - excluded) / 1000;
    const t0 = performance.now();
    const mcc = evaluation.meanCorrelationCoefficient(backend, sae.W_dec, syntheticModel.featureDictionary.featureVectors);
    excluded += performance.now() - t0;
    console.log(JSON.stringify({ checkpoint: event.completed, mcc, train_seconds: at, topk_threshold: sae.topkThreshold }));
  }
};
const runner = new saePkg.SyntheticSAERunner(cfg, { backend, overrideSyntheticModel: syntheticModel, overrideSae: sae, onProgress, onWarning: (m) => console.error(m) });
runStarted = performance.now();
const result = await runner.run();
const seconds = (performance.now() - started - excluded) / 1000;
const finalEval = result.finalEval.toDict();
console.log(JSON.stringify({ tool: 'synth', samples, k, seed, model_dir: modelDir ?? null, use_sparse_activations: sparse, seconds, train_seconds: trainSeconds, topk_threshold: sae.topkThreshold, ...finalEval }));
sae.dispose();
syntheticModel.dispose();
