import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Import boundaries (STYLE.md example 7): shared/ imports neither side; the renderer never
// imports main or Node; only src-main/hosts/electron imports `electron`, and only ipc.ts and
// preload.ts touch the raw IPC objects.
const noElectron = {
  name: 'electron',
  message: 'Only src-main/hosts/electron may import electron.',
};
const mainSide = {
  group: ['**/src-main/**'],
  message: 'The renderer and shared/ never import src-main.',
};
const rendererSide = {
  group: ['**/src-renderer/**'],
  message: 'Main and shared/ never import the renderer.',
};
const nodeBuiltins = { group: ['node:*'], message: 'No Node APIs here: go through the contract.' };
// A hex, rgb() or hsl() colour in a string or template literal.
const colourPattern = '/#[0-9a-fA-F]{3,8}\\b|\\b(rgb|hsl)a?\\(/';
const colourMessage = 'Use a Fluent theme token (tokens.color…), not a colour of its own.';
const colourLiterals = [
  { selector: `Literal[value=${colourPattern}]`, message: colourMessage },
  { selector: `TemplateElement[value.raw=${colourPattern}]`, message: colourMessage },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its destructured first parameter, so a
    // fixture with none must destructure `{}`.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [mainSide, nodeBuiltins] },
      ],
      // Every colour comes from the theme's tokens (light, dark and high contrast), so none is
      // written out (issue 12).
      'no-restricted-syntax': ['error', ...colourLiterals],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [mainSide, rendererSide, nodeBuiltins] },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts', 'e2e/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src-main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [rendererSide] }],
    },
  },
  {
    files: ['src-main/hosts/electron/**/*.ts'],
    ignores: [
      'src-main/hosts/electron/ipc.ts',
      'src-main/hosts/electron/preload.ts',
      'src-main/hosts/electron/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message:
                'Cross the boundary only through ipc.ts (main) and preload.ts (renderer), derived from the contract.',
            },
          ],
          patterns: [rendererSide],
        },
      ],
    },
  },
);
