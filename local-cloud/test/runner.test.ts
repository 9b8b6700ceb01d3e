import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writer } from 'protobufjs/minimal'
import { CloudHttpServer } from '../src/server'
import {
  FunctionError,
  FunctionRunner,
  functionsAdminHandler,
  openApiPermissionGuard,
  type InvocationContext,
} from '../src/runner'
import { FIXTURE_FUNCTIONS, loadSdk, pointSdkAt, rejection, type WxServerSdk } from './helpers'

const ENV_ID = 'runner-test-env'
const APPID = 'wxrunnertest00001'

interface WhoAmI {
  wxContext: Record<string, unknown>
  event: unknown
  tz: string
  timeLimit: number
}

/** A server with only the function runner (and a stand-in wx.openApi) behind the admin endpoint. */
async function startRunner(opts: { maxInstances?: number; functionsDir?: string } = {}) {
  const server = new CloudHttpServer()
  let adminUrl = ''
  const runner = new FunctionRunner({
    functionsDir: opts.functionsDir ?? FIXTURE_FUNCTIONS,
    adminUrl: () => adminUrl,
    envId: ENV_ID,
    appid: APPID,
    maxInstances: opts.maxInstances,
    quiet: true,
  })
  const openApiCalls: string[] = []
  server.handleAdmin('functions', functionsAdminHandler(runner))
  server.handleAdmin(
    'wx',
    openApiPermissionGuard(runner, async (req) => {
      openApiCalls.push(String(req.body.fields.apiName))
      const json = Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass' } }))
      const body = Buffer.from(Writer.create().uint32(10).bytes(json).uint32(18).string('application/json').finish())
      return { kind: 'binary', body, contentType: 'application/octet-stream' }
    }),
  )
  const port = await server.listen(0)
  adminUrl = `http://127.0.0.1:${port}/admin`
  return {
    runner,
    adminUrl,
    openApiCalls,
    async stop() {
      await runner.stop()
      await server.close()
    },
  }
}

const asUser = (openid: string, extra: Partial<InvocationContext> = {}): InvocationContext => ({
  identity: { openid, unionid: `union-${openid}` },
  source: 'wx_client',
  clientIp: '127.0.0.1',
  ...extra,
})

async function call<T>(runner: FunctionRunner, name: string, event: unknown, ctx: InvocationContext): Promise<T> {
  return JSON.parse(await runner.invoke(name, event, ctx)) as T
}

describe('function runner', () => {
  let env: Awaited<ReturnType<typeof startRunner>>
  let sdk: WxServerSdk
  let restoreEnv: () => void

  beforeAll(async () => {
    env = await startRunner({ maxInstances: 3 })
    restoreEnv = pointSdkAt({
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: env.adminUrl }),
      TENCENTCLOUD_SECRETID: 'test',
      TENCENTCLOUD_SECRETKEY: 'test',
      TENCENTCLOUD: 'true',
      TCB_ENV: ENV_ID,
      SILENCE: 'true',
    })
    sdk = loadSdk()
  })

  afterAll(async () => {
    await env.stop()
    restoreEnv()
  })

  it('gives the function the caller identity through getWXContext, in UTC', async () => {
    const out = await call<WhoAmI>(env.runner, 'whoami', { hello: 'world' }, asUser('o-alice'))
    expect(out.wxContext).toEqual({
      OPENID: 'o-alice',
      APPID: APPID,
      UNIONID: 'union-o-alice',
      CLIENTIP: '127.0.0.1',
      ENV: ENV_ID,
      SOURCE: 'wx_client',
    })
    expect(out.event).toEqual({ hello: 'world' })
    expect(out.tz).toBe('UTC')
    expect(out.timeLimit).toBe(3000)

    const other = await call<WhoAmI>(env.runner, 'whoami', {}, { identity: { openid: 'o-bob', appid: 'wxother' }, source: 'wx_client' })
    expect(other.wxContext).toEqual({ OPENID: 'o-bob', APPID: 'wxother', ENV: ENV_ID, SOURCE: 'wx_client' })
  })

  it('answers the real SDK cloud.callFunction, with no user for a server-side caller', async () => {
    const res = await sdk.callFunction({ name: 'whoami', data: { n: 1 } })
    const out = res.result as WhoAmI
    expect(out.event).toEqual({ n: 1 })
    expect(out.wxContext).toEqual({ ENV: ENV_ID, SOURCE: 'wx_http' })
  })

  it('passes the caller identity along a function-to-function call, with SOURCE chained', async () => {
    const out = await call<{ result: WhoAmI; self: Record<string, unknown> }>(
      env.runner,
      'caller',
      { target: 'whoami', data: { via: 'caller' } },
      asUser('o-carol'),
    )
    expect(out.self.SOURCE).toBe('wx_client')
    expect(out.result.event).toEqual({ via: 'caller' })
    expect(out.result.wxContext).toMatchObject({ OPENID: 'o-carol', APPID: APPID, SOURCE: 'wx_client,scf' })
  })

  it('surfaces a thrown error in the platform shape and keeps serving', async () => {
    const err = await rejection(env.runner.invoke('boom', { reason: 'bad input' }, asUser('o-1')))
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.errCode).toBe(-504002)
    expect((err as unknown as FunctionError).code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect((err as unknown as Error).message).toContain('boom: bad input')

    const viaSdk = await rejection(sdk.callFunction({ name: 'boom', data: { reason: 'via sdk' } }))
    console.log(viaSdk, Object.keys(viaSdk))
    expect(viaSdk.errCode).toBe(-504002)
    expect(viaSdk.errMsg).toContain('functions execute fail')
    expect(viaSdk.errMsg).toContain('boom: via sdk')

    const nested = await call<{ error: { errCode: number; errMsg: string } }>(
      env.runner,
      'caller',
      { target: 'boom', data: { reason: 'nested' } },
      asUser('o-1'),
    )
    expect(nested.error.errCode).toBe(-504002)
    expect(nested.error.errMsg).toContain('boom: nested')

    expect(await call(env.runner, 'noop', {}, asUser('o-1'))).toEqual({ ok: true })
  })

  it.each([
    ['exit', 'Process exited before completing request'],
    ['reject', 'Unhandled promise rejection: Error: nobody awaited this'],
    ['uncaught', 'Uncaught exception: Error: thrown from a timer'],
  ])('answers a crash (%s) with an error and never takes the server down', async (mode, message) => {
    const err = await rejection(env.runner.invoke('boom', { mode }, asUser('o-1')))
    expect(err.errCode).toBe(-504002)
    expect((err as unknown as Error).message).toContain(message)
    expect(await call(env.runner, 'noop', {}, asUser('o-1'))).toEqual({ ok: true })
  })

  it('kills a function that exceeds its config.json timeout; the next call gets a fresh instance', async () => {
    const before = env.runner.stats().coldStarts
    const started = Date.now()
    const err = await rejection(env.runner.invoke('slow', { ms: 5000 }, asUser('o-1')))
    expect(Date.now() - started).toBeLessThan(4000)
    expect(err.errCode).toBe(-504002)
    expect((err as unknown as Error).message).toContain('timed out after 1 seconds')

    const ok = await call<{ slept: number }>(env.runner, 'slow', { ms: 10 }, asUser('o-1'))
    expect(ok.slept).toBe(10)
    expect(env.runner.stats().coldStarts).toBe(before + 2)
  })

  it('reports an unknown function as a request failure', async () => {
    const err = await rejection(sdk.callFunction({ name: 'nope', data: {} }))
    expect(err.errCode).toBe(-504001)
    expect(err.errMsg).toContain('function "nope" not found')
  })

  it('reuses warm instances and never runs more than maxInstances at once', async () => {
    const coldBefore = env.runner.stats().coldStarts
    const first = await Promise.all(
      Array.from({ length: 8 }, () => call<{ pid: number }>(env.runner, 'sleepy', { ms: 300 }, asUser('o-1'))),
    )
    const pids = new Set(first.map((r) => r.pid))
    expect(pids.size).toBe(3)
    expect(env.runner.stats().coldStarts - coldBefore).toBe(3)

    const second = await Promise.all(
      Array.from({ length: 3 }, () => call<{ pid: number }>(env.runner, 'sleepy', { ms: 50 }, asUser('o-1'))),
    )
    expect(second.every((r) => pids.has(r.pid))).toBe(true)
    expect(env.runner.stats().coldStarts - coldBefore).toBe(3)
    expect(env.runner.status().find((s) => s.name === 'sleepy')).toMatchObject({ instances: 3, busy: 0, waiting: 0 })
  })

  it('rejects cloud API calls that config.json permissions.openapi does not list (-604101)', async () => {
    const denied = await call<{ ok: boolean; errCode: number }>(
      env.runner,
      'notify',
      { api: 'subscribeMessage.send', params: { touser: 'o-1', templateId: 't', data: {} } },
      asUser('o-1'),
    )
    expect(denied).toMatchObject({ ok: false, errCode: -604101 })
    expect(env.openApiCalls).not.toContain('subscribeMessage.send')

    const allowed = await call<{ ok: boolean }>(
      env.runner,
      'notify',
      { api: 'security.msgSecCheck', params: { content: 'hi', version: 2, scene: 2, openid: 'o-1' } },
      asUser('o-1'),
    )
    expect(allowed.ok).toBe(true)
    expect(env.openApiCalls).toContain('security.msgSecCheck')
  })
})

describe('hot reload', () => {
  it('starts new instances from a rebuilt index.js', async () => {
    const root = join(__dirname, '..', '..', '.tmp')
    mkdirSync(root, { recursive: true })
    const dir = mkdtempSync(join(root, 'hot-reload-'))
    mkdirSync(join(dir, 'greet'))
    const entry = join(dir, 'greet', 'index.js')
    writeFileSync(entry, "exports.main = async () => 'v1'\n")
    const env = await startRunner({ functionsDir: dir })
    try {
      const ctx = asUser('o-1')
      expect(await call(env.runner, 'greet', {}, ctx)).toBe('v1')
      expect(await call(env.runner, 'greet', {}, ctx)).toBe('v1')
      expect(env.runner.stats().coldStarts).toBe(1)

      writeFileSync(entry, "exports.main = async () => 'v2'\n")
      const later = new Date(Date.now() + 5000)
      utimesSync(entry, later, later)
      expect(await call(env.runner, 'greet', {}, ctx)).toBe('v2')
      expect(env.runner.stats().coldStarts).toBe(2)
    } finally {
      await env.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
