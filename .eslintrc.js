/**
 * One lint config for the whole repo (ESLint 8 + @typescript-eslint 7). Formatting is prettier's job
 * (eslint-config-prettier turns the overlapping rules off). A rule may be switched off for one line with
 * `// eslint-disable-next-line <rule> -- <why>`; unused disable comments are errors.
 */
module.exports = {
  root: true,
  reportUnusedDisableDirectives: true,
  env: { es2022: true, node: true },
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react', 'react-hooks'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react/recommended',
    'plugin:react/jsx-runtime',
    'plugin:react-hooks/recommended',
    'prettier',
  ],
  settings: { react: { version: '18.3' } },
  rules: {
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
    ],
    '@typescript-eslint/no-explicit-any': 'error',
    '@typescript-eslint/consistent-type-imports': [
      'error',
      { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
    ],
    // `string & {}` keeps literal completions on an open string union (core/errors ErrorCode)
    '@typescript-eslint/ban-types': ['error', { extendDefaults: true, types: { '{}': false } }],
    // one rule for require(), named as in @typescript-eslint 8 (which drops no-var-requires)
    '@typescript-eslint/no-var-requires': 'off',
    '@typescript-eslint/no-require-imports': 'error',
    'no-var': 'error',
    'prefer-const': 'error',
    eqeqeq: ['error', 'always', { null: 'ignore' }],
  },
  overrides: [
    {
      files: ['*.js', '*.cjs'],
      rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
    {
      // The mini-program: browser globals; nothing from the server side ships to the phone.
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      env: { browser: true, node: false },
      globals: { process: 'readonly', defineAppConfig: 'readonly', definePageConfig: 'readonly' },
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: [
              {
                name: '@core/contract',
                message: 'The client imports types only from the contract (its schemas are server code).',
                allowTypeImports: true,
              },
              { name: 'zod', message: 'Validation runs in the cloud functions, not on the phone.' },
              { name: 'wx-server-sdk', message: 'Server SDK: cloud functions only.' },
            ],
            patterns: [
              {
                group: ['@core/contract/*', '**/core/contract/*'],
                message: 'Import types from @core/contract.',
                allowTypeImports: true,
              },
              {
                group: ['@server/*', '**/server/*', '**/cloudfunctions/**', '**/local-cloud/**'],
                message: 'Server code.',
              },
            ],
          },
        ],
      },
    },
    {
      files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', '**/test/**/*.ts'],
      env: { jest: true },
    },
    {
      // page.evaluate callbacks run in the browser
      files: ['e2e/**/*.ts'],
      env: { browser: true },
    },
  ],
}
