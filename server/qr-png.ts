import { deflateSync } from 'node:zlib'
import QRCode from 'qrcode'
import { PNG_SIGNATURE, pngChunk } from './png'

/**
 * A QR code as a greyscale PNG data URL, `scale` pixels per module with a `margin`-module quiet zone
 * (signin's rotating code, credit's pickup code). Drawn here from qrcode's module matrix: its own PNG
 * renderer works pixel by pixel and takes ~80 ms for a code this size, this takes about 1 ms, and the
 * manager's screen asks for a new code every 30 s. Error correction M.
 */
export function qrPngDataUrl(text: string, scale = 10, margin = 2): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size + 2 * margin
  const side = n * scale
  const raw = Buffer.alloc((side + 1) * side, 0xff)
  for (let y = 0; y < n; y++) {
    const row = Buffer.alloc(side + 1, 0xff)
    row[0] = 0 // filter: none
    for (let x = 0; x < n; x++) {
      const my = y - margin
      const mx = x - margin
      const dark = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx)
      if (dark) row.fill(0, 1 + x * scale, 1 + (x + 1) * scale)
    }
    for (let k = 0; k < scale; k++) row.copy(raw, (y * scale + k) * (side + 1))
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // greyscale
  const png = Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
  return `data:image/png;base64,${png.toString('base64')}`
}
