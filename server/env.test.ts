/**
 * server/env.ts: one schema of the functions' variables, a readable bilingual error naming each bad one,
 * parsed when a call begins; and .env.example lists every variable any part of the project reads.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { stations } from '../core/contract/stations'
import { parseServerEnv, SERVER_ENV, ServerEnvError, serverEnv } from './env'
import { createMain } from './router'
import type { Cloud, OpenApi } from './types'

const ROOT = resolve(__dirname, '..')

test('values are parsed: trimmed, numbers as numbers, unset or empty as absent', () => {
  expect(
    parseServerEnv({
      MINIPROGRAM_STATE: ' trial ',
      NOTIFY_SEND_LEASE_MS: '500',
      REGISTRATION_LEASE_MS: '',
      CRASH_POINTS_FILE: '/tmp/x',
      UNRELATED: 'whatever',
    }),
  ).toEqual({ MINIPROGRAM_STATE: 'trial', NOTIFY_SEND_LEASE_MS: 500, CRASH_POINTS_FILE: '/tmp/x' })
  expect(parseServerEnv({})).toEqual({})
})

test('each wrong value is named with what it should be, in Chinese and English', () => {
  let error: unknown
  try {
    parseServerEnv({
      MINIPROGRAM_STATE: 'production',
      NOTICES_BATCH_BUDGET_MS: '-5',
      REGISTRATION_LEASE_MS: '1.5s',
    })
  } catch (err) {
    error = err
  }
  expect(error).toBeInstanceOf(ServerEnvError)
  const { message, problems } = error as ServerEnvError
  expect(problems).toHaveLength(3)
  expect(message).toContain('云函数环境变量有误 / invalid cloud function environment variables')
  expect(message).toContain(
    '环境变量 MINIPROGRAM_STATE 应为 developer（开发版）、trial（体验版）或 formal（正式版），现为「production」',
  )
  expect(message).toContain('MINIPROGRAM_STATE must be developer, trial or formal, got "production"')
  expect(message).toContain('NOTICES_BATCH_BUDGET_MS 应为 正整数（毫秒），现为「-5」')
  expect(message).toContain(
    'REGISTRATION_LEASE_MS must be a positive whole number of milliseconds, got "1.5s"',
  )
})

test('serverEnv parses once and again only when a variable changed', () => {
  const raw = { NOTIFY_SEND_LEASE_MS: '700' }
  const first = serverEnv(raw)
  expect(serverEnv({ ...raw })).toBe(first)
  expect(serverEnv({ NOTIFY_SEND_LEASE_MS: '800' }).NOTIFY_SEND_LEASE_MS).toBe(800)
})

test('a call to a function with a wrong variable is refused before any work, and the log names it', async () => {
  const saved = process.env.MINIPROGRAM_STATE
  process.env.MINIPROGRAM_STATE = 'beta'
  const database = jest.fn()
  const cloud = { getWXContext: () => ({ OPENID: 'o1', SOURCE: 'wx_client' }), database } as unknown as Cloud
  const handler = jest.fn()
  const main = createMain(
    'stations',
    stations,
    { nearby: handler, list: handler, get: handler },
    { cloud, openapi: {} as OpenApi },
  )
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    await expect(main({ action: 'list', input: {} })).resolves.toEqual({
      ok: false,
      code: 'INTERNAL',
      message: '服务配置有误，请联系管理员',
    })
    expect(String(error.mock.calls[0]![0])).toMatch(/\[stations\].*MINIPROGRAM_STATE 应为 .*现为「beta」/s)
    expect(database).not.toHaveBeenCalled()
    expect(handler).not.toHaveBeenCalled()
  } finally {
    error.mockRestore()
    if (saved === undefined) delete process.env.MINIPROGRAM_STATE
    else process.env.MINIPROGRAM_STATE = saved
  }
})

// --- .env.example lists every variable ----------------------------------------------------------------

const SCANNED = [
  'src',
  'config',
  'server',
  'cloudfunctions',
  'core',
  'scripts',
  'local-cloud/src',
  'testing',
  'bench',
  'e2e',
]
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-h5', '.cache'])

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith('.')) sourceFiles(path, out)
    } else if (/\.(ts|tsx|js|cjs|mjs)$/.test(name)) {
      // a function's built bundle (cloudfunctions/<fn>/index.js) holds the SDK's own reads
      if (/^cloudfunctions\/[^/]+\/index\.js$/.test(relative(ROOT, path))) continue
      out.push(path)
    }
  }
  return out
}

/** Every `process.env.NAME` / `process.env['NAME']` read, with where it is. */
export function envReads(files: string[]): Map<string, string> {
  const reads = new Map<string, string>()
  const pattern = /process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"`]([A-Za-z_][A-Za-z0-9_]*)['"`]\s*\])/g
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(pattern)) {
      const name = m[1] ?? m[2]!
      if (!reads.has(name)) reads.set(name, relative(ROOT, file))
    }
  }
  return reads
}

function listed(): Set<string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8')
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!))
}

test('.env.example lists every variable read anywhere, and every variable of the server schema', () => {
  const reads = envReads(SCANNED.flatMap((d) => sourceFiles(join(ROOT, d))).filter((f) => f !== __filename))
  expect(reads.size).toBeGreaterThan(20) // the scan finds what is there
  const names = listed()
  const missing = [...reads]
    .filter(([name]) => !names.has(name))
    .map(([name, file]) => `${name} (read in ${file})`)
  missing.push(
    ...Object.keys(SERVER_ENV)
      .filter((name) => !names.has(name))
      .map((n) => `${n} (server/env.ts)`),
  )
  expect(missing).toEqual([])
})

test('the scan finds a read in either form (so a missing line would fail the test above)', () => {
  const reads = envReads([__filename])
  // the two lines below are what the scan must recognise
  expect(reads.has('PLANTED_DOT_FORM') && reads.has('PLANTED_BRACKET_FORM')).toBe(true)
  expect(listed().has('PLANTED_DOT_FORM')).toBe(false)
})
// process.env.PLANTED_DOT_FORM  process.env['PLANTED_BRACKET_FORM']
