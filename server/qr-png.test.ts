import { inflateSync } from 'node:zlib'
import QRCode from 'qrcode'
import { qrPngDataUrl } from './qr-png'

/** Reads back a greyscale, unfiltered PNG as written by qrPngDataUrl. */
function decode(dataUrl: string): { width: number; height: number; pixel(x: number, y: number): number } {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  let offset = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      expect([data[8], data[9]]).toEqual([8, 0])
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  expect(raw.length).toBe((width + 1) * height)
  return { width, height, pixel: (x, y) => raw[y * (width + 1) + 1 + x]! }
}

describe('qrPngDataUrl', () => {
  it('draws every module of the QR code, with a quiet zone', () => {
    const text = 'http://127.0.0.1:5000/#/pages/scan/index?scene=v%3DAbCdEfGh0abc1z0123456789-_ABCD'
    const scale = 4
    const img = decode(qrPngDataUrl(text, scale))
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    expect(img.width).toBe((modules.size + 4) * scale)
    expect(img.height).toBe(img.width)
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        const centre = img.pixel((x + 2) * scale + 1, (y + 2) * scale + 2)
        expect(centre).toBe(modules.get(y, x) ? 0 : 255)
      }
    }
    for (let i = 0; i < img.width; i++) {
      expect(img.pixel(i, 0)).toBe(255)
      expect(img.pixel(0, i)).toBe(255)
    }
  })
})
