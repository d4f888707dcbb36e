// Lint rules. The one that matters most: shared/ is the platform-free core and must run
// in Apps Script V8, browsers and Node alike, so it may not reach for any host API.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const hostOnlyGlobals = [
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'fetch',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'process',
  'require',
  'Buffer',
  'window',
  'document',
  'UrlFetchApp',
  'Office',
  'Excel',
  'OfficeRuntime',
  'CustomFunctions',
].map((name) => ({
  name,
  message: `shared/ is platform-free: ${name} is a host API; take it from a driver.`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.generated.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...hostOnlyGlobals],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'path',
            'http',
            'https',
            'os',
            'url',
            'util',
            'crypto',
            'child_process',
            'net',
            'tls',
            'buffer',
          ],
          patterns: ['node:*'],
        },
      ],
    },
  },
  {
    // gas/ runs in Apps Script V8: ECMAScript, Intl and Apps Script's services, nothing else.
    files: ['gas/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        ...hostOnlyGlobals
          .filter((g) => g.name !== 'UrlFetchApp')
          .map(({ name }) => ({
            name,
            message: `gas/ runs in Apps Script, which has no ${name}.`,
          })),
      ],
      'no-restricted-imports': [
        'error',
        { paths: ['fs', 'path', 'http', 'https', 'url', 'crypto', 'zlib'], patterns: ['node:*'] },
      ],
    },
  },
  {
    files: ['excel-addin/**/*.ts', 'test/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
