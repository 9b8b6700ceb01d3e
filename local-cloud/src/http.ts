import type { IncomingMessage } from 'node:http'
import busboy from 'busboy'

export interface ParsedBody {
  /** Plain fields: the JSON body, or multipart text fields. */
  fields: Record<string, unknown>
  /** Multipart file parts by field name. */
  files: Record<string, { data: Buffer; filename: string; mimeType: string }>
}

export function readRaw(req: IncomingMessage, limit = 50 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Reads a JSON or multipart/form-data body (the SDK sends wx.openApi and uploads as multipart). */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('multipart/form-data')) return readMultipart(req)
  const raw = await readRaw(req)
  if (raw.length === 0) return { fields: {}, files: {} }
  return { fields: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: {} }
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
