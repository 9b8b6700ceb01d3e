/**
 * callAction from inside a running function: the call goes through the callee's own router on the local
 * cloud (validation, role check, identity), and its types come from the contract. A relay function built
 * here calls stations/users through server/call.ts; the callees are the real built functions.
 */
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Result } from '../core/errors'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { startTestCloud, type TestCloud } from '../testing/function-cloud'
import { callAction, callActionOk } from './call'
import type { Cloud } from './types'

const ROOT = resolve(__dirname, '..')
let dir: string
let t: TestCloud

beforeAll(async () => {
  // Under the repo so the relay's require('wx-server-sdk') resolves to the repo's node_modules.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true })
  dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'call-test-'))
  const entry = join(dir, 'relay-src.ts')
  writeFileSync(
    entry,
    `import cloud from 'wx-server-sdk'
import { callAction, callActionOk } from ${JSON.stringify(join(ROOT, 'server', 'call'))}
import { initCloud } from ${JSON.stringify(join(ROOT, 'server', 'init'))}
initCloud(cloud)
export async function main(event: { how: string; fn: never; action: never; input: never }) {
  if (event.how === 'ok') {
    try {
      return { threw: false, data: await callActionOk(cloud, event.fn, event.action, event.input) }
    } catch (err) {
      const e = err as { name: string; code: string; message: string }
      return { threw: true, name: e.name, code: e.code, message: e.message }
    }
  }
  return callAction(cloud, event.fn, event.action, event.input)
}
`,
  )
  mkdirSync(join(dir, 'relay'))
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'relay', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'error',
  })
  writeFileSync(join(dir, 'relay', 'config.json'), '{ "timeout": 10 }')
  for (const fn of ['stations', 'users']) symlinkSync(join(ROOT, 'cloudfunctions', fn), join(dir, fn))
  t = await startTestCloud({ functionsDir: dir })
}, 60_000)

afterAll(async () => {
  await t?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// The relay is not a contract function, so the local cloud is called directly.
const viaRelay = (openid: string | null, event: Record<string, unknown>) =>
  t.cloud.callFunction('relay', event, openid === null ? null : { openid, appid: 'wx-test-app' })

test("a valid call answers the callee's data", async () => {
  const res = (await viaRelay(DEMO_IDENTITIES.resident, {
    fn: 'stations',
    action: 'get',
    input: { id: DEMO_IDS.firstStation },
  })) as Result<{ unit: { _id: string } }>
  expect(res).toMatchObject({ ok: true, data: { unit: { _id: DEMO_IDS.firstStation } } })
})

test("the callee's router validates the input, with its Chinese message", async () => {
  const res = await viaRelay(DEMO_IDENTITIES.resident, { fn: 'stations', action: 'get', input: { id: '' } })
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { id: '缺少站点编号' } })
})

test('the callee runs as the same person (its role check applies to them)', async () => {
  const res = await viaRelay(DEMO_IDENTITIES.stationManager, { fn: 'users', action: 'me', input: {} })
  expect(res).toMatchObject({ ok: true, data: { openid: DEMO_IDENTITIES.stationManager } })
  expect((res as { data: { managedUnitIds: string[] } }).data.managedUnitIds.length).toBeGreaterThan(0)
})

test('callActionOk passes a refusal on as an AppError with the same code and message', async () => {
  const res = await viaRelay(DEMO_IDENTITIES.resident, {
    how: 'ok',
    fn: 'stations',
    action: 'get',
    input: { id: 'no-such-station' },
  })
  expect(res).toEqual({
    threw: true,
    name: 'AppError',
    code: 'NOT_FOUND',
    message: '没有找到这个站点，可能已撤销或二维码有误',
  })
})

test('a call with no user (as from a timer or an outside caller) is refused by the callee', async () => {
  const res = await viaRelay(null, { fn: 'stations', action: 'get', input: { id: DEMO_IDS.firstStation } })
  expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
})

test('an unknown action is refused by the callee', async () => {
  expect(
    await viaRelay(DEMO_IDENTITIES.resident, { fn: 'stations', action: 'noSuch', input: {} }),
  ).toMatchObject({
    ok: false,
    code: 'UNKNOWN_ACTION',
  })
})

// Types only (never run): input and output come from the contract.
export async function typed(cloud: Cloud): Promise<void> {
  const res = await callAction(cloud, 'stations', 'get', { id: 'u-1' })
  if (res.ok) res.data.unit.name.toUpperCase()
  const me = await callActionOk(cloud, 'users', 'me', {})
  me.managedUnitIds.map((id) => id.length)
  // @ts-expect-error the input must match the contract
  await callAction(cloud, 'stations', 'get', { id: 1 })
  // @ts-expect-error an action the function does not have
  await callAction(cloud, 'stations', 'noSuch', {})
  // @ts-expect-error the output is typed: a StationDetail has no `stations`
  ;(await callActionOk(cloud, 'stations', 'get', { id: 'u-1' })).stations
}

test('lint refuses a raw cloud.callFunction in server code and functions, but not in server/call.ts', async () => {
  const { ESLint } = await import('eslint')
  const eslint = new ESLint({ cwd: ROOT })
  const code =
    "import type { Cloud } from '../../../server/types'\nexport const f = (cloud: Cloud) => cloud.callFunction({ name: 'notices', data: {} })\n"
  const rulesHit = async (filePath: string) =>
    (await eslint.lintText(code, { filePath: join(ROOT, filePath) }))[0]!.messages.map((m) => m.ruleId)
  expect(await rulesHit('cloudfunctions/stations/src/planted.ts')).toContain('no-restricted-properties')
  expect(await rulesHit('server/planted.ts')).toContain('no-restricted-properties')
  expect(await rulesHit('server/call.ts')).not.toContain('no-restricted-properties')
}, 60_000)
