import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { startLocalCloud, type LocalCloud } from '../src'
import { FIXTURE_FUNCTIONS } from './helpers'

/** A raw HTTP request (fetch forbids setting Host) that reports a reset as an error instead of hanging. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

function nested(depth: number): string {
  return '{"data":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + ',"identity":{"openid":"o-1"}}'
}

/** A non-loopback address of this machine, to reach a server bound to 0.0.0.0 from "outside". */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address
  }
  return undefined
}

describe('local cloud safety', () => {
  let cloud: LocalCloud

  beforeAll(async () => {
    cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, quiet: true, maxInstances: 2 })
  })
  afterAll(async () => {
    await cloud?.stop()
  })

  const json = { 'content-type': 'application/json' }

  it('answers a 5,000-level nested body with 400 and keeps serving', async () => {
    for (const path of ['/api/functions/noop', '/admin']) {
      const res = await raw(`${cloud.url}${path}`, { method: 'POST', headers: json, body: nested(5000) })
      expect(res.status).toBe(400)
      expect(res.body).toMatch(/嵌套|nest/)
    }
    const ok = await raw(`${cloud.url}/api/functions/noop`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ identity: { openid: 'o-1' } }),
    })
    expect(JSON.parse(ok.body)).toEqual({ result: { ok: true } })
  })

  it('refuses a deeply nested event passed between functions without crashing', async () => {
    const res = await raw(`${cloud.url}/admin`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        action: 'functions.invokeFunction',
        function_name: 'noop',
        request_data: '['.repeat(5000) + ']'.repeat(5000),
      }),
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_PARAM' })
    await expect(cloud.callFunction('noop', {}, { openid: 'o-1' })).resolves.toEqual({ ok: true })
  })

  it('answers a 7 MB gateway body with a clear 400, not a reset', async () => {
    const body = JSON.stringify({ data: { blob: 'x'.repeat(7 * 1024 * 1024) }, identity: { openid: 'o-1' } })
    const res = await raw(`${cloud.url}/api/functions/noop`, { method: 'POST', headers: json, body })
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).error.errMsg).toMatch(/请求体.*MB/)
  })

  it('refuses cross-site requests to the gateway, the dev page and /__local', async () => {
    const evil = { origin: 'https://evil.example' }
    const call = await raw(`${cloud.url}/api/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...evil },
      body: JSON.stringify({ identity: { openid: 'o-victim' } }),
    })
    expect(call.status).toBe(403)
    expect(call.body).not.toContain('o-victim')

    const grant = await raw(`${cloud.url}/__dev/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...evil },
      body: 'openid=o-victim&templateId=T1&count=50',
    })
    expect(grant.status).toBe(403)
    const subscribe = await raw(`${cloud.url}/__local/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'null' },
      body: JSON.stringify({ openid: 'o-victim', templateIds: ['T1'] }),
    })
    expect(subscribe.status).toBe(403)
    expect(cloud.openapi.credits('o-victim', 'T1')).toBe(0)

    // nor framed by another site to trick a click on its buttons
    const page = await fetch(`${cloud.url}/__dev`)
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")

    // The app itself (same origin, or a dev server on another loopback port) still works.
    for (const origin of [cloud.url, 'http://localhost:10086']) {
      const mine = await raw(`${cloud.url}/api/functions/noop`, {
        method: 'POST',
        headers: { ...json, origin },
        body: JSON.stringify({ identity: { openid: 'o-1' } }),
      })
      expect(mine.status).toBe(200)
    }
  })

  it('refuses a Host header that is not this machine (DNS rebinding)', async () => {
    const port = new URL(cloud.url).port
    for (const path of ['/__dev', '/api/health', '/__local/credits?openid=o-1']) {
      const rebound = await raw(`${cloud.url}${path}`, { headers: { host: `evil.example:${port}` } })
      expect(rebound.status).toBe(403)
    }
    const admin = await raw(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { ...json, host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'users' }),
    })
    expect(admin.status).toBe(403)
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await raw(`${cloud.url}/api/health`, { headers: { host } })).status).toBe(200)
    }
  })
})

describe('local cloud bound to a non-loopback address', () => {
  const lan = lanAddress()
  let cloud: LocalCloud

  beforeAll(async () => {
    cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, quiet: true, host: '0.0.0.0' })
  })
  afterAll(async () => {
    await cloud?.stop()
  })

  it('answers /admin, /__local, /__dev and /api to loopback clients only', async () => {
    expect(lan).toBeDefined()
    const base = `http://${lan}:${cloud.port}`
    const admin = await raw(`${base}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'users' }),
    })
    expect(admin.status).toBe(403)
    for (const path of ['/__local/outbox', '/__local/credits?openid=o-1', '/__dev', '/api/health']) {
      expect((await raw(`${base}${path}`)).status).toBe(403)
    }
    const subscribe = await raw(`${base}/__local/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o-lan', templateIds: ['T1'] }),
    })
    expect(subscribe.status).toBe(403)
    expect(cloud.openapi.credits('o-lan', 'T1')).toBe(0)
    // loopback still works
    const local = await raw(`http://127.0.0.1:${cloud.port}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'users' }),
    })
    expect(local.status).toBe(200)
  })
})
