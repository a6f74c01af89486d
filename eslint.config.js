// Lint: type-aware typescript-eslint, plus the React hooks rules on the browser code. `npm run lint`
// runs it with --max-warnings=0, so a rule here is an error or off: a warning nobody fails on is noise.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // One program for the whole tree (tsconfig.json: client + server + models + tests) — one type
      // check instead of one per project, which is what keeps a type-aware run affordable.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Real bugs: a promise nobody awaits loses its rejection; an async callback where a void one is
      // expected (setTimeout, an event handler) drops it. `void p` marks a deliberate fire-and-forget.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // Unused bindings are dead code; a leading underscore marks a deliberately unused one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Joining an array into a message (`${[x, y]}`) is deliberate; objects and unknowns still fail.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true, allowArray: true }],
      // Every hit was String(v) on a value narrowed from `unknown` (pg rows, query strings, event
      // details): deliberate; objects in template literals are caught by restrict-template-expressions.
      '@typescript-eslint/no-base-to-string': 'off',
      // The code uses comma sequences as terse statements (`if (x) (a = 1), (b = 2)`, parallel column
      // pushes); the rule flags exactly those and nothing else in this tree.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/e2e/**'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler rules we do not follow (no compiler in the build). The scene creates three.js
      // materials/geometries/attributes in useMemo and mutates them every frame in useFrame — by design,
      // so that a frame allocates nothing and renders no React.
      'react-hooks/immutability': 'off',
      // Flags useMemo(factory, []) for not being an inline arrow: compiler bookkeeping, not a bug.
      'react-hooks/use-memo': 'off',
      // Flags resetting state at the start of a fetch effect (loading / null before the request): one
      // extra render, the data-loading pattern used throughout the panels.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['server/**/*.{ts,mjs}', 'client/e2e/**', '*.config.{ts,js}', '**/*.test.{ts,tsx}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests read JSON bodies and socket payloads, typed `any`, and assert on them; the assertions are
    // the check, so the no-unsafe-* family would only demand casts.
    files: ['**/*.test.{ts,tsx}', 'client/e2e/**', 'server/testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (the import worker's entry, this file) is in no TypeScript project.
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
