import { deflateSync } from 'node:zlib'
import QRCode from 'qrcode'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/**
 * A QR code as a greyscale PNG data URL, `scale` pixels per module with a 2-module quiet zone. Drawn
 * here from qrcode's module matrix: its own PNG renderer works pixel by pixel and takes ~80 ms for a
 * code this size, this takes about 1 ms, and the manager's screen asks for a new code every 30 s.
 */
export function qrPngDataUrl(text: string, scale = 10): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const margin = 2
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
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return `data:image/png;base64,${png.toString('base64')}`
}
