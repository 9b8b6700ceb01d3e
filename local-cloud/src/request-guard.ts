import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/**
 * Who may use the local cloud's powerful endpoints. `/admin` is full database access, `/api/*` runs any
 * function as any user, `/__local/*` reads the outbox and grants credits, `/__dev` is the dev page.
 * Whatever address the server is bound to (`--host`), these answer only when all of this holds:
 *
 * - the peer is loopback (this machine);
 * - the Host header names this machine: an IP literal, `localhost` / `*.localhost`, or the bound host.
 *   A web page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) sends its own domain here;
 * - an Origin header, when present, is a loopback origin (`http://localhost:…`, `http://127.x.x.x:…`,
 *   `http://[::1]:…`). Browsers send Origin with every cross-site POST, including the "simple"
 *   `text/plain` and form posts that need no CORS preflight; `null` (sandboxed frames, file://) is refused.
 *
 * Static files of the H5 build are public and are not guarded.
 */
const GUARDED = /^\/(admin|api|__dev|__local)(\/|$)/

export function isLoopbackAddress(raw: string | undefined): boolean {
  const ip = raw?.startsWith('::ffff:') ? raw.slice(7) : (raw ?? '')
  return ip === '::1' || ip.startsWith('127.')
}

function isLocalName(hostname: string, boundHost: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (isIP(h)) return true
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  return h === boundHost.toLowerCase()
}

export function isLoopbackOrigin(origin: string | undefined): origin is string {
  if (!origin) return false
  try {
    const { hostname, protocol } = new URL(origin)
    if (protocol !== 'http:' && protocol !== 'https:') return false
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
  } catch {
    return false
  }
}

/** Why the request is refused (a message for the 403), or undefined when it may go on. */
export function refusal(req: IncomingMessage, url: URL, boundHost: string): string | undefined {
  if (!GUARDED.test(url.pathname)) return undefined
  if (!isLoopbackAddress(req.socket.remoteAddress)) return '本地云只对本机开放（loopback clients only）'
  const host = req.headers.host
  let hostname = ''
  try {
    hostname = host ? new URL(`http://${host}`).hostname : ''
  } catch {
    hostname = ''
  }
  if (!hostname || !isLocalName(hostname, boundHost))
    return `Host "${host ?? ''}" 不是本机，请用 http://127.0.0.1 或 http://localhost 访问（DNS rebinding guard）`
  const origin = req.headers.origin
  if (origin !== undefined && !isLoopbackOrigin(origin))
    return `拒绝来自 ${origin} 的跨站请求（cross-site request refused）`
  return undefined
}
