/**
 * One lint config for the whole repo (ESLint 8 + @typescript-eslint 7). Formatting is prettier's job
 * (eslint-config-prettier turns the overlapping rules off). A rule may be switched off for one line with
 * `// eslint-disable-next-line <rule> -- <why>`; unused disable comments are errors.
 */
const fs = require('fs')
const path = require('path')

/*
 * Boundaries (issue 12): which way imports go, enforced here. Each zone is a folder; a file's forbidden
 * imports are written as @typescript-eslint/no-restricted-imports patterns on the import specifier. A
 * relative specifier is matched by how far it climbs: a file `depth` folders below a zone's root reaches
 * that root's parent with `'../'.repeat(depth)`, so one override per zone and depth says exactly which
 * sibling folders are out of bounds (`../B` from src/features/A/x.ts is feature B; from
 * src/features/A/components/x.tsx it is A's own folder). Aliases (@/…, @server/…) are matched as written.
 * Tests (*.test.ts[x]), e2e/, bench/ and testing/ may import anything (the last override).
 * scripts/boundaries.test.ts plants one violation per rule and expects these messages.
 */
const BOUNDARY = {
  core: 'Boundary: core/ is the ground floor and imports nothing outside core/ (no server/, testing/, cloudfunctions/, local-cloud/, scripts/, src/, wx-server-sdk).',
  client:
    'Boundary: the mini-program (src/) never imports server code (server/, testing/, cloudfunctions/, local-cloud/, scripts/, wx-server-sdk); types come from @core/contract.',
  feature:
    'Boundary: a feature never imports another feature; move what both need to src/lib or src/components, or compose the two in a page.',
  fn: "Boundary: a cloud function never imports another function's folder; shared server code lives in server/, calls between functions go through the contract.",
  server:
    'Boundary: server/ never imports cloudfunctions/ or src/ (functions and the phone build on server/ and core/, not the reverse).',
}
/** how deep below a zone's root files are checked (src/features/A/components/x.tsx is 4 below src/) */
const MAX_DEPTH = 6
const up = (n) => '../'.repeat(n)
const dirsIn = (rel) =>
  fs.existsSync(path.join(__dirname, rel))
    ? fs
        .readdirSync(path.join(__dirname, rel), { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
        .map((d) => d.name)
    : []
/** the folder itself and everything under it */
const both = (p) => [p, `${p}/**`]
/** files exactly `depth` folders below `root` (depth 1: root/x.ts) */
const filesAt = (root, depth) => [
  `${root}/${'*/'.repeat(depth - 1)}*.ts`,
  `${root}/${'*/'.repeat(depth - 1)}*.tsx`,
]
const TOP_LEVEL = fs.readdirSync(__dirname).filter((n) => !n.startsWith('.') && n !== 'node_modules')
const SERVER_SIDE = ['server', 'testing', 'cloudfunctions', 'local-cloud', 'scripts']

/** src/: the phone. Types only from the contract (its schemas are server code), nothing server-side. */
function clientRestrictions(depth) {
  return {
    paths: [
      {
        name: '@core/contract',
        message: 'The client imports types only from the contract (its schemas are server code).',
        allowTypeImports: true,
      },
      { name: 'zod', message: 'Validation runs in the cloud functions, not on the phone.' },
      { name: 'wx-server-sdk', message: BOUNDARY.client },
    ],
    patterns: [
      {
        group: ['@core/contract/*', '**/core/contract/*'],
        message: 'Import types from @core/contract.',
        allowTypeImports: true,
      },
      {
        group: [
          ...SERVER_SIDE.flatMap((t) => both(`${up(depth)}${t}`)),
          ...['@server', '@testing'].flatMap(both),
          '**/cloudfunctions/**',
          '**/local-cloud/**',
        ],
        message: BOUNDARY.client,
      },
    ],
  }
}

function boundaryOverrides() {
  const out = []
  const rule = (files, options) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', options] },
  })
  for (let d = 1; d <= MAX_DEPTH; d++) {
    out.push(
      rule(filesAt('core', d), {
        paths: [{ name: 'wx-server-sdk', message: BOUNDARY.core }],
        patterns: [
          {
            group: [
              ...TOP_LEVEL.filter((t) => t !== 'core').flatMap((t) => both(`${up(d)}${t}`)),
              ...['@', '@server', '@testing'].flatMap(both),
            ],
            message: BOUNDARY.core,
          },
        ],
      }),
      rule(filesAt('server', d), {
        patterns: [
          {
            group: [...['cloudfunctions', 'src'].flatMap((t) => both(`${up(d)}${t}`)), ...both('@')],
            message: BOUNDARY.server,
          },
        ],
      }),
      rule(filesAt('src', d), clientRestrictions(d)),
    )
  }
  const features = dirsIn('src/features')
  for (const own of features) {
    for (let k = 1; k + 2 <= MAX_DEPTH; k++) {
      const others = features.filter((f) => f !== own)
      const base = clientRestrictions(k + 2)
      out.push(
        rule(filesAt(`src/features/${own}`, k), {
          paths: base.paths,
          patterns: [
            ...base.patterns,
            {
              group: others.flatMap((f) => [...both(`${up(k)}${f}`), ...both(`**/features/${f}`)]),
              message: BOUNDARY.feature,
            },
          ],
        }),
      )
    }
  }
  const functions = dirsIn('cloudfunctions')
  for (const own of functions) {
    for (let k = 1; k + 1 <= MAX_DEPTH; k++) {
      const others = functions.filter((f) => f !== own)
      out.push(
        rule(filesAt(`cloudfunctions/${own}`, k), {
          patterns: [
            {
              group: others.flatMap((f) => [...both(`${up(k)}${f}`), ...both(`**/cloudfunctions/${f}`)]),
              message: BOUNDARY.fn,
            },
          ],
        }),
      )
    }
  }
  // Tests, e2e, benches and test support may import anything.
  out.push({
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**', 'testing/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  })
  return out
}

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
      // The mini-program: browser globals (its import boundaries are in boundaryOverrides()).
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      env: { browser: true, node: false },
      globals: { process: 'readonly', defineAppConfig: 'readonly', definePageConfig: 'readonly' },
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
    {
      // A collection is named once, in its declaration (core/contract/<ctx>.collections.ts); server code and
      // scripts reach it through from(db, spec) or spec.name (issue 12). Tests may name raw collections.
      files: ['server/**/*.ts', 'cloudfunctions/**/*.ts', 'scripts/**/*.ts'],
      excludedFiles: ['**/*.test.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector:
              "CallExpression[callee.property.name=/^(collection|insertMany)$/][arguments.0.type='Literal']",
            message:
              'Name a collection through its declaration: from(db, spec) or spec.name, never a string.',
          },
        ],
      },
    },
    {
      // Calls between functions go through server/call.ts (typed from the contract, validated by the
      // callee's router); no raw cloud.callFunction elsewhere in server code (issue 12 item 3).
      files: ['server/**/*.ts', 'cloudfunctions/**/*.ts'],
      excludedFiles: ['server/call.ts', '**/*.test.ts'],
      rules: {
        'no-restricted-properties': [
          'error',
          {
            property: 'callFunction',
            message:
              "Call another function with callAction(cloud, fn, action, input) from server/call.ts (typed from the contract, validated by the callee's router).",
          },
        ],
      },
    },
    // Keep these last. An override that sets a rule replaces that rule's options for its files, so other
    // blocks must not set @typescript-eslint/no-restricted-imports (use no-restricted-syntax or
    // no-restricted-properties instead), or they would undo the boundaries for the files they match.
    ...boundaryOverrides(),
  ],
}
