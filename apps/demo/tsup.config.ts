import { synthTsupConfig } from '@synth/tsup-config';

export default { ...synthTsupConfig({ cli: 'src/cli.ts' }), dts: false, platform: 'node' as const };
