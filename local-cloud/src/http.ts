import type { IncomingMessage } from 'node:http'
import busboy from 'busboy'

export interface ParsedBody {
  /** Plain fields: the JSON body, or multipart text fields. */
  fields: Record<string, unknown>
  /** Multipart file parts by field name. */
  files: Record<string, { data: Buffer; filename: string; mimeType: string }>
}

/** The most a JSON body or event may nest (MongoDB's limit for documents is 100 levels too). */
export const MAX_JSON_DEPTH = 100
/** Default body size cap for the admin endpoint (uploads go through it as multipart). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024

/** A request the server refuses to read: answered with HTTP 400 and this message, never a reset. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadRequestError'
  }
}

const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/**
 * Reads the whole body, up to `limit` bytes. Past it the rest is read and dropped (up to a hard cap,
 * then the connection is closed), so the client gets a 400 with a reason instead of a reset.
 */
export function readRaw(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const drainCap = limit + 64 * 1024 * 1024
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > drainCap) req.destroy()
    })
    req.on('end', () => {
      if (size > limit) {
        chunks.length = 0
        reject(new BadRequestError(`请求体过大：${mb(size)}，上限 ${mb(limit)}（request body too large)`))
      } else resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

/**
 * Whether JSON text nests deeper than `max` arrays/objects. A linear scan of the text, no recursion,
 * so it is safe on any input; run it before JSON.parse and before handing a value to code that
 * recurses (structured clone, IPC serialisation, the query engine).
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
  return false
}

export const TOO_DEEP_MESSAGE = `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层（nested too deeply）`

/** JSON.parse with the depth bound; errors are BadRequestError with a message a person can act on. */
export function parseJsonBody(text: string, max = MAX_JSON_DEPTH): unknown {
  if (jsonTooDeep(text, max)) throw new BadRequestError(TOO_DEEP_MESSAGE)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new BadRequestError('请求体不是合法的 JSON（body must be JSON）')
  }
}

/** Reads a JSON or multipart/form-data body (the SDK sends wx.openApi and uploads as multipart). */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<ParsedBody> {
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('multipart/form-data')) return readMultipart(req)
  const raw = await readRaw(req, limit)
  if (raw.length === 0) return { fields: {}, files: {} }
  const fields = parseJsonBody(raw.toString('utf8'))
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new BadRequestError('请求体必须是 JSON 对象（body must be a JSON object）')
  return { fields: fields as Record<string, unknown>, files: {} }
}

function readMultipart(req: IncomingMessage): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    const fields: ParsedBody['fields'] = {}
    const files: ParsedBody['files'] = {}
    const bb = busboy({ headers: req.headers, limits: { fileSize: 50 * 1024 * 1024 } })
    bb.on('field', (name, value) => {
      fields[name] = value
    })
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        files[name] = {
          data: Buffer.concat(chunks),
          filename: info.filename ?? name,
          mimeType: info.mimeType,
        }
      })
    })
    bb.on('close', () => resolve({ fields, files }))
    bb.on('error', reject)
    req.pipe(bb)
  })
}
