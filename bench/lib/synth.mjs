// Loads the BUILT @synth packages (their dist/, through each package's `exports` map) from
// apps/demo, which depends on every one of them: bench/ is not a workspace package, so a bare
// `import '@synth/core'` from here would not resolve. Nothing is read from src/.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const demoModules = fileURLToPath(new URL('../../apps/demo/node_modules/', import.meta.url));

/** Imports `name` (e.g. '@synth/core') the way Node would from apps/demo, `import` condition. */
export async function importBuilt(name) {
  const dir = realpathSync(path.join(demoModules, name));
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const entry = pkg.exports?.['.']?.import ?? pkg.exports?.['.']?.default ?? pkg.main;
  if (typeof entry !== 'string') throw new Error(`${name}: no import entry in ${dir}/package.json`);
  try {
    return await import(pathToFileURL(path.join(dir, entry)).href);
  } catch (error) {
    throw new Error(`${name}: cannot load ${path.join(dir, entry)} (run the build first: pnpm build). ${error.message}`);
  }
}

/** Every @synth package the workloads use. */
export async function loadSynth() {
  const [core, correlation, dictionary, activations, evaluation, sae] = await Promise.all(
    ['@synth/core', '@synth/correlation', '@synth/dictionary', '@synth/activations', '@synth/eval', '@synth/sae'].map(importBuilt),
  );
  return { core, correlation, dictionary, activations, eval: evaluation, sae };
}
