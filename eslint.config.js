// ESLint flat config: typescript-eslint's recommended rules on every TypeScript file; zero warnings allowed (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Files allowed to reach into another module's internals: none (issue 16 emptied it). Do not add to it: export what
// you need from the neighbour's index.ts, or move shared code to server/platform, server/domain or server/projections.
const BOUNDARY_DEBTS = [];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'data/**', 'data-*/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bin/phaseout'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Module boundaries (issue #16): a module (server/modules/<area>/) imports another module only through its public
  // `index.ts`; shared helpers live in server/platform, server/domain or server/projections. The files listed in
  // BOUNDARY_DEBTS is empty: every module reaches its neighbours through their index.ts.
  {
    files: ['server/modules/*/*.ts'],
    ignores: BOUNDARY_DEBTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)',
              message:
                'import another module through its index.ts (server/modules/<area>/index.ts), or move the shared code to server/platform, server/domain or server/projections',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/modules/*/*/**/*.ts'],
    ignores: BOUNDARY_DEBTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)',
              message:
                'import another module through its index.ts (server/modules/<area>/index.ts), or move the shared code to server/platform, server/domain or server/projections',
            },
          ],
        },
      ],
    },
  },
);
