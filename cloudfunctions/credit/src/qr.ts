/**
 * The pickup code as a QR image (a PNG data URL) for the resident's redemption, drawn on the server (the
 * mini-program's packages gain nothing): 8 px a module, a 4-module quiet zone; `p=<code>` (18 bytes) is a
 * 25×25 code.
 */
import { qrPngDataUrl } from '../../../server/qr-png'

export function pickupQrDataUrl(code: string, scale = 8): string {
  return qrPngDataUrl(`p=${code}`, scale, 4)
}
