import { createReadStream, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import type { HttpRoute } from './server'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
}

/** Paths other routes own; never answered with the app's index.html. */
const RESERVED = /^\/(admin|api|__dev|__local)(\/|$)/

/** Build tools put a content hash in asset names (app.3f9a1c2b.js): those can be cached for good. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Serves a built single-page app (e.g. dist-h5) at `/`: files by path, and index.html for any other
 * GET that looks like a page (no extension), so that client-side routes survive a reload.
 */
export function staticRoute(dir: string): HttpRoute {
  const root = resolve(dir)
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    if (RESERVED.test(url.pathname)) return false
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return false
    }
    const file = resolve(join(root, pathname))
    if (file !== root && !file.startsWith(root + sep)) return false
    const found = await fileStat(file)
    if (found) return serveFile(req.method === 'HEAD', req.headers['if-none-match'], res, file, found)
    const dirIndex = join(file, 'index.html')
    const dirIndexStat = await fileStat(dirIndex)
    if (dirIndexStat)
      return serveFile(req.method === 'HEAD', req.headers['if-none-match'], res, dirIndex, dirIndexStat)
    if (extname(pathname) !== '') return false
    const appIndex = join(root, 'index.html')
    const appStat = await fileStat(appIndex)
    if (!appStat) return false
    return serveFile(req.method === 'HEAD', req.headers['if-none-match'], res, appIndex, appStat)
  }
}

async function fileStat(file: string): Promise<Stats | undefined> {
  try {
    const s = await stat(file)
    return s.isFile() ? s : undefined
  } catch {
    return undefined
  }
}

function serveFile(
  head: boolean,
  ifNoneMatch: string | undefined,
  res: ServerResponse,
  file: string,
  s: Stats,
): Promise<true> {
  const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`
  const headers = {
    'content-type': contentTypeOf(file),
    'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'last-modified': s.mtime.toUTCString(),
  }
  if (ifNoneMatch === etag) {
    res.writeHead(304, headers)
    res.end()
    return Promise.resolve(true)
  }
  res.writeHead(200, { ...headers, 'content-length': String(s.size) })
  if (head) {
    res.end()
    return Promise.resolve(true)
  }
  return new Promise((done) => {
    const stream = createReadStream(file)
    stream.on('error', () => res.destroy())
    res.on('close', () => {
      stream.destroy()
      done(true)
    })
    stream.pipe(res)
  })
}
