/**
 * The pickup code as a QR image (a PNG data URL) for the resident's redemption: drawn on the server from
 * qrcode's module matrix (qrcode is already bundled by the functions; the mini-program's packages gain
 * nothing). Greyscale, 4-module quiet zone, error correction M; `p=<code>` (18 bytes) is a 25×25 code.
 */
import QRCode from 'qrcode'
import { deflateSync } from 'node:zlib'
import { PNG_SIGNATURE, pngChunk } from '../../../server/png'

export function pickupQrDataUrl(code: string, scale = 8): string {
  const { modules } = QRCode.create(`p=${code}`, { errorCorrectionLevel: 'M' })
  const margin = 4
  const n = modules.size + 2 * margin
  const side = n * scale
  const raw = Buffer.alloc((side + 1) * side, 0xff)
  for (let y = 0; y < n; y++) {
    const row = Buffer.alloc(side + 1, 0xff)
    row[0] = 0 // filter: none
    for (let x = 0; x < n; x++) {
      const my = y - margin
      const mx = x - margin
      if (my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx)) {
        row.fill(0, 1 + x * scale, 1 + (x + 1) * scale)
      }
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
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
  return `data:image/png;base64,${png.toString('base64')}`
}
