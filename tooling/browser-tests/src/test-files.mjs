// Which package test files run in the browser: every test file of the packages whose code runs in
// browsers that is parametrised over backends (it calls loadTestBackends), minus the ones that
// need Node's file system. Backend-independent tests (pure JavaScript) would give the same answer
// on every backend, so they stay in the Node runs only.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');

export const PACKAGES = ['core', 'correlation', 'dictionary', 'activations', 'eval', 'sae'];

/** The backend conformance suite: runs first, and alone on the float16 pass. */
export const CONFORMANCE = 'packages/core/src/testing/conformance.test.ts';

/** Files that use a temporary directory (node:os tmpdir) are Node-only, found by that import. */
const USES_TEMP_DIR = /from 'node:os'|mkdtemp/;

/** Files that read model directories through synth's file I/O (node:fs/promises), named here. */
export const NODE_ONLY = {
  'packages/activations/src/synthetic-model/interop.test.ts': 'loads model directories with node:fs/promises',
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]);
}

/** Workspace-relative paths of the browser test files, in a stable order (conformance first). */
export function browserTestFiles() {
  const files = PACKAGES.flatMap((name) => walk(join(ROOT, 'packages', name, 'src')))
    .filter((file) => {
      if (!file.endsWith('.test.ts')) return false;
      const source = readFileSync(file, 'utf8');
      return source.includes('loadTestBackends(') && !USES_TEMP_DIR.test(source);
    })
    .map((file) => relative(ROOT, file))
    .filter((file) => !(file in NODE_ONLY))
    .sort();
  return [CONFORMANCE, ...files.filter((file) => file !== CONFORMANCE)];
}
