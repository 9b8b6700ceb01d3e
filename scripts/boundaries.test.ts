/**
 * The import boundaries in .eslintrc.js (issue 12): one planted violation per rule fails with that rule's
 * message, and the legal imports next to it pass. Nothing is written: ESLint's `lintText` lints the source
 * as if it were at `filePath`, so the repo's own config (the one `npm run lint` uses) decides.
 */
import { ESLint } from 'eslint'
import { existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const eslint = new ESLint({ cwd: root })

const RULE = '@typescript-eslint/no-restricted-imports'
const MESSAGE = {
  core: 'Boundary: core/ is the ground floor',
  client: 'Boundary: the mini-program (src/) never imports server code',
  feature: 'Boundary: a feature never imports another feature',
  fn: "Boundary: a cloud function never imports another function's folder",
  server: 'Boundary: server/ never imports cloudfunctions/ or src/',
}

/** The boundary messages ESLint reports for `code` placed at `file` (repo-relative). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message)
}

async function expectViolation(rule: keyof typeof MESSAGE, file: string, code: string) {
  const errors = await boundaryErrors(file, code)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(MESSAGE[rule])
}

async function expectLegal(file: string, code: string) {
  expect(await boundaryErrors(file, code)).toEqual([])
}

// The feature and function rules are written per existing folder; these must exist.
test.each([
  'src/features/stations',
  'src/features/activities',
  'cloudfunctions/stations',
  'cloudfunctions/activities',
])('%s exists (the planted imports below need it)', (dir) => {
  expect(existsSync(path.join(root, dir))).toBe(true)
})

describe('core/ imports nothing outside core/', () => {
  test.each([
    ['core/planted.ts', "export { from } from '../server/db'"],
    ['core/contract/planted.ts', "export { from } from '../../server/db'"],
    ['core/contract/planted.ts', "export { startTestCloud } from '../../testing/function-cloud'"],
    ['core/contract/planted.ts', "export * from '../../cloudfunctions/stations/src/handlers/get'"],
    ['core/activities/planted.ts', "export * from '../../local-cloud/src/cli'"],
    ['core/planted.ts', "export * from '../scripts/seed'"],
    ['core/planted.ts', "export * from '@/lib/api'"],
    ['core/planted.ts', "import cloud from 'wx-server-sdk'\nexport { cloud }"],
  ])('%s: %s fails', (file, code) => expectViolation('core', file, code))

  test('imports inside core and of packages pass', () =>
    expectLegal(
      'core/contract/planted.ts',
      "import type { Unit } from '../domain'\nimport { collection } from './collection'\nimport * as z from 'zod'\nexport { collection, z }\nexport type { Unit }",
    ))
})

describe('src/ never imports server code', () => {
  test.each([
    ['src/lib/planted.ts', "export { from } from '../../server/db'"],
    ['src/features/stations/components/planted.tsx', "export * from '../../../../testing/clock'"],
    ['src/pages/index/planted.tsx', "export * from '../../../cloudfunctions/stations/src/handlers/get'"],
    ['src/planted.ts', "export * from '../local-cloud/src/cli'"],
    ['src/lib/planted.ts', "export * from '../../scripts/seed'"],
    ['src/lib/planted.ts', "import cloud from 'wx-server-sdk'\nexport { cloud }"],
  ])('%s: %s fails', (file, code) => expectViolation('client', file, code))

  test('contract types, src/lib and own files pass', () =>
    expectLegal(
      'src/features/stations/components/planted.tsx',
      "import type { StationSummary } from '@core/contract'\nimport { formatDistance } from '../format-distance'\nimport { api } from '@/lib/api'\nexport { api, formatDistance }\nexport type { StationSummary }",
    ))
})

describe('no feature imports another feature', () => {
  test.each([
    ['src/features/stations/planted.ts', "export * from '@/features/activities/format'"],
    ['src/features/stations/planted.ts', "export * from '../activities/format'"],
    ['src/features/stations/components/planted.tsx', "export * from '../../activities/format'"],
    ['src/features/stations/components/planted.tsx', "export * from '../../../features/activities'"],
  ])('%s: %s fails', (file, code) => expectViolation('feature', file, code))

  test('a page may compose features', () =>
    expectLegal(
      'src/pages/index/planted.tsx',
      "export * from '@/features/activities/format'\nexport * from '../../features/stations/format-distance'",
    ))
})

describe('one cloud function never imports another function', () => {
  test.each([
    [
      'cloudfunctions/stations/src/handlers/planted.ts',
      "export * from '../../../activities/src/handlers/get'",
    ],
    ['cloudfunctions/stations/src/planted.ts', "export * from '../../activities/src/index'"],
    [
      'cloudfunctions/stations/src/planted.ts',
      "export * from '../../../cloudfunctions/activities/src/index'",
    ],
  ])('%s: %s fails', (file, code) => expectViolation('fn', file, code))

  test('its own folder, server/ and core/ pass', () =>
    expectLegal(
      'cloudfunctions/stations/src/handlers/planted.ts',
      "export { from } from '../../../../server/db'\nexport * from '../../../../core/errors'\nexport * from './units'\nexport * from '../index'",
    ))
})

describe('server/ never imports cloudfunctions/ or src/', () => {
  test.each([
    ['server/planted.ts', "export * from '../cloudfunctions/stations/src/index'"],
    ['server/planted.ts', "export * from '../src/lib/api'"],
    ['server/planted.ts', "export * from '@/lib/api'"],
  ])('%s: %s fails', (file, code) => expectViolation('server', file, code))

  test('core/ and server/ pass', () =>
    expectLegal('server/planted.ts', "export * from '../core/errors'\nexport { from } from './db'"))
})

describe('tests, e2e, benches and test support may import anything', () => {
  test.each([
    'src/features/stations/planted.test.ts',
    'core/planted.test.ts',
    'cloudfunctions/stations/src/planted.test.ts',
    'e2e/planted.ts',
    'bench/planted.ts',
    'testing/planted.ts',
  ])('%s', (file) =>
    expectLegal(
      file,
      "export * from '../cloudfunctions/activities/src/index'\nexport * from '@/features/activities/format'\nexport * from '../server/db'",
    ),
  )
})

describe('a collection is named only by its declaration', () => {
  const SYNTAX = 'no-restricted-syntax'
  async function syntaxErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
    return (result?.messages ?? []).filter((m) => m.ruleId === SYNTAX).map((m) => m.message)
  }
  const literal = "export const f = (db: { collection(n: string): unknown }) => db.collection('units')\n"
  const declared =
    "import { units } from '../../../core/contract/stations.collections'\n" +
    'export const f = (db: { collection(n: string): unknown }) => db.collection(units.name)\n'

  test.each(['cloudfunctions/stations/src/planted.ts', 'server/planted.ts', 'scripts/planted.ts'])(
    'a string literal fails in %s',
    async (file) => {
      expect(await syntaxErrors(file, literal)).toEqual([expect.stringContaining('through its declaration')])
    },
  )

  test('the declaration passes, and tests may seed raw collections', async () => {
    expect(await syntaxErrors('cloudfunctions/stations/src/planted.ts', declared)).toEqual([])
    expect(await syntaxErrors('cloudfunctions/stations/src/planted.test.ts', literal)).toEqual([])
  })
})
