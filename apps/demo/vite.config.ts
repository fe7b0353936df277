// The web page (web/): `pnpm --filter demo dev` serves it, `pnpm --filter demo build` writes
// static files to dist/web/ (after tsup has built the CLI into dist/).
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

// Some @synth modules import Node built-ins for file I/O the page never calls (saving models,
// SAEs, checkpoints). In the browser they resolve to this stub, whose functions say so if called.
const NODE_STUB = '\0synth-node-stub';
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const STUB_NAMES = ['access', 'mkdir', 'readFile', 'writeFile', 'rename', 'rm', 'unlink', 'stat', 'open', 'readdir', 'join', 'dirname', 'resolve', 'basename', 'relative', 'randomBytes', 'randomUUID', 'tmpdir', 'cpus'];
const nodeStub: Plugin = {
  name: 'synth-node-stub',
  enforce: 'pre',
  resolveId: (id) => (nodeBuiltins.has(id) ? NODE_STUB : null),
  load: (id) => {
    if (id !== NODE_STUB) return null;
    const names = STUB_NAMES.map((name) => `export const ${name} = unavailable;`).join('\n');
    return `function unavailable() { throw new Error('File and system access is not available in the browser.'); }\n${names}\nexport default {};\n`;
  },
};

// Read sibling packages from src/ (the private `@synth/source` condition, as tests do): the
// page needs no package build and `dev` reloads on package edits.
const conditions = ['@synth/source', 'module', 'browser', 'development|production'];

export default defineConfig({
  root: fileURLToPath(new URL('web', import.meta.url)),
  base: './',
  plugins: [nodeStub],
  resolve: { conditions },
  worker: { format: 'es', plugins: () => [nodeStub] },
  build: {
    outDir: fileURLToPath(new URL('dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // TF.js and Vega are large by nature; the page loads them once.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      checks: { pluginTimings: false },
      onwarn(warning, warn) {
        // The stub is imported statically (tfjs's Node branches) and dynamically (synth's file I/O): expected.
        if (warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && warning.message.includes('synth-node-stub')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
