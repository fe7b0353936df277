// Shared flat config: type-aware typescript-eslint rules for every package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const seededRngMessage =
  'Unseeded randomness breaks reproducibility: take an Rng from @synth/core (Rng.fromSeed) instead.';

/**
 * @param {string} tsconfigRootDir the package directory (pass `import.meta.dirname`).
 */
export function synthEslintConfig(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ['dist/**', 'coverage/**', '.tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs', '*.config.ts'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        'no-restricted-properties': [
          'error',
          { object: 'Math', property: 'random', message: seededRngMessage },
        ],
        'no-restricted-syntax': [
          'error',
          { selector: 'ExportAllDeclaration', message: 'Name each export: index.ts lists the public API.' },
        ],
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
        eqeqeq: ['error', 'always', { null: 'ignore' }],
      },
    },
    {
      files: ['**/*.test.ts', '**/*.properties.ts', '**/*.bench.ts', '**/testing/**'],
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-floating-promises': 'off',
      },
    },
  );
}
