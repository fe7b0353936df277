#!/usr/bin/env node
/**
 * The `synth` command line: `demo` runs the whole pipeline on built-in defaults; `generate`,
 * `train` and `eval` work with saved models and SAEs; `info` lists backends. Bad flags give a one-line error and exit code 1, never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument, Option } from 'commander';
import { BACKEND_REQUESTS, isSynthError } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import { metricRows, printTable, progressBars, runDemo } from './demo';
import { runEval } from './commands/evaluate';
import type { EvalOptions } from './commands/evaluate';
import { runGenerate } from './commands/generate';
import type { GenerateOptions } from './commands/generate';
import { PRESETS } from './commands/model-source';
import { ARCHITECTURES, runTrain } from './commands/train';
import type { TrainOptions } from './commands/train';
import type { DemoOptions } from './demo';
import { runInfo } from './info';
import { DEFAULT_SETTINGS } from './pipeline';

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new CommanderInvalidArgument(`expected an integer >= ${min}.`);
    return n;
  };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) throw new CommanderInvalidArgument('expected a positive number.');
  return n;
}

function probability(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new CommanderInvalidArgument('expected a number in (0, 1].');
  return n;
}

const backendOption = (): Option =>
  new Option('-b, --backend <name>', 'tensor backend').choices(BACKEND_REQUESTS).default(DEFAULT_SETTINGS.backend);

const program = new Command('synth')
  .description('Synthetic activations with known ground truth, SAE training and evaluation.')
  .exitOverride()
  .configureOutput({ outputError: (message, write) => write(`${message.split('\n')[0]!.replace(/^error: /, 'synth: ')} (see synth --help)\n`) });

program
  .command('demo', { isDefault: true })
  .description('Build a synthetic model, train a standard SAE, evaluate it, write an HTML report.')
  .addOption(backendOption())
  .option('-s, --seed <n>', 'random seed', integer(0), DEFAULT_SETTINGS.seed)
  .option('--features <n>', 'number of true features', integer(1), DEFAULT_SETTINGS.numFeatures)
  .option('--hidden-dim <n>', 'hidden (activation) dimension', integer(1), DEFAULT_SETTINGS.hiddenDim)
  .option('--max-prob <p>', 'firing probability of the most frequent feature', probability, DEFAULT_SETTINGS.maxProb)
  .option('--min-prob <p>', 'firing probability of the rarest feature', probability, DEFAULT_SETTINGS.minProb)
  .option('--d-sae <n>', 'SAE latents', integer(1), DEFAULT_SETTINGS.dSae)
  .option('--l1 <coefficient>', 'L1 coefficient', positiveNumber, DEFAULT_SETTINGS.l1Coefficient)
  .option('--samples <n>', 'training samples', integer(1), DEFAULT_SETTINGS.trainingSamples)
  .option('--batch-size <n>', 'training batch size', integer(1), DEFAULT_SETTINGS.batchSize)
  .option('--lr <rate>', 'learning rate', positiveNumber, DEFAULT_SETTINGS.lr)
  .option('--eval-samples <n>', 'evaluation samples', integer(1), DEFAULT_SETTINGS.evalSamples)
  .option('--report <path>', 'where to write the HTML report', 'synth-report.html')
  .option('--json', 'machine-readable output', false)
  .action(async (o: { backend: BackendRequest; seed: number; features: number; hiddenDim: number; maxProb: number; minProb: number; dSae: number; l1: number; samples: number; batchSize: number; lr: number; evalSamples: number; report: string; json: boolean }) => {
    const options: DemoOptions = {
      backend: o.backend,
      seed: o.seed,
      numFeatures: o.features,
      hiddenDim: o.hiddenDim,
      maxProb: o.maxProb,
      minProb: o.minProb,
      dSae: o.dSae,
      l1Coefficient: o.l1,
      trainingSamples: o.samples,
      batchSize: o.batchSize,
      lr: o.lr,
      evalSamples: o.evalSamples,
      report: o.report,
      json: o.json,
    };
    await runDemo(options);
  });

const modelOptions = (command: Command): Command =>
  command
    .option('--model <dir>', 'a saved synthetic model directory (SAELens or synth layout)')
    .addOption(new Option('--preset <name>', 'a published model configuration').choices(PRESETS))
    .option('--config <file>', 'a synthetic_model_config.json to build from')
    .option('--features <n>', 'number of true features (inline model)', integer(1), 256)
    .option('--hidden-dim <n>', 'hidden dimension (inline model)', integer(1), 64)
    .option('-s, --seed <n>', 'random seed', integer(0), DEFAULT_SETTINGS.seed);

modelOptions(
  program
    .command('generate')
    .description('Sample hidden activations from a synthetic model into .safetensors or .jsonl.')
    .addOption(backendOption())
    .option('--samples <n>', 'rows to sample', integer(1), 10_000)
    .option('--batch-size <n>', 'rows per sampling batch', integer(1), 4096)
    .option('--out <file>', 'output file (.safetensors or .jsonl)', 'activations.safetensors')
    .option('--with-features', 'also write the true feature activations', false)
    .option('--save-model <dir>', 'also save the model (SAELens directory layout)')
    .option('--json', 'machine-readable output', false),
).action(async (o: GenerateOptions) => {
  await runGenerate(o);
});

modelOptions(
  program
    .command('train')
    .description("Train an SAE on a synthetic model; write SAELens's files and eval_stats.json.")
    .addOption(backendOption())
    .addOption(new Option('--architecture <name>', 'SAE architecture').choices(ARCHITECTURES).default('standard'))
    .option('--d-sae <n>', 'SAE latents', integer(1), 256)
    .option('--k <n>', 'active latents per sample (topk, batchtopk)', integer(1), 16)
    .option('--l1 <coefficient>', 'L1 coefficient (standard)', positiveNumber, 5e-2)
    .option('--samples <n>', 'training samples', integer(1), 1_000_000)
    .option('--batch-size <n>', 'training batch size', integer(1), 1024)
    .option('--lr <rate>', 'learning rate', positiveNumber, 3e-4)
    .option('--eval-samples <n>', 'evaluation samples', integer(1), 100_000)
    .option('--out <dir>', 'output directory', 'synth-output')
    .option('--save-model', 'also save the synthetic model under <out>/synthetic_model', false)
    .option('--runner-config <file>', 'a runner_config.json (SAELens keys): run SyntheticSAERunner with its checkpoints and periodic evaluation')
    .option('--json', 'machine-readable output', false),
).action(async (o: TrainOptions) => {
  const bars = progressBars();
  const { out, evaluation } = await runTrain(o, bars.listener).finally(bars.stop);
  if (o.json) console.log(JSON.stringify({ out, metrics: evaluation.toDict() }));
  else {
    printTable(metricRows(evaluation));
    console.log(`\nSaved to ${out}`);
  }
});

program
  .command('eval')
  .description('Evaluate a saved SAE (cfg.json + sae_weights.safetensors) against a saved synthetic model.')
  .addOption(backendOption())
  .requiredOption('--sae <dir>', 'the SAE directory')
  .requiredOption('--model <dir>', 'the synthetic model directory')
  .option('--samples <n>', 'evaluation samples', integer(1), 100_000)
  .option('--batch-size <n>', 'evaluation batch size', integer(1), 4096)
  .option('--json', 'machine-readable output', false)
  .action(async (o: EvalOptions) => {
    const bars = progressBars();
    const evaluation = await runEval(o, bars.listener).finally(bars.stop);
    if (o.json) console.log(JSON.stringify(evaluation.toDict()));
    else printTable(metricRows(evaluation));
  });

program
  .command('info')
  .description('List the backends that load here and the Node version.')
  .option('--json', 'machine-readable output', false)
  .action(async (options: { json: boolean }) => {
    await runInfo(options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = isSynthError(error) || error instanceof Error ? error.message : String(error);
  console.error(`synth: ${message.split('\n')[0]}`);
  process.exit(1);
}
