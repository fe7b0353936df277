import { synthEslintConfig } from '@synth/eslint-config';

export default synthEslintConfig(import.meta.dirname);
