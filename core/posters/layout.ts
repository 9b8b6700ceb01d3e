/**
 * The weekly poster (每周活动预告) as SVG: a tall 1080 px image for a WeChat group, large type, dates
 * written out (「12月1日 星期二 上午9:00–11:00」), the unit's QR code at the bottom. Pure: the server
 * renders the SVG to PNG (cloudfunctions/posters/src/render.ts) with the CJK font; tests read the layout.
 */
import type { ActivityListItem, PosterLine } from '../contract'
import { formatSpan } from '../time'

export const POSTER_WIDTH = 1080
/** Lines drawn at most; the rest are counted (「还有 N 场活动」). */
export const POSTER_MAX_LINES = 20
/** Bumped whenever the drawing changes: stored posters of an older layout are drawn again. */
export const POSTER_LAYOUT_VERSION = 1

const PAD = 72
const INNER = POSTER_WIDTH - 2 * PAD
const RED = '#b3261e'
const INK = '#1f2328'
const GREY = '#3d444d'
const CODE_SIZE = 400

/** The font family the SVG names (Noto Sans CJK SC, the face server/cjk-font.ts loads). */
export const POSTER_FONT_FAMILY = 'Noto Sans CJK SC'

export interface PosterInput {
  unitName: string
  phone: string
  weekLabel: string
  lines: PosterLine[]
  more: number
  /** the QR code PNG, base64 (no data: prefix) */
  codePngBase64: string
}

export interface PosterLayout {
  svg: string
  width: number
  height: number
  /** where the title of the first activity is drawn (tests look for its pixels) */
  firstTitleBox: { x: number; y: number; width: number; height: number } | null
}

/** The activities the poster shows: published (cancelled left out), by start, at most POSTER_MAX_LINES. */
export function posterLines(items: readonly ActivityListItem[]): { lines: PosterLine[]; more: number } {
  const shown = items.filter((a) => a.status === 'published').sort((a, b) => a.start - b.start)
  return {
    lines: shown.slice(0, POSTER_MAX_LINES).map((a) => ({
      activityId: a._id,
      title: a.title,
      when: formatSpan(a.start, a.end),
      place: a.place,
      note: noteOf(a),
    })),
    more: Math.max(0, shown.length - POSTER_MAX_LINES),
  }
}

function noteOf(a: ActivityListItem): string | null {
  const parts: string[] = []
  if (a.practiceDay) parts.push('文明实践日')
  if (a.registrationRequired) parts.push(a.capacity ? `需报名 · 限 ${a.capacity} 人` : '需报名')
  return parts.length ? parts.join(' · ') : null
}

/** Drops what XML cannot carry and escapes the rest. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A character's advance in em: CJK and full-width forms 1, ASCII about 0.56, a space 0.3. */
function advance(ch: string): number {
  const c = ch.codePointAt(0) ?? 0
  if (c === 0x20) return 0.3
  if (c < 0x2e80) return c < 0x80 ? 0.56 : 0.7
  return 1
}

/** Splits text into lines no wider than `width` px at `size` px, at most `max` lines (the last ends …). */
export function wrap(text: string, size: number, width: number, max = 3): string[] {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  const lines: string[] = []
  let line = ''
  let w = 0
  for (const ch of chars) {
    const a = advance(ch) * size
    if (w + a > width && line) {
      lines.push(line)
      line = ''
      w = 0
      if (lines.length === max) break
    }
    if (!line && ch === ' ') continue
    line += ch
    w += a
  }
  if (lines.length < max && line) lines.push(line)
  else if (lines.length === max && (line || chars.length > lines.join('').length)) {
    const last = Array.from(lines[max - 1]!)
    lines[max - 1] = `${last.slice(0, Math.max(1, last.length - 1)).join('')}…`
  }
  return lines
}

class Svg {
  parts: string[] = []
  y = 0
  text(s: string, x: number, y: number, size: number, fill: string, extra = ''): void {
    this.parts.push(`<text x="${x}" y="${y}" font-size="${size}" fill="${fill}"${extra}>${xmlText(s)}</text>`)
  }
  /** Wrapped text from the current y: each line's baseline at y + size; returns the lines drawn. */
  block(s: string, size: number, fill: string, opts: { max?: number; gap?: number; anchor?: 'middle' } = {}) {
    const lines = wrap(s, size, INNER, opts.max ?? 3)
    const lineHeight = Math.round(size * 1.35)
    for (const l of lines) {
      this.y += lineHeight
      const x = opts.anchor === 'middle' ? POSTER_WIDTH / 2 : PAD
      const anchor = opts.anchor === 'middle' ? ' text-anchor="middle"' : ''
      this.text(l, x, this.y - Math.round(size * 0.3), size, fill, anchor)
    }
    this.y += opts.gap ?? 0
    return lines
  }
}

export function posterSvg(input: PosterInput): PosterLayout {
  const s = new Svg()
  // header band
  const head = new Svg()
  head.y = 56
  head.block('每周活动预告', 96, '#ffffff', { gap: 12 })
  head.block(input.unitName, 52, '#ffffff', { max: 2, gap: 8 })
  head.block(input.weekLabel, 48, '#ffe9a8', { max: 1 })
  const headH = head.y + 56
  s.parts.push(`<rect x="0" y="0" width="${POSTER_WIDTH}" height="${headH}" fill="${RED}"/>`, ...head.parts)
  s.y = headH + 24

  let firstTitleBox: PosterLayout['firstTitleBox'] = null
  if (!input.lines.length) {
    s.y += 40
    s.block('这一周暂无活动安排', 60, INK, { anchor: 'middle', gap: 8 })
    s.block('欢迎扫码关注本站后续活动', 44, GREY, { anchor: 'middle', gap: 24 })
  }
  input.lines.forEach((line, i) => {
    s.y += 16
    s.block(line.when, 48, RED, { max: 2, gap: 4 })
    const titleTop = s.y
    s.block(line.title, 60, INK, { max: 3, gap: 4 })
    if (i === 0) firstTitleBox = { x: PAD, y: titleTop, width: INNER, height: s.y - titleTop }
    s.block(`地点：${line.place}`, 44, GREY, { max: 2, gap: 2 })
    if (line.note) s.block(line.note, 40, GREY, { max: 1 })
    s.y += 28
    if (i < input.lines.length - 1) {
      s.parts.push(`<rect x="${PAD}" y="${s.y}" width="${INNER}" height="3" fill="#d0d7de"/>`)
    }
    s.y += 8
  })
  if (input.more > 0) {
    s.y += 16
    s.block(`还有 ${input.more} 场活动，请扫码查看`, 44, RED, { anchor: 'middle', gap: 8 })
  }

  // footer: the QR code and how to use it
  s.y += 40
  s.parts.push(`<rect x="0" y="${s.y}" width="${POSTER_WIDTH}" height="4" fill="${RED}"/>`)
  s.y += 56
  const codeX = (POSTER_WIDTH - CODE_SIZE) / 2
  s.parts.push(
    `<image x="${codeX}" y="${s.y}" width="${CODE_SIZE}" height="${CODE_SIZE}" href="data:image/png;base64,${input.codePngBase64}"/>`,
  )
  s.y += CODE_SIZE + 16
  s.block('微信扫码 进入本站 查看详情、报名', 44, INK, { anchor: 'middle', gap: 4 })
  if (input.phone) s.block(`咨询电话：${input.phone}`, 44, INK, { anchor: 'middle', max: 1 })
  const height = Math.ceil(s.y + 72)

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER_WIDTH}" height="${height}" viewBox="0 0 ${POSTER_WIDTH} ${height}" font-family="${POSTER_FONT_FAMILY}">` +
    `<rect x="0" y="0" width="${POSTER_WIDTH}" height="${height}" fill="#fffdf8"/>` +
    s.parts.join('') +
    `</svg>`
  return { svg, width: POSTER_WIDTH, height, firstTitleBox }
}
