import { synthVitestConfig } from '@synth/vitest-config';

export default synthVitestConfig();
