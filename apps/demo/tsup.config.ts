import { synthTsupConfig } from '@synth/tsup-config';

// dist/cli.js is the `synth` binary; dist/bench.js the workloads that bench/*.mjs load.
// The web page is built by Vite (vite.config.ts) into dist/web/.
export default { ...synthTsupConfig({ cli: 'src/cli.ts', bench: 'src/bench/index.ts' }), dts: false, platform: 'node' as const };
