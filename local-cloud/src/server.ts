import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { CloudError } from './errors'
import { BadRequestError, readBody, type ParsedBody } from './http'
import { refusal } from './request-guard'

/** What a module answers to one TCB admin request. The server adds `requestId`. */
export type AdminReply =
  { kind: 'json'; body: Record<string, unknown> } | { kind: 'binary'; body: Buffer; contentType: string }

export interface AdminRequest {
  action: string
  body: ParsedBody
  requestId: string
}

export type AdminHandler = (req: AdminRequest) => Promise<AdminReply>

/** A route for anything that is not the SDK's admin endpoint (H5 calls, static files, dev page, uploads). */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>

export class CloudHttpServer {
  private readonly admin = new Map<string, AdminHandler>()
  private readonly routes: HttpRoute[] = []
  private server?: Server
  private host = '127.0.0.1'

  /** Registers a handler for every action equal to `prefix` or starting with `prefix + '.'`. */
  handleAdmin(prefix: string, handler: AdminHandler): void {
    this.admin.set(prefix, handler)
  }

  route(route: HttpRoute): void {
    this.routes.push(route)
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.host = host
    this.server = createServer((req, res) => {
      this.serve(req, res).catch((err: unknown) => {
        const bad = err instanceof BadRequestError
        if (!res.headersSent)
          res.writeHead(bad ? 400 : 500, { 'content-type': 'application/json; charset=utf-8' })
        const body = bad
          ? { code: 'INVALID_REQUEST', message: err.message }
          : { code: 'INTERNAL_ERROR', message: String(err) }
        res.end(JSON.stringify(body))
      })
    })
    this.server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve))
    return (this.server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    if (!this.server) return
    const server = this.server
    this.server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refused = refusal(req, url, this.host)
    if (refused) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      res.end(JSON.stringify({ code: 'FORBIDDEN', message: refused }))
      return
    }
    if (req.method === 'POST' && url.pathname === '/admin') return this.serveAdmin(req, res)
    for (const route of this.routes) if (await route(req, res, url)) return
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('not found')
  }

  private findAdmin(action: string): AdminHandler | undefined {
    const exact = this.admin.get(action)
    if (exact) return exact
    const dot = action.indexOf('.')
    return dot > 0 ? this.admin.get(action.slice(0, dot)) : undefined
  }

  private async serveAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    let reply: AdminReply
    let body: ParsedBody
    try {
      body = await readBody(req)
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ requestId, code: 'INVALID_REQUEST', message: err.message }))
      return
    }
    try {
      const action = String(body.fields.action ?? '')
      const handler = this.findAdmin(action)
      if (!handler) throw new CloudError('INVALID_ACTION', `local cloud does not emulate action "${action}"`)
      reply = await handler({ action, body, requestId })
    } catch (err) {
      const e =
        err instanceof CloudError ? err : new CloudError('SYS_ERR', (err as Error).message ?? String(err))
      reply = { kind: 'json', body: { code: e.code, message: e.message } }
    }
    if (reply.kind === 'binary') {
      res.writeHead(200, { 'content-type': reply.contentType })
      res.end(reply.body)
      return
    }
    const text = JSON.stringify({ requestId, ...reply.body })
    // a length (not chunked encoding): head and body leave in one write
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }
}
