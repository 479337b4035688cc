import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'scripts/harness/node_modules/**', '.test-artifacts/**', '.vscode-test/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The rules, the PostgreSQL layer and the panels' controllers stay testable in plain Node.
    files: ['src/core/**/*.ts', 'src/postgres/**/*.ts', 'src/localServer/**/*.ts', 'src/protocol/**/*.ts', 'src/features/**/*Controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Keep vscode out of core, postgres, localServer, protocol and panel controller code: the panel glue passes in what it needs.' }] },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews talk to the host by message only.' }],
          patterns: [{ group: ['@vscode/webview-ui-toolkit'], message: 'Use the toolkit only through webview/toolkit.' }],
        },
      ],
    },
  },
  {
    files: ['webview/toolkit/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Plain CommonJS that VS Code loads as is (test-only runner extension).
    files: ['test/host/runner/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
);
