import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../src'
import { isLoopback } from '../src/h5-gateway'
import { FIXTURE_FUNCTIONS, loadSdk, pointSdkAt, type WxServerSdk } from './helpers'

const TMP_ROOT = join(__dirname, '..', '..', '.tmp')

function tempDir(prefix: string): string {
  mkdirSync(TMP_ROOT, { recursive: true })
  return mkdtempSync(join(TMP_ROOT, prefix))
}

/** A stand-in H5 build. */
function writeStaticSite(dir: string): void {
  mkdirSync(join(dir, 'js'), { recursive: true })
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>文明实践</title><div id="app"></div>')
  writeFileSync(join(dir, 'js', 'app.3f9a1c2b.js'), 'console.log("app")')
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
}

interface GatewayReply {
  result?: { wxContext: Record<string, unknown>; event: unknown }
  error?: { errCode: number; errMsg: string }
}

describe('local cloud', () => {
  let cloud: LocalCloud
  let staticDir: string
  let sdk: WxServerSdk
  let restoreEnv: () => void

  beforeAll(async () => {
    staticDir = tempDir('static-')
    writeStaticSite(staticDir)
    cloud = await startLocalCloud({
      functionsDir: FIXTURE_FUNCTIONS,
      staticDir,
      quiet: true,
      maxInstances: 4,
    })
    restoreEnv = pointSdkAt(cloud.sdkEnv())
    sdk = loadSdk()
  })

  afterAll(async () => {
    await cloud?.stop()
    restoreEnv?.()
    rmSync(staticDir, { recursive: true, force: true })
  })

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${cloud.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  describe('H5 gateway', () => {
    it('calls a function as the chosen identity with SOURCE wx_client', async () => {
      const res = await post('/api/functions/whoami', {
        data: { page: 'home' },
        identity: { openid: 'o-h5-user', unionid: 'u-h5' },
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as GatewayReply
      expect(body.result?.event).toEqual({ page: 'home' })
      expect(body.result?.wxContext).toEqual({
        OPENID: 'o-h5-user',
        UNIONID: 'u-h5',
        APPID: 'wxlocalcloud000000',
        CLIENTIP: '127.0.0.1',
        ENV: 'local-cloud',
        SOURCE: 'wx_client',
      })
    })

    it('answers function failures in the client error shape', async () => {
      const failed = (await (
        await post('/api/functions/boom', { data: { reason: 'h5' }, identity: { openid: 'o-1' } })
      ).json()) as GatewayReply
      expect(failed.error?.errCode).toBe(-504002)
      expect(failed.error?.errMsg).toContain('functions execute fail')
      expect(failed.error?.errMsg).toContain('boom: h5')

      const missing = (await (
        await post('/api/functions/nope', { identity: { openid: 'o-1' } })
      ).json()) as GatewayReply
      expect(missing.error?.errCode).toBe(-504001)

      const anonymous = await post('/api/functions/whoami', { data: {} })
      expect(anonymous.status).toBe(400)
      expect(((await anonymous.json()) as GatewayReply).error?.errMsg).toContain('identity.openid')
    })

    it('reports health and allows CORS from local origins only', async () => {
      const health = (await (await fetch(`${cloud.url}/api/health`)).json()) as {
        ok: boolean
        functions: string[]
      }
      expect(health.ok).toBe(true)
      expect(health.functions).toEqual(expect.arrayContaining(['whoami', 'ticker', 'noop']))

      const preflight = await fetch(`${cloud.url}/api/functions/whoami`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST' },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')

      const local = await post(
        '/api/functions/noop',
        { identity: { openid: 'o-1' } },
        { origin: 'http://127.0.0.1:5173' },
      )
      expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
      const foreign = await post(
        '/api/functions/noop',
        { identity: { openid: 'o-1' } },
        { origin: 'https://example.com' },
      )
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    })

    it('treats only loopback peers as local', () => {
      const peer = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage
      expect(isLoopback(peer('127.0.0.1'))).toBe(true)
      expect(isLoopback(peer('::ffff:127.0.0.1'))).toBe(true)
      expect(isLoopback(peer('::1'))).toBe(true)
      expect(isLoopback(peer('192.168.1.20'))).toBe(false)
      expect(isLoopback(peer('::ffff:10.0.0.8'))).toBe(false)
    })
  })

  describe('static files', () => {
    it('serves the H5 build with content types, cache headers and an index.html fallback', async () => {
      const home = await fetch(`${cloud.url}/`)
      expect(home.status).toBe(200)
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(home.headers.get('cache-control')).toBe('no-cache')
      expect(await home.text()).toContain('文明实践')

      const asset = await fetch(`${cloud.url}/js/app.3f9a1c2b.js`)
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(asset.headers.get('cache-control')).toContain('immutable')
      expect(await asset.text()).toBe('console.log("app")')

      const svg = await fetch(`${cloud.url}/favicon.svg`)
      expect(svg.headers.get('content-type')).toBe('image/svg+xml')

      const deepLink = await fetch(`${cloud.url}/pages/activity/detail?id=1`)
      expect(deepLink.status).toBe(200)
      expect(await deepLink.text()).toContain('<div id="app">')

      expect((await fetch(`${cloud.url}/js/missing.js`)).status).toBe(404)
      expect((await fetch(`${cloud.url}/%2e%2e/package.json`)).status).toBe(404)

      const etag = asset.headers.get('etag')!
      const again = await fetch(`${cloud.url}/js/app.3f9a1c2b.js`, { headers: { 'if-none-match': etag } })
      expect(again.status).toBe(304)
    })
  })

  describe('functions through the real SDK', () => {
    it('runs a function that uses the database as the calling user', async () => {
      await sdk.database().createCollection('todos')
      const out = await cloud.callFunction<{ _id: string; owner: string; title: string }>(
        'todo',
        { title: '打扫社区', owner: 'forged-openid' },
        { openid: 'o-todo' },
      )
      expect(out.owner).toBe('o-todo')
      expect(out.title).toBe('打扫社区')
      expect(cloud.db.find('todos', { owner: 'o-todo' })).toHaveLength(1)

      const viaSdk = await sdk.database().collection('todos').doc(out._id).get()
      expect(viaSdk.data.title).toBe('打扫社区')
    })

    it('calls functions from an in-process SDK and runs timers on demand', async () => {
      const res = await sdk.callFunction({ name: 'noop', data: {} })
      expect(res.result).toEqual({ ok: true })

      const timer = await cloud.fireTimer<{ wxContext: Record<string, unknown>; event: { Type: string } }>(
        'ticker',
      )
      expect(timer.wxContext).toEqual({ ENV: 'local-cloud', SOURCE: 'wx_trigger' })
      expect(timer.event.Type).toBe('Timer')

      await expect(cloud.callFunction('boom', { reason: 'api' })).rejects.toMatchObject({
        errCode: -504002,
        message: expect.stringContaining('boom: api'),
      })
      const stats = cloud.stats()
      expect(stats.runner.invocations).toBeGreaterThanOrEqual(4)
      expect(stats.runner.coldStarts).toBeGreaterThanOrEqual(3)
    })

    it('enforces config.json permissions.openapi in front of the real cloud API', async () => {
      const denied = await cloud.callFunction<{ ok: boolean; errCode: number }>(
        'notify',
        {
          api: 'subscribeMessage.send',
          params: { touser: 'o-perm', templateId: 'tpl-1', data: { thing1: { value: '活动提醒' } } },
        },
        { openid: 'o-perm' },
      )
      expect(denied).toMatchObject({ ok: false, errCode: -604101 })
      expect(cloud.outbox({ touser: 'o-perm' })).toHaveLength(0)

      const allowed = await cloud.callFunction<{ ok: boolean; result: { result?: { suggest: string } } }>(
        'notify',
        {
          api: 'security.msgSecCheck',
          params: { content: '周六上午社区义诊', version: 2, scene: 2, openid: 'o-perm' },
        },
        { openid: 'o-perm' },
      )
      expect(allowed.ok).toBe(true)
      expect(allowed.result.result?.suggest).toBe('pass')
    })
  })

  describe('dev page', () => {
    it('lists functions, timers, collections, the outbox and credits', async () => {
      await cloud.db.insertMany('dev_page_demo', [{ name: '志愿者甲' }, { name: '志愿者乙' }])
      const page = await fetch(`${cloud.url}/__dev`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const html = await page.text()
      expect(html).toContain('本地云开发面板')
      expect(html).toContain('monthlyReminder')
      expect(html).toContain('0 0 9 14 * * *')
      expect(html).toContain('action="/__dev/timers/ticker/fire"')
      expect(html).toMatch(/dev_page_demo<\/code><\/a><\/td><td>2</)
      expect(html).toContain('订阅消息发件箱')

      const docs = await (await fetch(`${cloud.url}/__dev/collections/dev_page_demo`)).text()
      expect(docs).toContain('志愿者乙')
      expect((await fetch(`${cloud.url}/__dev/collections/nope`)).status).toBe(404)
    })

    it('fires a timer and grants subscription credits from the page', async () => {
      const fired = await fetch(`${cloud.url}/__dev/timers/ticker/fire`, {
        method: 'POST',
        headers: { accept: 'application/json' },
      })
      const body = (await fired.json()) as { result: { wxContext: { SOURCE: string } } }
      expect(body.result.wxContext.SOURCE).toBe('wx_trigger')

      const viaForm = await fetch(`${cloud.url}/__dev/timers/ticker/fire`, {
        method: 'POST',
        redirect: 'manual',
      })
      expect(viaForm.status).toBe(303)
      expect(viaForm.headers.get('location')).toContain('#timers')

      const grant = await fetch(`${cloud.url}/__dev/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          openid: 'o-dev-grant',
          templateId: 'tpl-monthly',
          count: '2',
        }).toString(),
        redirect: 'manual',
      })
      expect(grant.status).toBe(303)
      expect(cloud.openapi.credits('o-dev-grant', 'tpl-monthly')).toBe(2)
      const page = await (await fetch(`${cloud.url}${grant.headers.get('location')}`)).text()
      expect(page).toContain('剩余额度：<b>2</b>')
    })
  })
})

describe('local cloud lifecycle', () => {
  it('seeds a new data dir once and removes a temp data dir on stop', async () => {
    const dataDir = join(tempDir('data-'), 'cloud')
    const seeded: string[] = []
    const seed = async (c: LocalCloud) => {
      seeded.push(c.url)
      await c.db.insertMany('seeded', [{ n: 1 }])
    }
    try {
      const first = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, dataDir, quiet: true, seed })
      await first.stop()
      const second = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, dataDir, quiet: true, seed })
      expect(second.db.find('seeded')).toHaveLength(1)
      await second.stop()
      expect(seeded).toHaveLength(1)
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true })
    }

    const temp = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, quiet: true })
    expect(existsSync(temp.dataDir)).toBe(true)
    await temp.stop()
    expect(existsSync(temp.dataDir)).toBe(false)
  })
})
