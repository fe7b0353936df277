// Shared vitest config. Tests read sibling packages from src/ through the private
// `@synth/source` export condition, so no build is needed before testing.
import { defineConfig } from 'vitest/config';

const conditions = ['@synth/source', 'module', 'node', 'import', 'default'];

/** @param {import('vitest/config').UserConfig['test']} [test] extra test options */
export function synthVitestConfig(test = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@synth/source'] } },
    test: {
      include: ['src/**/*.test.ts'],
      benchmark: { include: ['src/**/*.bench.ts'] },
      passWithNoTests: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: 'test-report.json' }]],
      ...test,
    },
  });
}
