// One build recipe for every publishable package: ESM + declarations into dist/.
import { defineConfig } from 'tsup';

/** @param {Record<string, string>} [entry] entry points (default: the package index) */
export function synthTsupConfig(entry = { index: 'src/index.ts' }) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
  });
}
