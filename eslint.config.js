// Lint: correctness rules from typescript-eslint (type-aware where it pays: floating promises) and
// the import boundaries of the house — the core imports no platform library, no infrastructure and
// no adapter; adapters reach the core only through its ports, types and errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PLATFORM_LIBS = ['grammy', '@grammyjs/*', 'discord.js', '@discordjs/*'];
const INFRA_LIBS = [
  'keyv',
  '@keyv/*',
  'ioredis',
  'redis',
  'pg',
  'sqlite3',
  'node:http',
  'node:https',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.ci-out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: PLATFORM_LIBS, message: 'The core never imports a platform library.' },
            {
              group: INFRA_LIBS,
              message: 'The core reaches infrastructure only through core/ports.ts.',
            },
            {
              group: [
                '**/adapters/**',
                '**/store.ts',
                '**/config.ts',
                '**/main.ts',
                '**/app.ts',
                '**/log.ts',
              ],
              message:
                'The core imports no adapter and no infrastructure; they depend on the core.',
            },
            {
              group: ['pino'],
              allowTypeImports: true,
              message: 'The core takes its logger from outside (type import only).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/*',
                '**/core/**',
                '!**/core/ports.ts',
                '!**/core/types.ts',
                '!**/core/errors.ts',
                '!**/core/queue.ts',
              ],
              message: 'Adapters use only the core ports, types, errors and the keyed queue.',
            },
            {
              group: ['**/store.ts', '**/main.ts', '**/app.ts'],
              message: 'Adapters get their collaborators from main.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
