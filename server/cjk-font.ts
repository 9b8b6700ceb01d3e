/**
 * The CJK font every server-side drawing uses (the certificate PDF, posters): Noto Sans CJK SC (SIL OFL
 * 1.1), a complete Chinese font — every 通用规范汉字 and the rare ones in names (𠮷 U+20BB7, 堃, 燚).
 *
 * Public API (stable; other contexts import it — do not change the signature):
 *
 *   loadCjkFont(options?: LoadCjkFontOptions): Promise<CjkFont>
 *     → { bytes: Buffer, postscriptName: string, collection: boolean, source: 'memory' | 'cache' | 'storage' | 'file' }
 *
 *   `bytes` is the font file as found: an OpenType collection (.ttc, Debian's NotoSansCJK-Regular.ttc) or a
 *   single font (.otf/.ttf). `postscriptName` names the face to use inside it ('NotoSansCJKsc-Regular' in the
 *   collection; a single font's own name otherwise). `collection` tells which: pass the name to the drawing
 *   library only for a collection (to fontkit, and so pdfkit, a name given with a single font means a
 *   variation and fails): pdfkit `doc.registerFont('cjk', font.bytes, font.collection ? font.postscriptName :
 *   undefined)`; fontkit `fontkit.create(font.bytes, font.collection ? font.postscriptName : undefined)`.
 *
 * Where the font comes from (docs/certificates.md "The font"), first found wins:
 *   1. memory: loaded before by this instance (one load per warm instance);
 *   2. cache: `os.tmpdir()/cjk-font/<name>`, written after a download (survives a frozen instance's thaw);
 *   3. storage: cloud storage, when `CJK_FONT_FILE_ID` (server/env.ts) names the file — the deployed way: the
 *      font is uploaded once to `fonts/NotoSansCJK-Regular.ttc` (docs/deploy.md), whatever machine deploys;
 *   4. file: `options.path`, else Debian's fonts-noto-cjk file (/usr/share/fonts/opentype/noto/
 *      NotoSansCJK-Regular.ttc: the local cloud, `npm start`, tests and CI; `bash scripts/install-cjk-font.sh`
 *      installs it when missing).
 * None found → AppError FONT_MISSING with a message saying what to do. The function bundle never carries the
 * font (19 MB): a function deployed from macOS or Windows works the same, the font is in storage.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../core/errors'
import { serverEnv } from './env'

/** Debian's fonts-noto-cjk file (the package scripts/install-cjk-font.sh installs). */
export const DEBIAN_CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
/** The simplified-Chinese face of the collection. */
export const CJK_FACE = 'NotoSansCJKsc-Regular'
/** Where the font lives in cloud storage (docs/deploy.md: upload it there once, set CJK_FONT_FILE_ID). */
export const CJK_FONT_CLOUD_PATH = 'fonts/NotoSansCJK-Regular.ttc'

export interface CjkFont {
  /** the font file's bytes (a collection or a single font) */
  bytes: Buffer
  /** the PostScript name of the face to use inside `bytes` */
  postscriptName: string
  /** true when `bytes` is a collection (.ttc) and `postscriptName` picks the face in it */
  collection: boolean
  /** where this load found it */
  source: 'memory' | 'cache' | 'storage' | 'file'
}

/** The one thing of wx-server-sdk the loader needs (a fake in tests). */
export interface FontStorage {
  downloadFile(args: { fileID: string }): Promise<{ fileContent?: Buffer | Uint8Array }>
}

export interface LoadCjkFontOptions {
  /** wx-server-sdk (the handler's `cloud`): reads the font from storage when CJK_FONT_FILE_ID is set */
  cloud?: FontStorage
  /** the storage fileID; default CJK_FONT_FILE_ID from the function's environment */
  fileID?: string
  /** a font file on disk to use when storage is not configured; default Debian's path */
  path?: string
  /** the face's PostScript name inside a collection; default NotoSansCJKsc-Regular */
  face?: string
  /** where downloads are cached; default os.tmpdir()/cjk-font */
  cacheDir?: string
}

const memory = new Map<string, Promise<CjkFont>>()

/** The CJK font's bytes and face (see the top of this file). Concurrent calls share one load. */
export function loadCjkFont(options: LoadCjkFontOptions = {}): Promise<CjkFont> {
  const fileID = options.fileID ?? serverEnv().CJK_FONT_FILE_ID
  const filePath = options.path ?? DEBIAN_CJK_FONT_PATH
  const face = options.face ?? CJK_FACE
  const key = `${fileID ?? ''}|${fileID ? '' : filePath}|${face}`
  const known = memory.get(key)
  if (known) return known.then((f) => ({ ...f, source: 'memory' as const }))
  const loading = load(fileID, filePath, face, options).catch((err: unknown) => {
    memory.delete(key)
    throw err
  })
  memory.set(key, loading)
  return loading
}

/** Forgets what this instance loaded (tests). */
export function forgetCjkFont(): void {
  memory.clear()
}

async function load(
  fileID: string | undefined,
  filePath: string,
  face: string,
  options: LoadCjkFontOptions,
): Promise<CjkFont> {
  if (fileID) {
    const dir = options.cacheDir ?? path.join(os.tmpdir(), 'cjk-font')
    const cached = path.join(dir, fileID.replace(/[^A-Za-z0-9._-]/g, '_'))
    if (existsSync(cached)) return checked(readFileSync(cached), face, 'cache')
    if (!options.cloud) {
      throw new AppError('FONT_MISSING', '证书字体无法读取：缺少云存储访问，请联系管理员')
    }
    let content: Buffer | Uint8Array | undefined
    try {
      content = (await options.cloud.downloadFile({ fileID })).fileContent
    } catch (err) {
      console.error('cjk-font: download failed', fileID, err)
    }
    if (!content || content.length === 0) {
      throw new AppError(
        'FONT_MISSING',
        '证书字体文件在云存储中不存在，请管理员按部署说明上传 fonts/NotoSansCJK-Regular.ttc 并设置 CJK_FONT_FILE_ID',
      )
    }
    const bytes = Buffer.from(content)
    const font = checked(bytes, face, 'storage')
    try {
      mkdirSync(dir, { recursive: true })
      const tmp = `${cached}.${process.pid}.part`
      writeFileSync(tmp, bytes)
      renameSync(tmp, cached)
    } catch (err) {
      console.warn('cjk-font: could not cache the font', err)
    }
    return font
  }
  if (!existsSync(filePath)) {
    throw new AppError(
      'FONT_MISSING',
      '证书字体未配置：请管理员上传字体到云存储并设置 CJK_FONT_FILE_ID（本机可运行 bash scripts/install-cjk-font.sh）',
    )
  }
  return checked(readFileSync(filePath), face, 'file')
}

/**
 * The face's name as the bytes hold it: a collection must contain `face` (its offset table is read, no
 * font library needed); a single font answers its own PostScript name. Anything else is FONT_MISSING.
 */
function checked(bytes: Buffer, face: string, source: CjkFont['source']): CjkFont {
  const names = postscriptNames(bytes)
  if (names.length === 0) {
    throw new AppError('FONT_MISSING', '证书字体文件已损坏或不是字体文件，请管理员重新上传')
  }
  const isCollection = bytes.toString('latin1', 0, 4) === 'ttcf'
  if (isCollection && !names.includes(face)) {
    throw new AppError(
      'FONT_MISSING',
      `证书字体文件中没有所需字形（${face}），请管理员上传 NotoSansCJK-Regular.ttc`,
    )
  }
  return { bytes, postscriptName: isCollection ? face : names[0]!, collection: isCollection, source }
}

/** PostScript names (name ID 6) of each face in a font file or collection; [] when it is not one. */
export function postscriptNames(bytes: Buffer): string[] {
  if (bytes.length < 12) return []
  const tag = bytes.toString('latin1', 0, 4)
  const offsets: number[] = []
  if (tag === 'ttcf') {
    const count = bytes.readUInt32BE(8)
    for (let i = 0; i < count && 12 + i * 4 + 4 <= bytes.length; i++)
      offsets.push(bytes.readUInt32BE(12 + i * 4))
  } else if (tag === 'OTTO' || tag === 'true' || bytes.readUInt32BE(0) === 0x00010000) {
    offsets.push(0)
  } else {
    return []
  }
  return offsets.map((o) => faceName(bytes, o)).filter((n): n is string => Boolean(n))
}

function faceName(bytes: Buffer, offset: number): string | undefined {
  if (offset + 12 > bytes.length) return undefined
  const numTables = bytes.readUInt16BE(offset + 4)
  for (let i = 0; i < numTables; i++) {
    const rec = offset + 12 + i * 16
    if (rec + 16 > bytes.length) return undefined
    if (bytes.toString('latin1', rec, rec + 4) !== 'name') continue
    const table = bytes.readUInt32BE(rec + 8)
    const count = bytes.readUInt16BE(table + 2)
    const strings = table + bytes.readUInt16BE(table + 4)
    for (let j = 0; j < count; j++) {
      const r = table + 6 + j * 12
      const platform = bytes.readUInt16BE(r)
      const nameId = bytes.readUInt16BE(r + 6)
      if (nameId !== 6) continue
      const length = bytes.readUInt16BE(r + 8)
      const start = strings + bytes.readUInt16BE(r + 10)
      if (platform === 1) return bytes.toString('latin1', start, start + length)
      if (platform === 3 || platform === 0) {
        let s = ''
        for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(bytes.readUInt16BE(start + k))
        return s
      }
    }
  }
  return undefined
}
