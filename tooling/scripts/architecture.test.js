// The package graph of shared/DESIGN.md, enforced: dependencies only point down the table,
// every publishable package has the same export shape, and sources import only what they declare.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const ALLOWED = {
  core: [],
  correlation: ['core'],
  dictionary: ['core'],
  activations: ['core', 'correlation', 'dictionary'],
  eval: ['core', 'dictionary', 'activations'],
  sae: ['core', 'activations', 'eval'],
};

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

describe.each(Object.entries(ALLOWED))('@synth/%s', (name, allowed) => {
  const dir = join(root, 'packages', name);
  const pkg = readJson(join(dir, 'package.json'));

  it('declares only the dependencies the design allows', () => {
    const synthDeps = Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@synth/')).map((d) => d.slice(7)).sort();
    expect(synthDeps).toEqual([...allowed].sort());
  });

  it('imports only declared @synth packages from its sources', () => {
    for (const file of sourceFiles(join(dir, 'src'))) {
      for (const [, imported] of readFileSync(file, 'utf8').matchAll(/from '@synth\/([a-z-]+)/g)) {
        if (imported === 'vitest-config') continue; // test tooling
        expect(allowed, `${file} imports @synth/${imported}`).toContain(imported);
      }
    }
  });

  it('is an ESM, side-effect-free package with a source-first exports map', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    const main = pkg.exports['.'];
    expect(Object.keys(main)).toEqual(['@synth/source', 'types', 'import']);
    expect(pkg.files).toContain('dist');
  });
});
