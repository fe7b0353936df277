import { synthTsupConfig } from '@synth/tsup-config';

export default synthTsupConfig();
