import { randomBytes, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, extname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CloudError } from '../errors'
import { readBody } from '../http'
import type { AdminReply, AdminRequest, HttpRoute } from '../server'

export interface StorageOptions {
  /** Files live under `${dataDir}/storage/files/<cloudPath>`. */
  dataDir: string
  /** The local cloud's own base URL (known after listen): upload targets and temp URLs point at it. */
  publicBaseUrl: () => string
  /** The env named in fileIDs when the SDK sends none (and for put()); default 'local'. */
  env?: string
}

/** How long an upload URL from getUploadMetadata stays valid (COS signatures are short-lived too). */
const UPLOAD_TTL_MS = 10 * 60_000
/** wx.cloud documents at most 50 files per getTempFileURL / deleteFile call. */
const MAX_FILES_PER_CALL = 50
const DEFAULT_MAX_AGE = 86_400
const UPLOAD_PREFIX = '/__local/cos-upload/'
const DOWNLOAD_PREFIX = '/__local/storage/'

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/**
 * A cloud path we can store and serve: relative, no empty/dot segments, and none of the characters that
 * would change a URL's meaning (the SDK puts temp URLs through encodeURI, which leaves ?, # and % alone).
 */
export function isValidCloudPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || Buffer.byteLength(path) > 850) return false
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\?#%]/.test(path)) return false
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..')
}

const isEnvId = (env: unknown): env is string => typeof env === 'string' && /^[a-z0-9_-]{1,40}$/.test(env)

/** The bucket part of a real fileID looks like `7465-test-2g3ql-1302001234` (hex of the env's first two letters). */
function bucketOf(env: string): string {
  return `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-1300000000`
}

export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`
}

/** The cloud path inside `cloud://<env>.<bucket>/<cloudPath>`, or undefined when it is not a fileID. */
export function cloudPathOf(fileID: unknown): string | undefined {
  if (typeof fileID !== 'string') return undefined
  const m = /^cloud:\/\/[^/.]+\.[^/]+\/(.+)$/.exec(fileID)
  return m && isValidCloudPath(m[1]) ? m[1] : undefined
}

interface PendingUpload {
  cloudPath: string
  authorization: string
  expiresAt: number
}

interface FileMeta {
  contentType: string
}

/** Cloud storage: what wx-server-sdk's uploadFile, getTempFileURL, downloadFile and deleteFile reach. */
export class Storage {
  private readonly uploads = new Map<string, PendingUpload>()
  private readonly filesDir: string
  private readonly metaDir: string
  private readonly tmpDir: string

  private constructor(private readonly opts: StorageOptions) {
    const root = join(opts.dataDir, 'storage')
    this.filesDir = join(root, 'files')
    this.metaDir = join(root, 'meta')
    this.tmpDir = join(root, 'tmp')
  }

  static async open(opts: StorageOptions): Promise<Storage> {
    const storage = new Storage(opts)
    await rm(storage.tmpDir, { recursive: true, force: true })
    await Promise.all(
      [storage.filesDir, storage.metaDir, storage.tmpDir].map((d) => mkdir(d, { recursive: true })),
    )
    return storage
  }

  async handle(req: AdminRequest): Promise<AdminReply> {
    const fields = req.body.fields
    const env = isEnvId(fields.envName) ? fields.envName : (this.opts.env ?? 'local')
    switch (req.action) {
      case 'storage.getUploadMetadata':
        return { kind: 'json', body: { data: this.uploadMetadata(env, fields.path) } }
      case 'storage.batchGetDownloadUrl':
        return { kind: 'json', body: { data: { download_list: await this.downloadUrls(fields.file_list) } } }
      case 'storage.batchDeleteFile':
        return { kind: 'json', body: { data: { delete_list: await this.deleteFiles(fields.fileid_list) } } }
      default:
        throw new CloudError('INVALID_ACTION', `local cloud does not emulate ${req.action}`)
    }
  }

  /**
   * PUT (what @cloudbase/node-sdk sends) or POST multipart with a `file` part to the upload URL from
   * getUploadMetadata; GET/HEAD /__local/storage/<cloudPath> serves a file (the temp URLs point here).
   */
  routes(): HttpRoute {
    return async (req, res, url) => {
      if (url.pathname.startsWith(UPLOAD_PREFIX) && (req.method === 'PUT' || req.method === 'POST')) {
        await this.serveUpload(req, res, url.pathname.slice(UPLOAD_PREFIX.length))
        return true
      }
      if (url.pathname.startsWith(DOWNLOAD_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
        await this.serveDownload(req, res, url.pathname.slice(DOWNLOAD_PREFIX.length))
        return true
      }
      return false
    }
  }

  /** Stores a file directly (seeding, tests) and answers its fileID. */
  async put(cloudPath: string, data: Buffer, contentType?: string): Promise<string> {
    if (!isValidCloudPath(cloudPath)) throw new CloudError('INVALID_PARAM', `invalid cloudPath: ${cloudPath}`)
    const tmp = this.tmpFile()
    await writeFile(tmp, data)
    await this.commit(tmp, cloudPath, contentType)
    return fileIdOf(this.opts.env ?? 'local', cloudPath)
  }

  async close(): Promise<void> {
    this.uploads.clear()
  }

  private uploadMetadata(env: string, cloudPath: unknown): Record<string, string> {
    if (!isValidCloudPath(cloudPath))
      throw new CloudError('INVALID_PARAM', `invalid cloudPath: ${String(cloudPath)}`)
    const now = Date.now()
    for (const [id, u] of this.uploads) if (u.expiresAt < now) this.uploads.delete(id)
    const id = randomUUID()
    const authorization = randomBytes(16).toString('hex')
    this.uploads.set(id, { cloudPath, authorization, expiresAt: now + UPLOAD_TTL_MS })
    return {
      url: `${this.opts.publicBaseUrl()}${UPLOAD_PREFIX}${id}`,
      token: '',
      authorization,
      fileId: fileIdOf(env, cloudPath),
      cosFileId: id,
      download_url: this.tempUrl(cloudPath),
    }
  }

  private async downloadUrls(list: unknown): Promise<Record<string, unknown>[]> {
    if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', 'file_list must be an array')
    if (list.length > MAX_FILES_PER_CALL) {
      throw new CloudError('INVALID_PARAM', `at most ${MAX_FILES_PER_CALL} files per call`)
    }
    return Promise.all(
      list.map(async (item: unknown) => {
        const { fileid: fileID, max_age: maxAge } = (item ?? {}) as { fileid?: unknown; max_age?: unknown }
        const cloudPath = cloudPathOf(fileID)
        if (!cloudPath) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'invalid fileID' }
        if (!(await this.exists(cloudPath))) {
          return {
            fileID,
            tempFileURL: '',
            code: 'STORAGE_FILE_NONEXIST',
            message: 'storage file not exists',
          }
        }
        return {
          fileID,
          tempFileURL: this.tempUrl(cloudPath),
          code: 'SUCCESS',
          maxAge: typeof maxAge === 'number' ? maxAge : DEFAULT_MAX_AGE,
        }
      }),
    )
  }

  private async deleteFiles(list: unknown): Promise<Record<string, unknown>[]> {
    if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', 'fileid_list must be an array')
    if (list.length > MAX_FILES_PER_CALL) {
      throw new CloudError('INVALID_PARAM', `at most ${MAX_FILES_PER_CALL} files per call`)
    }
    return Promise.all(
      list.map(async (fileID: unknown) => {
        const cloudPath = cloudPathOf(fileID)
        if (!cloudPath) return { fileID, code: 'INVALID_PARAM', message: 'invalid fileID' }
        try {
          await unlink(join(this.filesDir, cloudPath))
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code
          if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
            return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' }
          }
          throw err
        }
        await rm(this.metaFile(cloudPath), { force: true })
        return { fileID, code: 'SUCCESS' }
      }),
    )
  }

  /** Temp URLs are not signed and do not expire (see README); the SDK encodeURI()s them before use. */
  private tempUrl(cloudPath: string): string {
    return `${this.opts.publicBaseUrl()}${DOWNLOAD_PREFIX}${cloudPath}`
  }

  private async serveUpload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const upload = this.uploads.get(id)
    if (!upload || upload.expiresAt < Date.now()) {
      req.resume()
      return cosError(res, 403, 'AccessDenied', 'Request has expired or the upload URL is unknown', id)
    }
    const tmp = this.tmpFile()
    if (req.method === 'PUT') {
      if (req.headers.authorization !== upload.authorization) {
        req.resume()
        return cosError(
          res,
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match',
          id,
        )
      }
      try {
        await pipeline(req, createWriteStream(tmp))
      } catch (err) {
        await rm(tmp, { force: true })
        throw err
      }
      await this.commit(tmp, upload.cloudPath, req.headers['content-type'])
    } else {
      const { fields, files } = await readBody(req)
      if (fields.Signature !== upload.authorization && fields.authorization !== upload.authorization) {
        return cosError(
          res,
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match',
          id,
        )
      }
      if (!files.file) return cosError(res, 400, 'InvalidArgument', 'missing file part', id)
      await writeFile(tmp, files.file.data)
      await this.commit(tmp, upload.cloudPath, files.file.mimeType)
    }
    // COS answers an empty body on success; the SDK reads any XML body as an error
    res.writeHead(200, { 'content-length': '0' })
    res.end()
  }

  private async serveDownload(req: IncomingMessage, res: ServerResponse, encodedPath: string): Promise<void> {
    let cloudPath: string
    try {
      cloudPath = encodedPath.split('/').map(decodeURIComponent).join('/')
    } catch {
      return cosError(res, 400, 'InvalidURI', 'could not decode the path', encodedPath)
    }
    const file = join(this.filesDir, cloudPath)
    const size = isValidCloudPath(cloudPath)
      ? await stat(file).then(
          (s) => (s.isFile() ? s.size : -1),
          () => -1,
        )
      : -1
    if (size < 0) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath)
    res.writeHead(200, {
      'content-type': await this.contentTypeOf(cloudPath),
      'content-length': String(size),
      'cache-control': 'no-cache',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    await pipeline(createReadStream(file), res)
  }

  /** Moves a finished temp file into place, so a reader never sees half a file. */
  private async commit(tmp: string, cloudPath: string, contentType: string | undefined): Promise<void> {
    const target = join(this.filesDir, cloudPath)
    try {
      await mkdir(dirname(target), { recursive: true })
      await rename(tmp, target)
    } catch (err) {
      await rm(tmp, { force: true })
      throw new CloudError('STORAGE_REQUEST_FAIL', `cannot store ${cloudPath}: ${(err as Error).message}`)
    }
    const meta = this.metaFile(cloudPath)
    if (contentType && contentType !== 'application/octet-stream') {
      await mkdir(dirname(meta), { recursive: true })
      await writeFile(meta, JSON.stringify({ contentType } satisfies FileMeta))
    } else {
      await rm(meta, { force: true })
    }
  }

  private async contentTypeOf(cloudPath: string): Promise<string> {
    try {
      return (JSON.parse(await readFile(this.metaFile(cloudPath), 'utf8')) as FileMeta).contentType
    } catch {
      return CONTENT_TYPES[extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
    }
  }

  private async exists(cloudPath: string): Promise<boolean> {
    return stat(join(this.filesDir, cloudPath)).then(
      (s) => s.isFile(),
      () => false,
    )
  }

  private metaFile(cloudPath: string): string {
    return join(this.metaDir, `${cloudPath}.json`)
  }

  private tmpFile(): string {
    return join(this.tmpDir, randomUUID())
  }
}

/** COS's error body; @cloudbase/node-sdk reads Code, Message, RequestId and TraceId from it. */
function cosError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  resource: string,
): void {
  const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const requestId = randomBytes(12).toString('base64')
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${esc(message)}</Message>` +
      `<Resource>${esc(resource)}</Resource><RequestId>${requestId}</RequestId><TraceId>${requestId}</TraceId></Error>`,
  )
}
