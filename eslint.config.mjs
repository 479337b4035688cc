import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** no-restricted-imports for one layer: these modules, and relative imports into these sibling layers of src/. */
function layer(files, why, { modules = [], layers = [] }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: modules.map((name) => ({ name, message: `Not here: ${why}.` })),
          patterns: layers.length > 0 ? [{ regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message: `Not here: ${why}.` }] : [],
        },
      ],
    },
  };
}

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
  // Which layer may import which: core (the rules) nothing of the product's
  // I/O; postgres, testers, files and localServer no VS Code glue; platform no
  // feature (features register into it); webviews only the protocol and webview/.
  layer(['src/core/**/*.ts'], 'core holds the rules: no VS Code, no I/O, nothing of the layers that do it', {
    modules: ['vscode', 'pg', 'pg-cursor', 'node:fs', 'node:fs/promises', 'node:net', 'node:tls', 'node:child_process', 'node:http', 'node:https'],
    layers: ['postgres', 'platform', 'features', 'files', 'localServer', 'testers', 'protocol'],
  }),
  layer(['src/postgres/**/*.ts', 'src/testers/**/*.ts', 'src/files/**/*.ts', 'src/localServer/**/*.ts'], 'this layer is plain Node: the VS Code layer passes in what it needs', {
    modules: ['vscode'],
    layers: ['platform', 'features'],
  }),
  layer(['src/protocol/**/*.ts'], 'the protocol is shared by host and webview: plain types, schemas and texts', {
    modules: ['vscode'],
    layers: ['postgres', 'platform', 'features', 'files', 'localServer', 'testers'],
  }),
  layer(['src/platform/**/*.ts'], 'platform imports no feature: features register into it (commands, node kinds, Services)', { layers: ['features'] }),
  layer(['src/features/**/*Controller.ts'], "a panel's controller stays testable in plain Node: the panel glue passes in what it needs", { modules: ['vscode'] }),
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews talk to the host by message only.' }],
          patterns: [
            { group: ['@vscode/webview-ui-toolkit'], message: 'Use the toolkit only through webview/toolkit.' },
            { regex: '^(\\.\\./)+src/(?!protocol/)', message: 'A webview imports only src/protocol and webview/: re-export what it needs through its protocol module.' },
          ],
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
