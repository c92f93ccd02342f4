// ESLint for the TypeScript sources: typescript-eslint's recommended and
// type-checked rules, minus the few that fight deliberate patterns (noted
// per rule). Formatting is Prettier's job (.prettierrc.json), not ESLint's.
// The rules stay on in full in server/src and client/src; tests and the bench
// relax only what reading untyped JSON or faking async interfaces needs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.test-artifacts/',
      '.scratch/',
      'examples/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    // A disable comment that no longer suppresses anything is itself an error, so none outlive their reason.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore says "deliberately unused": a parameter an interface imposes, or a
      // property taken out of an object so that `...rest` holds the others.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Passing on what another promise rejected with (typed unknown) invents no non-Error reason.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // The custom protocol follows vscode-languageserver's own shape (`XRequest.type`, `XRequest.method`):
    // one documented namespace per message, which is what clients of the protocol expect to read.
    files: ['server/src/protocol.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests and the bench read untyped JSON on purpose: the CLI's --format json/sarif output, JSON-RPC
      // answers, package.json and the schemas (and grammar.test.ts drives vscode-textmate, loaded untyped
      // from vscode-tmgrammar-test's folder). Asserting on their fields is the test; typing every shape
      // again would only restate what the assertions already check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Fakes implement the core's async interfaces (workspace reads, connection sends) with
      // synchronous bodies; `async` keeps their contract (a throw becomes a rejection).
      '@typescript-eslint/require-await': 'off',
      // Such parsed data (runJson's --format json output, the README's TOML block) is `any`, as
      // JSON.parse's result is.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
