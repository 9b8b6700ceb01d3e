import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cloud from 'wx-server-sdk'
import { CloudHttpServer } from '../server'
import { cloudPathOf, fileIdOf, isValidCloudPath, Storage } from './index'

// The real SDK, pointed at our server; it reads these at call time (fake credentials skip a ~5 s probe).
process.env.TENCENTCLOUD_SECRETID = 'local'
process.env.TENCENTCLOUD_SECRETKEY = 'local'
process.env.TENCENTCLOUD = 'true'

// the SDK's typings allow `void` for these two (callback style); with a promise-style call they resolve
type TempUrls = Exclude<ReturnType<typeof cloud.getTempFileURL>, void>
type Deleted = Exclude<ReturnType<typeof cloud.deleteFile>, void>
const getTempFileURL = (fileList: Parameters<typeof cloud.getTempFileURL>[0]['fileList']) =>
  cloud.getTempFileURL({ fileList }) as TempUrls
const deleteFile = (fileList: string[]) => cloud.deleteFile({ fileList }) as Deleted

/** Compares big buffers by digest: jest's element-wise toEqual takes seconds on 200 KB. */
const sha = (b: Buffer | ArrayBuffer): string =>
  createHash('sha256')
    .update(Buffer.from(b as ArrayBuffer))
    .digest('hex')

let server: CloudHttpServer
let storage: Storage
let dataDir: string
let baseUrl: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'storage-test-'))
  server = new CloudHttpServer()
  storage = await Storage.open({ dataDir, publicBaseUrl: () => baseUrl })
  server.handleAdmin('storage', (req) => storage.handle(req))
  server.route(storage.routes())
  baseUrl = `http://127.0.0.1:${await server.listen(0)}`
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${baseUrl}/admin` })
  cloud.init({ env: 'test-2g3ql' })
})

afterAll(async () => {
  await storage.close()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('storage through wx-server-sdk', () => {
  it('uploads, serves the same bytes at the temp URL, downloads, deletes, and then it is gone', async () => {
    const bytes = randomBytes(200_000)
    const cloudPath = 'qrcodes/站点 1.png'

    const uploaded = await cloud.uploadFile({ cloudPath, fileContent: bytes })
    expect(uploaded.fileID).toBe(`cloud://test-2g3ql.7465-test-2g3ql-1300000000/${cloudPath}`)
    expect(uploaded.errMsg).toBe('uploadFile:ok')
    expect(sha(await readFile(join(dataDir, 'storage', 'files', cloudPath)))).toBe(sha(bytes))

    const temp = await getTempFileURL([uploaded.fileID])
    const [item] = temp.fileList
    expect(item).toMatchObject({ fileID: uploaded.fileID, status: 0, errMsg: 'ok' })
    const res = await fetch(encodeURI(item.tempFileURL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(sha(await res.arrayBuffer())).toBe(sha(bytes))

    const downloaded = await cloud.downloadFile({ fileID: uploaded.fileID })
    expect(sha(downloaded.fileContent)).toBe(sha(bytes))

    const deleted = await deleteFile([uploaded.fileID])
    expect(deleted.fileList).toEqual([{ fileID: uploaded.fileID, status: 0, errMsg: 'ok' }])

    expect((await fetch(encodeURI(item.tempFileURL))).status).toBe(404)
    const after = await getTempFileURL([uploaded.fileID])
    expect(after.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' })
    // @cloudbase/node-sdk throws its own TcbError here (errCode -1, code STORAGE_FILE_NONEXIST), as in production
    await expect(cloud.downloadFile({ fileID: uploaded.fileID })).rejects.toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
      errMsg: expect.stringMatching(/storage file not exists/),
    })
    const again = await deleteFile([uploaded.fileID])
    expect(again.fileList[0]).toMatchObject({ status: -503003 })
  })

  it('overwrites a file uploaded again to the same path', async () => {
    const { fileID } = await cloud.uploadFile({
      cloudPath: 'notices/a.txt',
      fileContent: Buffer.from('first'),
    })
    await cloud.uploadFile({ cloudPath: 'notices/a.txt', fileContent: Buffer.from('second') })
    const { fileContent } = await cloud.downloadFile({ fileID })
    expect(fileContent.toString()).toBe('second')
  })

  it('answers per-file results for a mixed list and echoes maxAge', async () => {
    const fileID = await storage.put('seed/report.pdf', Buffer.from('%PDF-1.4'), 'application/pdf')
    const missing = fileIdOf('test-2g3ql', 'seed/missing.pdf')
    const res = await getTempFileURL([{ fileID, maxAge: 120 }, missing])
    expect(res.fileList.map((f) => f.status)).toEqual([0, -503003])
    expect(res.fileList[0].maxAge).toBe(120)
    const head = await fetch(res.fileList[0].tempFileURL, { method: 'HEAD' })
    expect(head.headers.get('content-type')).toBe('application/pdf')
    expect(head.headers.get('content-length')).toBe('8')
  })

  it('refuses a cloud path that climbs out of storage', async () => {
    await expect(
      cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }),
    ).rejects.toMatchObject({
      code: 'INVALID_PARAM',
      errMsg: expect.stringMatching(/invalid cloudPath/),
    })
    await expect(readFile(join(dataDir, 'storage', 'escape.txt'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(storage.put('a/../../b', Buffer.from('x'))).rejects.toThrow(/invalid cloudPath/)
    expect((await fetch(`${baseUrl}/__local/storage/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404)
  })

  it('rejects an upload whose signature does not match', async () => {
    const meta = (await (
      await fetch(`${baseUrl}/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'x/y.bin', envName: 'test-2g3ql' }),
      })
    ).json()) as { data: { url: string; authorization: string } }
    const bad = await fetch(meta.data.url, {
      method: 'PUT',
      headers: { authorization: 'nope' },
      body: 'data',
    })
    expect(bad.status).toBe(403)
    expect(await bad.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/)
    const good = await fetch(meta.data.url, {
      method: 'PUT',
      headers: { authorization: meta.data.authorization },
      body: 'data',
    })
    expect(good.status).toBe(200)
  })
})

describe('fileIDs and cloud paths', () => {
  it('builds and parses fileIDs like the real ones', () => {
    const id = fileIdOf('prod-7ab', 'a/b.png')
    expect(id).toBe('cloud://prod-7ab.7072-prod-7ab-1300000000/a/b.png')
    expect(cloudPathOf(id)).toBe('a/b.png')
    expect(cloudPathOf('https://example.com/a.png')).toBeUndefined()
  })

  it.each(['', '/abs.png', 'a//b', 'a/./b', 'a/../b', 'what?.png', 'hash#.png', '100%.png'])(
    'rejects %p',
    (p) => {
      expect(isValidCloudPath(p)).toBe(false)
    },
  )

  it.each(['a.png', '活动/封面 1.jpg', 'u/o_123/avatar.webp'])('accepts %p', (p) => {
    expect(isValidCloudPath(p)).toBe(true)
  })
})
