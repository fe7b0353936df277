import { synthVitestConfig } from '@synth/vitest-config';

// src/: the CLI (its built binary) and the report; web/: the page, end to end in Chromium.
export default synthVitestConfig({ include: ['src/**/*.test.ts', 'web/**/*.test.ts'] });
