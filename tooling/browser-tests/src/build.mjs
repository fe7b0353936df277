// Bundles the in-page test harness and the selected package test files with esbuild. Test files
// become lazily imported chunks, so the harness can hand each one to the vitest runner in turn.
import { createRequire } from 'node:module';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from './test-files.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
// vitest's own dependencies (@vitest/runner, @vitest/expect, chai) sit beside its real install dir.
const vitestDeps = dirname(dirname(realpathSync(require.resolve('vitest/package.json'))));

const NODE_SHIMS = { 'node:fs': join(here, 'page/node/fs.ts') };
const UNAVAILABLE = join(here, 'page/node/unavailable.ts');

/** @param {string[]} testFiles workspace-relative paths */
function synthPlugin(testFiles) {
  return {
    name: 'synth-browser-tests',
    setup(build) {
      build.onResolve({ filter: /^vitest$/ }, () => ({ path: join(here, 'page/vitest.ts') }));
      build.onResolve({ filter: /^node:/ }, (args) => ({ path: NODE_SHIMS[args.path] ?? UNAVAILABLE }));
      build.onResolve({ filter: /^synth:skip-rules$/ }, () => ({ path: join(here, 'skip-rules.mjs') }));
      build.onResolve({ filter: /^synth:test-files$/ }, () => ({ path: 'test-files', namespace: 'synth' }));
      build.onLoad({ filter: /.*/, namespace: 'synth' }, () => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `export const TEST_FILES = {\n${testFiles.map((file) => `  ${JSON.stringify(file)}: () => import(${JSON.stringify(`./${file}`)}),`).join('\n')}\n};\n`,
      }));
      // Fixture readers find their files with `new URL('./x.json', import.meta.url)`; in a bundle
      // import.meta.url is the chunk's URL, so pin it to the source file's own file:// URL.
      build.onLoad({ filter: /\/packages\/[^/]+\/src\/.*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        return { loader: 'ts', contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) };
      });
    },
  };
}

/**
 * Builds the harness (`harness.js`) and the throughput page (`throughput.js`) into `outdir`.
 * @param {{ outdir: string, testFiles: string[] }} options
 */
export async function buildBundle({ outdir, testFiles }) {
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { harness: join(here, 'page/harness.ts'), throughput: join(here, 'page/throughput.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@synth/source', 'browser', 'module', 'import', 'default'],
    nodePaths: [vitestDeps],
    logLevel: 'warning',
    // Expression-specifier imports (createBackend's optional packages) stay runtime imports.
    logOverride: { 'unsupported-dynamic-import': 'silent' },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [synthPlugin(testFiles)],
  });
}
