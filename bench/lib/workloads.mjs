// The benchmark workloads, their plan and the measuring code come from the BUILT `synth` CLI
// (apps/demo/dist/bench.js, built from apps/demo/src/bench/): one definition, shared by
// `synth bench`, run.mjs, compare.mjs and table.mjs. bench/ is not a workspace package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../../apps/demo/dist/bench.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  throw new Error(`bench: ${fileURLToPath(built)} is missing: build first (pnpm build, or use pnpm bench / pnpm bench:smoke, which build).`);
}
const bench = await import(built.href);

export const { WORKLOADS, WORKLOAD_NAMES, selectWorkloads, measureWorkload, machine, median, resolveSize, summarize } = bench;
