import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AppError } from '../core/errors'
import { CJK_FACE, DEBIAN_CJK_FONT_PATH, forgetCjkFont, loadCjkFont, postscriptNames } from './cjk-font'

// fontkit comes with pdfkit; only what the test reads is typed here
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as {
  create(
    bytes: Buffer,
    postscriptName?: string,
  ): { glyphForCodePoint(cp: number): { id: number; path: { commands: unknown[] } } }
}

/** The names of the issue: one outside the BMP (𠮷 U+20BB7) and two rare ones. */
const RARE = ['𠮷', '堃', '燚']

let dir: string
beforeAll(() => {
  execFileSync('bash', [path.resolve(__dirname, '..', 'scripts', 'install-cjk-font.sh')], {
    stdio: 'inherit',
  })
  dir = mkdtempSync(path.join(os.tmpdir(), 'cjk-font-test-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeEach(() => forgetCjkFont())

function glyphsOf(bytes: Buffer, face: string): number[] {
  // a name picks a face in a collection (to a single font it would name a variation)
  const font = fontkit.create(bytes, bytes.toString('latin1', 0, 4) === 'ttcf' ? face : undefined)
  return RARE.map((ch) => {
    const g = font.glyphForCodePoint(ch.codePointAt(0)!)
    return g.id !== 0 && g.path.commands.length > 0 ? g.id : 0
  })
}

test('reads the SC face of Debian’s collection, with real glyphs for 𠮷 堃 燚', async () => {
  const font = await loadCjkFont()
  expect(font.source).toBe('file')
  expect(font.postscriptName).toBe(CJK_FACE)
  expect(font.collection).toBe(true)
  expect(postscriptNames(font.bytes)).toContain('NotoSansCJKsc-Regular')
  expect(glyphsOf(font.bytes, font.postscriptName).every((id) => id > 0)).toBe(true)
  // a second load is the same bytes from memory
  const again = await loadCjkFont()
  expect(again.source).toBe('memory')
  expect(again.bytes).toBe(font.bytes)
})

test('the glyph check can fail: a Latin-only font has no 𠮷', () => {
  const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
  if (!existsSync(latin))
    return expect(glyphsOf(readFileSync(DEBIAN_CJK_FONT_PATH), CJK_FACE)).not.toContain(0)
  const bytes = readFileSync(latin)
  expect(glyphsOf(bytes, postscriptNames(bytes)[0]!)).toContain(0)
})

test('from cloud storage: downloaded once, cached on disk, then read from the cache', async () => {
  const bytes = readFileSync(DEBIAN_CJK_FONT_PATH)
  const downloads: string[] = []
  const cloud = {
    downloadFile: async ({ fileID }: { fileID: string }) => {
      downloads.push(fileID)
      return { fileContent: bytes }
    },
  }
  const fileID = 'cloud://prod.bucket/fonts/NotoSansCJK-Regular.ttc'
  const options = { cloud, fileID, cacheDir: dir, path: '/nonexistent/font.ttc' }
  const [a, b] = await Promise.all([loadCjkFont(options), loadCjkFont(options)])
  expect(downloads).toEqual([fileID])
  expect(a.source).toBe('storage')
  expect(b.postscriptName).toBe(CJK_FACE)
  forgetCjkFont()
  const cached = await loadCjkFont(options)
  expect(cached.source).toBe('cache')
  expect(downloads).toHaveLength(1)
  expect(cached.bytes.equals(bytes)).toBe(true)
})

test('missing or broken font → FONT_MISSING with what to do', async () => {
  await expect(loadCjkFont({ path: '/nonexistent/font.ttc' })).rejects.toMatchObject({
    code: 'FONT_MISSING',
    message: expect.stringContaining('CJK_FONT_FILE_ID'),
  })
  const cloud = { downloadFile: async () => Promise.reject(new Error('storage file not exists')) }
  await expect(
    loadCjkFont({ cloud, fileID: 'cloud://prod.bucket/fonts/x.ttc', cacheDir: path.join(dir, 'none') }),
  ).rejects.toBeInstanceOf(AppError)
  const junk = path.join(dir, 'junk.ttc')
  writeFileSync(junk, 'not a font at all')
  await expect(loadCjkFont({ path: junk })).rejects.toMatchObject({ code: 'FONT_MISSING' })
  // a collection without the SC face
  await expect(loadCjkFont({ face: 'NoSuchFace-Regular' })).rejects.toMatchObject({ code: 'FONT_MISSING' })
})
