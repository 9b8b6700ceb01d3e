import type { IncomingMessage, ServerResponse } from 'node:http'
import { BadRequestError, parseJsonBody, readRaw } from './http'
import { isLoopbackAddress, isLoopbackOrigin } from './request-guard'
import { FunctionError, SOURCE, type FunctionRunner, type Identity } from './runner'
import type { HttpRoute } from './server'

/** The client's address as the platform reports it in CLIENTIP (IPv4 without the ::ffff: prefix). */
export function clientIp(req: IncomingMessage): string {
  const raw = req.socket.remoteAddress ?? ''
  return raw.startsWith('::ffff:') ? raw.slice(7) : raw
}

export function isLoopback(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress)
}

/**
 * CORS for the browser app when it is served from another local port (e.g. a dev server): only
 * localhost/127.0.0.1 origins, only for /api/ and /__local/ (the H5 stand-ins for wx.* APIs).
 */
export function corsRoute(): HttpRoute {
  return async (req, res, url) => {
    if (!/^\/(api|__local)\//.test(url.pathname)) return false
    const origin = req.headers.origin
    if (!isLoopbackOrigin(origin)) return false
    res.setHeader('access-control-allow-origin', origin)
    res.setHeader('vary', 'Origin')
    if (req.method !== 'OPTIONS') return false
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
      'access-control-max-age': '600',
    })
    res.end()
    return true
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
  return true
}

export interface GatewayError {
  errCode: number
  errMsg: string
}

/** The error wx.cloud.callFunction reports on a phone when the function fails (-504002 and the like). */
export function clientError(err: unknown): GatewayError {
  if (err instanceof FunctionError) {
    const text = err.errCode === -504002 ? 'functions execute fail' : 'functions request fail'
    return {
      errCode: err.errCode,
      errMsg: `cloud.callFunction:fail errCode: ${err.errCode} ${text} | errMsg: ${err.message}`,
    }
  }
  return { errCode: -1, errMsg: `cloud.callFunction:fail ${(err as Error).message ?? String(err)}` }
}

function parseIdentity(raw: unknown): Identity | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const { openid, appid, unionid } = raw as Record<string, unknown>
  if (typeof openid !== 'string' || openid === '') return undefined
  return {
    openid,
    ...(typeof appid === 'string' && appid ? { appid } : {}),
    ...(typeof unionid === 'string' && unionid ? { unionid } : {}),
  }
}

/** SCF's cap on a synchronous invocation's request (6 MB); WeChat advises far smaller payloads. */
const MAX_GATEWAY_BODY_BYTES = 6 * 1024 * 1024

const FUNCTION_PATH = /^\/api\/functions\/([^/]+)$/

/**
 * The browser app's way to call a cloud function (the H5 build has no wx.cloud):
 * POST /api/functions/<fn> { data, identity: { openid, appid?, unionid? } } runs the function as that
 * user with SOURCE wx_client and answers { result } or { error: { errCode, errMsg } }.
 * GET /api/health answers { ok, functions }. Loopback clients only: whoever can reach this endpoint
 * can act as any user.
 */
export function h5GatewayRoute(runner: FunctionRunner): HttpRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false
    if (!isLoopback(req))
      return sendJson(res, 403, { error: { errCode: -1, errMsg: 'local cloud: loopback clients only' } })
    if (url.pathname === '/api/health' && req.method === 'GET') {
      return sendJson(res, 200, { ok: true, functions: runner.catalog.list() })
    }
    const match = FUNCTION_PATH.exec(url.pathname)
    if (!match) return false
    if (req.method !== 'POST') return sendJson(res, 405, { error: { errCode: -1, errMsg: 'use POST' } })
    let body: Record<string, unknown>
    try {
      const raw = await readRaw(req, MAX_GATEWAY_BODY_BYTES)
      const parsed = raw.length === 0 ? {} : parseJsonBody(raw.toString('utf8'))
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new BadRequestError('请求体必须是 JSON 对象（body must be a JSON object）')
      body = parsed as Record<string, unknown>
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err
      return sendJson(res, 400, { error: { errCode: -1, errMsg: `cloud.callFunction:fail ${err.message}` } })
    }
    const identity = parseIdentity(body.identity)
    if (!identity) {
      return sendJson(res, 400, {
        error: { errCode: -1, errMsg: 'cloud.callFunction:fail identity.openid is required' },
      })
    }
    const name = decodeURIComponent(match[1])
    try {
      const json = await runner.invoke(name, body.data ?? {}, {
        identity,
        source: SOURCE.client,
        clientIp: clientIp(req),
      })
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      res.end(`{"result":${json}}`)
      return true
    } catch (err) {
      return sendJson(res, 200, { error: clientError(err) })
    }
  }
}
