import { deflateSync } from 'node:zlib'
import { PNG_SIGNATURE, pngChunk } from '../../../server/png'

export type Rgba = [number, number, number, number]

/**
 * Draws a square module matrix (a QR code) as an RGBA PNG of `width` pixels with `margin` light modules
 * around it. Written here rather than with qrcode's renderer, whose per-pixel JavaScript runs ~50×
 * slower under jest's module sandbox (1.5 s for one 430 px code); rows are built with Buffer.fill and
 * reused, so a 1280 px code takes milliseconds anywhere.
 */
export function renderMatrixPng(
  isDark: (row: number, col: number) => boolean,
  size: number,
  opts: { width: number; margin: number; dark: Rgba; light: Rgba },
): Buffer {
  const { width, margin, dark, light } = opts
  const scale = width / (size + 2 * margin)
  const moduleAt = (px: number) => Math.floor(px / scale) - margin
  const stride = 1 + width * 4
  const lightRow = Buffer.alloc(stride)
  for (let x = 0; x < width; x++) lightRow.set(light, 1 + x * 4)
  const darkPixel = Buffer.from(dark)

  const rows = new Map<number, Buffer>()
  const rowFor = (m: number): Buffer => {
    if (m < 0 || m >= size) return lightRow
    let row = rows.get(m)
    if (row) return row
    row = Buffer.from(lightRow)
    for (let x = 0; x < width; x++) {
      const c = moduleAt(x)
      if (c >= 0 && c < size && isDark(m, c)) darkPixel.copy(row, 1 + x * 4)
    }
    rows.set(m, row)
    return row
  }

  const raw = Buffer.alloc(stride * width)
  for (let y = 0; y < width; y++) rowFor(moduleAt(y)).copy(raw, y * stride)

  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(width, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
