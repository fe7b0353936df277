#!/usr/bin/env node
/**
 * The `synth` command line. For now it shows which backends load here and draws a small seeded
 * sample on the default backend; later commands (train, eval, generate) hang off the same program.
 */
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument } from 'commander';
import { BACKEND_REQUESTS, isSynthError } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import { runDemo } from './demo';
import { runInfo } from './info';

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new CommanderInvalidArgument('expected a non-negative integer.');
  return seed;
}

function parseBackend(value: string): BackendRequest {
  if (!(BACKEND_REQUESTS as readonly string[]).includes(value)) {
    throw new CommanderInvalidArgument(`expected one of ${BACKEND_REQUESTS.join(', ')}.`);
  }
  return value as BackendRequest;
}

const program = new Command('synth')
  .description('Synthetic activations with known ground truth, SAE training and evaluation.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('demo', { isDefault: true })
  .description('Run the pipeline on built-in defaults and print a summary.')
  .option('-b, --backend <name>', 'tensor backend', parseBackend, 'wasm' as BackendRequest)
  .option('-s, --seed <n>', 'random seed', parseSeed, 42)
  .option('--json', 'machine-readable output', false)
  .action(async (options: { backend: BackendRequest; seed: number; json: boolean }) => {
    await runDemo(options);
  });

program
  .command('info')
  .description('List the backends that load here and the package versions.')
  .option('--json', 'machine-readable output', false)
  .action(async (options: { json: boolean }) => {
    await runInfo(options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = isSynthError(error) || error instanceof Error ? error.message : String(error);
  console.error(`synth: ${message}`);
  process.exit(1);
}
