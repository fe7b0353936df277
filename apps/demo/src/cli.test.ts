// Runs the real `synth` binary (built by turbo before this test task runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const workDir = mkdtempSync(join(tmpdir(), 'synth-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// As if typed in workDir: INIT_CWD (set by pnpm scripts) would redirect the report.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'INIT_CWD'));

function synth(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: workDir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tiny = ['--features', '8', '--hidden-dim', '8', '--d-sae', '8', '--samples', '20000', '--batch-size', '256', '--eval-samples', '2000'];

describe('synth', () => {
  it('demo --json prints the metrics, settings and report path, and writes the report', () => {
    const run = synth('demo', ...tiny, '--json', '--report', 'out/report.html');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { backend: string; metrics: Record<string, unknown>; settings: Record<string, unknown>; report: string };
    expect(output.backend).toBe('wasm');
    expect(Object.keys(output.metrics)).toEqual(['true_l0', 'sae_l0', 'dead_latents', 'shrinkage', 'explained_variance', 'mcc', 'uniqueness', 'classification']);
    expect(output.settings).toMatchObject({ numFeatures: 8, hiddenDim: 8, trainingSamples: 20_000 });
    expect(output.report).toBe(join(workDir, 'out/report.html'));
    expect(readFileSync(output.report, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg /);
  });

  it('demo prints the summary table and where the report is', () => {
    const run = synth('demo', ...tiny, '--backend', 'cpu', '--seed', '0');
    expect(run.status).toBe(0);
    for (const label of ['true L0', 'SAE L0', 'dead latents', 'shrinkage', 'explained variance', 'MCC', 'uniqueness', 'F1']) expect(run.stdout).toContain(label);
    expect(run.stdout).toContain(`Report (open in a browser): ${join(workDir, 'synth-report.html')}`);
  });

  it('demo takes the model and SAE choices of the web page (topk, correlation, hierarchy)', () => {
    const run = synth('demo', ...tiny, '--architecture', 'topk', '--k', '2', '--firing', 'linear', '--correlation-rank', '2', '--hierarchy-roots', '2', '--hierarchy-branching', '2', '--json', '--report', 'topk.html');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { metrics: { sae_l0: number }; settings: Record<string, unknown> };
    expect(output.settings).toMatchObject({ architecture: 'topk', k: 2, firingDistribution: 'linear', correlation: { rank: 2, scale: 0.1 }, hierarchy: { roots: 2, branching: 2, depth: 1, mutuallyExclusive: true } });
    expect(output.metrics.sae_l0).toBeLessThanOrEqual(2);
  });

  it('bench --smoke --json times every workload at tiny sizes', () => {
    const run = synth('bench', '--smoke', '--json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { size: string; machine: { cores: number }; results: { workload: string; backend: string; size: string; seconds: number[]; median: number; metrics: Record<string, number>; error?: string }[] };
    expect(report.size).toBe('smoke');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.results.map((r) => r.workload)).toEqual(['gen-16k', 'gen-1m', 'toy-train', 'mcc-planted', 'mcc-random', 'orthogonalize', 'train-16k', 'copula-dense']);
    for (const result of report.results) {
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ size: 'smoke', backend: result.workload === 'gen-1m' ? 'cpu' : 'wasm' });
      expect(result.seconds).toHaveLength(1);
      expect(result.median).toBeGreaterThan(0);
      expect(Object.values(result.metrics).every(Number.isFinite)).toBe(true);
    }
  });

  it('bench --only --repeats prints a table', () => {
    const run = synth('bench', '--smoke', '--only', 'mcc-planted,orthogonalize', '--repeats', '2', '--backend', 'cpu');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^workload\s+backend\s+median s/);
    expect(lines.slice(2).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([['mcc-planted', 'cpu'], ['orthogonalize', 'cpu']]);
  });

  it.each([
    [['bench', '--only', 'nope'], /^synth: unknown workload nope \(have gen-16k, /],
    [['bench', '--repeats', '0'], /--repeats.*expected an integer >= 1/],
    [['bench', '--set', 'orthogonalize.nope=1'], /^synth: --set orthogonalize\.nope=1: orthogonalize has no size parameter nope/],
    [['bench', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['demo', '--backend', 'tpu'], /--backend.*tpu.*invalid/i],
    [['demo', '--architecture', 'gated'], /--architecture.*gated.*invalid/i],
    [['demo', '--features', '0'], /--features.*expected an integer >= 1/],
    [['demo', '--max-prob', '2'], /--max-prob.*\(0, 1\]/],
    [['demo', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['demo', '--backend', 'gpu', ...tiny], /^synth: Backend 'gpu' is not available: .*@tensorflow\/tfjs-node-gpu/],
  ])('%j fails with one line and a non-zero exit', (args, message) => {
    const run = synth(...args);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe('');
  });

  it('generate, train and eval work together on saved files', () => {
    const generated = synth('generate', '--features', '12', '--hidden-dim', '8', '--samples', '300', '--out', 'acts.jsonl', '--with-features', '--save-model', 'model', '--json');
    expect(generated.status).toBe(0);
    expect(JSON.parse(generated.stdout)).toMatchObject({ samples: 300, numFeatures: 12, hiddenDim: 8 });
    const lines = readFileSync(join(workDir, 'acts.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    const row = JSON.parse(lines[0]!) as { hidden: number[]; features: number[] };
    expect([row.hidden.length, row.features.length]).toEqual([8, 12]);
    for (const file of ['synthetic_model_config.json', 'synthetic_model.safetensors']) expect(readFileSync(join(workDir, 'model', file)).length).toBeGreaterThan(0);

    const trained = synth('train', '--model', 'model', '--architecture', 'topk', '--k', '2', '--d-sae', '12', '--samples', '4096', '--batch-size', '256', '--eval-samples', '512', '--out', 'sae', '--json');
    expect(trained.status).toBe(0);
    const { metrics } = JSON.parse(trained.stdout) as { metrics: { sae_l0: number } };
    expect(metrics.sae_l0).toBeLessThanOrEqual(2);
    const cfg = JSON.parse(readFileSync(join(workDir, 'sae', 'cfg.json'), 'utf8')) as { architecture: string; d_sae: number };
    expect(cfg).toMatchObject({ architecture: 'topk', d_sae: 12 });
    expect(JSON.parse(readFileSync(join(workDir, 'sae', 'eval_stats.json'), 'utf8'))).toEqual(metrics);

    writeFileSync(join(workDir, 'runner.json'), JSON.stringify({
      synthetic_model: 'model',
      sae: { architecture: 'standard', d_sae: 12, l1_coefficient: 0.05 },
      training_samples: 2048, batch_size: 256, eval_samples: 512, eval_frequency: 4, n_checkpoints: 1,
      checkpoint_path: 'runner-checkpoints', output_path: 'runner-out',
    }));
    const run = synth('train', '--runner-config', 'runner.json', '--json');
    expect(run.status).toBe(0);
    expect(readFileSync(join(workDir, 'runner-out', 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ out: join(workDir, 'runner-out') });

    const evaluated = synth('eval', '--sae', 'sae', '--model', 'model', '--samples', '512', '--json');
    expect(evaluated.status).toBe(0);
    expect(Object.keys(JSON.parse(evaluated.stdout) as object)).toContain('mcc');
    const seeded = (seed: string): unknown => JSON.parse(synth('eval', '--sae', 'sae', '--model', 'model', '--samples', '512', '--seed', seed, '--json').stdout);
    expect(seeded('3')).toEqual(seeded('3'));
    expect(seeded('3')).not.toEqual(seeded('4'));
    const missing = synth('eval', '--sae', 'nowhere', '--model', 'model');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^synth: .*nowhere.*cfg\.json/);
  });

  it('info --json lists the backends that load', () => {
    const run = synth('info', '--json');
    expect(run.status).toBe(0);
    const { backends } = JSON.parse(run.stdout) as { backends: string[] };
    expect(backends).toContain('wasm');
    expect(backends).toContain('cpu');
  });

  it('--help works on every command', () => {
    for (const args of [['--help'], ['demo', '--help'], ['generate', '--help'], ['train', '--help'], ['eval', '--help'], ['bench', '--help'], ['info', '--help']]) {
      const run = synth(...args);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: synth/);
    }
  });
});
