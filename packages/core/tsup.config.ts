import { synthTsupConfig } from '@synth/tsup-config';

export default synthTsupConfig({ index: 'src/index.ts', testing: 'src/testing/index.ts' });
