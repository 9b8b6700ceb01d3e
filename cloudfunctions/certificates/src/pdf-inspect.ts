/**
 * Test support (certificates unit tests and e2e/certificates.e2e.ts): reads a certificate PDF back without
 * a PDF library — its streams, the ToUnicode map of the embedded CJK font, the embedded glyph programs
 * (CFF CharStrings), the link annotation and the QR code, rebuilt from the drawn squares and decoded by
 * jsQR. Not part of the function's bundle (nothing in src/index.ts imports it).
 */
import { inflateSync } from 'node:zlib'
import jsQR from 'jsqr'

export interface PdfObject {
  id: number
  dict: string
  stream: Buffer | null
}

export function pdfObjects(pdf: Buffer): PdfObject[] {
  const text = pdf.toString('latin1')
  const out: PdfObject[] = []
  const re = /(\d+) 0 obj\s*/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length
    const end = text.indexOf('endobj', start)
    const body = text.slice(start, end)
    const si = body.indexOf('stream')
    let stream: Buffer | null = null
    let dict = body
    if (si >= 0 && /^stream\r?\n/.test(body.slice(si))) {
      dict = body.slice(0, si)
      const dataStart = start + si + (body[si + 6] === '\r' ? 8 : 7)
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1)
      const raw = pdf.subarray(
        dataStart,
        length >= 0 ? dataStart + length : start + body.lastIndexOf('endstream'),
      )
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw
    }
    out.push({ id: Number(m[1]), dict, stream })
    re.lastIndex = end
  }
  return out
}

/** Code → text from every ToUnicode CMap in the PDF (bfchar and bfrange). */
export function toUnicodeMap(objects: PdfObject[]): Map<number, string> {
  const map = new Map<number, string>()
  const ids = new Set(
    objects.flatMap((o) => [...o.dict.matchAll(/\/ToUnicode (\d+) 0 R/g)].map((x) => Number(x[1]))),
  )
  const utf16 = (hex: string) => {
    const units: number[] = []
    for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16))
    return String.fromCharCode(...units)
  }
  for (const o of objects) {
    if (!ids.has(o.id) || !o.stream) continue
    const cmap = o.stream.toString('latin1')
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const x of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
        map.set(parseInt(x[1]!, 16), utf16(x[2]!.replace(/\s/g, '')))
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const x of block[1]!.matchAll(
        /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
      )) {
        const lo = parseInt(x[1]!, 16)
        const hi = parseInt(x[2]!, 16)
        if (x[3]!.startsWith('[')) {
          // pdfkit writes a pair of surrogates with a space between them: <d842 dfb7>
          const items = [...x[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((y) => utf16(y[1]!.replace(/\s/g, '')))
          items.forEach((t, i) => map.set(lo + i, t))
        } else {
          const base = x[3]!.slice(1, -1).replace(/\s/g, '')
          for (let c = lo; c <= hi; c++) {
            const last = parseInt(base.slice(-4), 16) + (c - lo)
            map.set(c, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')))
          }
        }
      }
    }
  }
  return map
}

/** The embedded CFF font programs' CharStrings (one array of glyph programs per FontFile3). */
export function embeddedCharStrings(objects: PdfObject[]): Buffer[][] {
  const ids = new Set(
    objects.flatMap((o) => [...o.dict.matchAll(/\/FontFile3 (\d+) 0 R/g)].map((x) => Number(x[1]))),
  )
  return objects.filter((o) => ids.has(o.id) && o.stream).map((o) => cffCharStrings(o.stream!))
}

function cffIndex(b: Buffer, pos: number): { items: Buffer[]; end: number } {
  const count = b.readUInt16BE(pos)
  if (count === 0) return { items: [], end: pos + 2 }
  const offSize = b[pos + 2]!
  const off = (i: number) => {
    let v = 0
    for (let k = 0; k < offSize; k++) v = v * 256 + b[pos + 3 + i * offSize + k]!
    return v
  }
  const dataStart = pos + 3 + (count + 1) * offSize - 1
  const items: Buffer[] = []
  for (let i = 0; i < count; i++) items.push(b.subarray(dataStart + off(i), dataStart + off(i + 1)))
  return { items, end: dataStart + off(count) }
}

/** The CharStrings offset (operator 17) of a Top DICT. */
function charStringsOffset(dict: Buffer): number {
  const operands: number[] = []
  for (let i = 0; i < dict.length;) {
    const b0 = dict[i]!
    if (b0 <= 21) {
      let op = b0
      i++
      if (b0 === 12) op = 1200 + dict[i++]!
      if (op === 17) return operands[operands.length - 1]!
      operands.length = 0
    } else if (b0 === 28) {
      operands.push(dict.readInt16BE(i + 1))
      i += 3
    } else if (b0 === 29) {
      operands.push(dict.readInt32BE(i + 1))
      i += 5
    } else if (b0 === 30) {
      i++
      while (i < dict.length && (dict[i]! & 0x0f) !== 0x0f && (dict[i]! & 0xf0) !== 0xf0) i++
      i++
      operands.push(0)
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139)
      i++
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + dict[i + 1]! + 108)
      i += 2
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - dict[i + 1]! - 108)
      i += 2
    } else {
      i++
    }
  }
  throw new Error('no CharStrings in the CFF Top DICT')
}

function cffCharStrings(cff: Buffer): Buffer[] {
  const headerSize = cff[2]!
  const names = cffIndex(cff, headerSize)
  const top = cffIndex(cff, names.end)
  return cffIndex(cff, charStringsOffset(top.items[0]!)).items
}

/**
 * For each character: the glyph program the PDF draws it with (found through the ToUnicode map), or null
 * when the PDF has no code for it or only .notdef (glyph 0) / an empty program.
 */
export function glyphProgramsFor(pdf: Buffer, chars: string[]): Array<Buffer | null> {
  const objects = pdfObjects(pdf)
  const map = toUnicodeMap(objects)
  const fonts = embeddedCharStrings(objects)
  return chars.map((ch) => {
    const code = [...map].find(([, t]) => t === ch)?.[0]
    if (code === undefined || code === 0) return null
    const program = fonts.map((f) => f[code]).find((p) => p && p.length > 8 && !p.equals(f0(fonts)))
    return program ?? null
  })
}

function f0(fonts: Buffer[][]): Buffer {
  return fonts[0]?.[0] ?? Buffer.alloc(0)
}

/** Every link annotation's URI. */
export function linkUris(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'))
}

/**
 * The QR code of the page, decoded: the filled squares of the content streams (`x y w h re`) that form
 * the largest grid of equal cells are painted into a bitmap (with a quiet zone) and given to jsQR.
 */
export function decodeQr(pdf: Buffer): string | null {
  const rects: Array<[number, number, number, number]> = []
  for (const o of pdfObjects(pdf)) {
    if (!o.stream) continue
    const s = o.stream.toString('latin1')
    for (const m of s.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) {
      rects.push([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])])
    }
  }
  const sizes = new Map<string, number>()
  for (const r of rects) sizes.set(`${r[2].toFixed(3)}`, (sizes.get(`${r[2].toFixed(3)}`) ?? 0) + 1)
  const [cellKey] = [...sizes].sort((a, b) => b[1] - a[1])[0] ?? []
  if (!cellKey) return null
  const cell = Number(cellKey)
  const cells = rects.filter((r) => r[2].toFixed(3) === cellKey && Math.abs(Math.abs(r[3]) - cell) < 0.01)
  const minX = Math.min(...cells.map((r) => r[0]))
  const minY = Math.min(...cells.map((r) => r[1]))
  const cols = Math.round((Math.max(...cells.map((r) => r[0])) - minX) / cell) + 1
  const rows = Math.round((Math.max(...cells.map((r) => r[1])) - minY) / cell) + 1
  const n = Math.max(cols, rows)
  const scale = 8
  const quiet = 4
  const side = (n + quiet * 2) * scale
  const data = new Uint8ClampedArray(side * side * 4).fill(255)
  for (const r of cells) {
    const cx = Math.round((r[0] - minX) / cell) + quiet
    const cy = Math.round((r[1] - minY) / cell) + quiet
    for (let y = cy * scale; y < (cy + 1) * scale; y++) {
      for (let x = cx * scale; x < (cx + 1) * scale; x++) {
        const i = (y * side + x) * 4
        data[i] = data[i + 1] = data[i + 2] = 0
      }
    }
  }
  // pdfkit's content is drawn top-down (its transform flips y), so rows read as they were drawn
  return jsQR(data, side, side)?.data ?? null
}
