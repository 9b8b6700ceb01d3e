import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FunctionError, type FunctionRunner, type InvocationContext } from '../src/runner'
import { APPID, ENV_ID, loadSdk, pointSdkAt, rejection, startRunner, type WxServerSdk } from './helpers'

interface WhoAmI {
  wxContext: Record<string, unknown>
  event: unknown
  tz: string
  setting: string
  timeLimit: number
}

const asUser = (openid: string, extra: Partial<InvocationContext> = {}): InvocationContext => ({
  identity: { openid, unionid: `union-${openid}` },
  source: 'wx_client',
  clientIp: '127.0.0.1',
  ...extra,
})

async function call<T>(
  runner: FunctionRunner,
  name: string,
  event: unknown,
  ctx: InvocationContext,
): Promise<T> {
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

  it('gives the function the caller identity through getWXContext, in UTC, with the function env', async () => {
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
    expect(out.setting).toBe('from-console')
    expect(out.timeLimit).toBe(3000)

    const other = await call<WhoAmI>(
      env.runner,
      'whoami',
      {},
      { identity: { openid: 'o-bob', appid: 'wxother' }, source: 'wx_client' },
    )
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
    // wx-server-sdk 4.0.2 lets @cloudbase/node-sdk throw on `code` (its throwOnCode stays true), so the
    // caller sees errCode -1 with the platform's code kept on the error: what it does on WeChat cloud.
    expect(viaSdk.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(viaSdk.errMsg).toContain('callFunction:fail')
    expect(viaSdk.errMsg).toContain('boom: via sdk')

    const nested = await call<{ error: { code: string; errMsg: string } }>(
      env.runner,
      'caller',
      { target: 'boom', data: { reason: 'nested' } },
      asUser('o-1'),
    )
    expect(nested.error.code).toBe('FUNCTIONS_EXECUTE_FAIL')
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
    expect(err.code).toBe('FUNCTIONS_REQUEST_FAIL')
    expect(err.errMsg).toContain('function "nope" not found')
  })

  it('reuses warm instances and never runs more than maxInstances at once', async () => {
    const coldBefore = env.runner.stats().coldStarts
    const first = await Promise.all(
      Array.from({ length: 8 }, () =>
        call<{ pid: number }>(env.runner, 'sleepy', { ms: 300 }, asUser('o-1')),
      ),
    )
    const pids = new Set(first.map((r) => r.pid))
    expect(pids.size).toBe(3)
    expect(env.runner.stats().coldStarts - coldBefore).toBe(3)

    const second = await Promise.all(
      Array.from({ length: 3 }, () => call<{ pid: number }>(env.runner, 'sleepy', { ms: 50 }, asUser('o-1'))),
    )
    expect(second.every((r) => pids.has(r.pid))).toBe(true)
    expect(env.runner.stats().coldStarts - coldBefore).toBe(3)
    expect(env.runner.status().find((s) => s.name === 'sleepy')).toMatchObject({
      instances: 3,
      busy: 0,
      waiting: 0,
    })
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

function tempFunctionsDir(prefix: string): string {
  const root = join(__dirname, '..', '..', '.tmp')
  mkdirSync(root, { recursive: true })
  return mkdtempSync(join(root, prefix))
}

describe('function output', () => {
  it('is forwarded line by line with a [fn] prefix unless quiet', async () => {
    const dir = tempFunctionsDir('output-')
    mkdirSync(join(dir, 'chatty'))
    writeFileSync(
      join(dir, 'chatty', 'index.js'),
      "exports.main = async () => { console.log('报名成功\\nsecond line'); console.error('warned'); return 1 }\n",
    )
    const lines: string[] = []
    const env = await startRunner({ functionsDir: dir, log: (line) => lines.push(line) })
    try {
      expect(await call(env.runner, 'chatty', {}, asUser('o-1'))).toBe(1)
      // Output travels over a pipe, the result over IPC: give the pipe a moment.
      for (let i = 0; i < 40 && lines.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(lines).toEqual(
        expect.arrayContaining(['[chatty] 报名成功', '[chatty] second line', '[chatty] warned']),
      )
    } finally {
      await env.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('hot reload', () => {
  it('starts new instances from a rebuilt index.js', async () => {
    const dir = tempFunctionsDir('hot-reload-')
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

describe('a local cloud under faketime (testing at another moment)', () => {
  interface Clock {
    now: number
    faketime: string | null
    preload: string | null
  }

  async function clockOfAnInstance(dir: string): Promise<Clock> {
    const env = await startRunner({ functionsDir: dir })
    try {
      return await call<Clock>(env.runner, 'clock', {}, asUser('o-1'))
    } finally {
      await env.stop()
    }
  }

  it("passes libfaketime's variables to instances when they are set, so both sides read one clock", async () => {
    const dir = tempFunctionsDir('faketime-')
    const underFaketime = process.env.FAKETIME !== undefined
    try {
      mkdirSync(join(dir, 'clock'))
      writeFileSync(
        join(dir, 'clock', 'index.js'),
        'exports.main = async () => ({ now: Date.now(), faketime: process.env.FAKETIME ?? null, ' +
          'preload: process.env.LD_PRELOAD ?? null })\n',
      )
      // '+0' moves no clock: without LD_PRELOAD, libfaketime is not loaded and the variable is inert
      if (!underFaketime) process.env.FAKETIME = '+0'
      const before = Date.now()
      const out = await clockOfAnInstance(dir)
      expect(out.faketime).toBe(process.env.FAKETIME)
      expect(out.preload).toBe(process.env.LD_PRELOAD ?? null)
      expect(Math.abs(out.now - before)).toBeLessThan(10_000)
      if (!underFaketime) {
        // and nothing of the kind without it: an instance's env stays the platform's
        delete process.env.FAKETIME
        expect((await clockOfAnInstance(dir)).faketime).toBeNull()
      }
    } finally {
      if (!underFaketime) delete process.env.FAKETIME
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
