#!/usr/bin/env node
/**
 * The `synth` command line: `demo` runs the whole pipeline on built-in defaults, `info` lists
 * backends. Bad flags give a one-line error and exit code 1, never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument, Option } from 'commander';
import { BACKEND_REQUESTS, isSynthError } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import { runDemo } from './demo';
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
