#!/usr/bin/env node
/**
 * The `synth` command line: `demo` runs the whole pipeline on built-in defaults; `generate`,
 * `train` and `eval` work with saved models and SAEs; `bench` times the benchmark workloads;
 * `info` lists backends. Bad flags give a one-line error and exit code 1, never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument, Option } from 'commander';
import { BACKEND_REQUESTS, isSynthError } from '@synth/core';
import type { BackendRequest } from '@synth/core';
import { runBench } from './bench/bench-command';
import type { BenchOptions } from './bench/bench-command';
import { printTable, progressBars, runDemo } from './demo';
import { runEval } from './commands/evaluate';
import type { EvalOptions } from './commands/evaluate';
import { runGenerate } from './commands/generate';
import type { GenerateOptions } from './commands/generate';
import { PRESETS } from './commands/model-source';
import { runTrain } from './commands/train';
import type { TrainOptions } from './commands/train';
import type { DemoOptions } from './demo';
import { runInfo } from './info';
import { FIRING_DISTRIBUTIONS } from './model-settings';
import type { FiringDistribution } from './model-settings';
import { DEFAULT_SETTINGS } from './pipeline';
import { ARCHITECTURES } from './sae-architectures';
import type { Architecture } from './sae-architectures';
import { metricRows } from './summary';

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

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && Number.isFinite(n))) throw new CommanderInvalidArgument('expected a number >= 0.');
  return n;
}

function list(value: string): string[] {
  return value.split(',').map((name) => name.trim()).filter(Boolean);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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

interface DemoFlags {
  backend: BackendRequest; seed: number; features: number; hiddenDim: number; firing: FiringDistribution; maxProb: number; minProb: number;
  correlationRank: number; correlationScale: number; hierarchyRoots: number; hierarchyBranching: number; hierarchyDepth: number; mutuallyExclusive: boolean;
  architecture: Architecture; dSae: number; l1: number; k: number; samples: number; batchSize: number; lr: number; evalSamples: number; report: string; json: boolean;
}

program
  .command('demo', { isDefault: true })
  .description('Build a synthetic model, train an SAE, evaluate it against the true features, write an HTML report.')
  .addOption(backendOption())
  .option('-s, --seed <n>', 'random seed', integer(0), DEFAULT_SETTINGS.seed)
  .option('--features <n>', 'number of true features', integer(1), DEFAULT_SETTINGS.numFeatures)
  .option('--hidden-dim <n>', 'hidden (activation) dimension', integer(1), DEFAULT_SETTINGS.hiddenDim)
  .addOption(new Option('--firing <distribution>', 'how firing probabilities fall from --max-prob to --min-prob (constant: --max-prob for all)').choices(FIRING_DISTRIBUTIONS).default(DEFAULT_SETTINGS.firingDistribution))
  .option('--max-prob <p>', 'firing probability of the most frequent feature', probability, DEFAULT_SETTINGS.maxProb)
  .option('--min-prob <p>', 'firing probability of the rarest feature', probability, DEFAULT_SETTINGS.minProb)
  .option('--correlation-rank <n>', 'rank of a random low-rank correlation of firing (0: independent)', integer(0), 0)
  .option('--correlation-scale <s>', 'strength of that correlation', nonNegativeNumber, 0.1)
  .option('--hierarchy-roots <n>', 'trees of a feature hierarchy, children fire only with their parent (0: none)', integer(0), 0)
  .option('--hierarchy-branching <n>', 'children per parent', integer(2), 4)
  .option('--hierarchy-depth <n>', 'levels below the roots', integer(1), 1)
  .option('--no-mutually-exclusive', 'let siblings of the hierarchy fire together')
  .addOption(new Option('--architecture <name>', 'SAE architecture').choices(ARCHITECTURES).default(DEFAULT_SETTINGS.architecture))
  .option('--d-sae <n>', 'SAE latents', integer(1), DEFAULT_SETTINGS.dSae)
  .option('--l1 <coefficient>', 'L1 coefficient (standard)', positiveNumber, DEFAULT_SETTINGS.l1Coefficient)
  .option('--k <n>', 'active latents per sample (topk, batchtopk)', integer(1), DEFAULT_SETTINGS.k)
  .option('--samples <n>', 'training samples', integer(1), DEFAULT_SETTINGS.trainingSamples)
  .option('--batch-size <n>', 'training batch size', integer(1), DEFAULT_SETTINGS.batchSize)
  .option('--lr <rate>', 'learning rate', positiveNumber, DEFAULT_SETTINGS.lr)
  .option('--eval-samples <n>', 'evaluation samples', integer(1), DEFAULT_SETTINGS.evalSamples)
  .option('--report <path>', 'where to write the HTML report', 'synth-report.html')
  .option('--json', 'machine-readable output', false)
  .action(async (o: DemoFlags) => {
    const options: DemoOptions = {
      backend: o.backend,
      seed: o.seed,
      numFeatures: o.features,
      hiddenDim: o.hiddenDim,
      firingDistribution: o.firing,
      maxProb: o.maxProb,
      minProb: o.minProb,
      correlation: o.correlationRank === 0 ? null : { rank: o.correlationRank, scale: o.correlationScale },
      hierarchy: o.hierarchyRoots === 0 ? null : { roots: o.hierarchyRoots, branching: o.hierarchyBranching, depth: o.hierarchyDepth, mutuallyExclusive: o.mutuallyExclusive },
      architecture: o.architecture,
      dSae: o.dSae,
      l1Coefficient: o.l1,
      k: o.k,
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
  .option('-s, --seed <n>', "seed of the evaluation samples (default: the model's own stream)", integer(0))
  .option('--json', 'machine-readable output', false)
  .action(async (o: EvalOptions) => {
    const bars = progressBars();
    const evaluation = await runEval(o, bars.listener).finally(bars.stop);
    if (o.json) console.log(JSON.stringify(evaluation.toDict()));
    else printTable(metricRows(evaluation));
  });

program
  .command('bench')
  .description('Time the benchmark workloads (sampling, SAE training, MCC, orthogonalization) and print a table; --smoke runs tiny sizes in seconds.')
  .option('--only <names>', 'comma-separated workloads (default: all)', list)
  .option('--smoke', 'tiny sizes, every workload in this process', false)
  .option('--repeats <n>', 'timed runs per workload (default: its plan; 1 with --smoke)', integer(1))
  .option('--warmup <n>', 'untimed runs first (default: its plan; 0 with --smoke)', integer(0))
  .addOption(new Option('--set <workload.key=value>', 'change a size parameter, e.g. orthogonalize.steps=2 (repeatable)').argParser(collect).default([], 'none'))
  .addOption(new Option('-b, --backend <name>', "run every workload on this backend (default: each workload's own)").choices(BACKEND_REQUESTS))
  .option('--in-process', 'run every workload in this process (default with --smoke; otherwise one process each)', false)
  .option('--json', 'machine-readable output', false)
  .action(async (o: BenchOptions) => {
    if (!(await runBench(o))) process.exitCode = 1;
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
