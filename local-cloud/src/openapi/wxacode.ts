import QRCode from 'qrcode'
import { renderMatrixPng, type Rgba } from './png'
import { isPagePath, wxError, type WxResult } from './wx-error'

const SCENE_MAX = 32
// WeChat's documented scene alphabet: digits, letters and !#$&'()*+,/:;=?@-._~
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/
const ENV_VERSIONS = new Set(['release', 'trial', 'develop'])

export interface WxacodeOptions {
  /** Where the H5 build is served; the code encodes `${h5BaseUrl}/#/${page}?scene=...` instead of a WeChat link. */
  h5BaseUrl: () => string
  /** The app's pages; with check_path (the default) the page must be one of them. */
  pages?: readonly string[]
}

/** The QR margin in modules; tests read the image with the same value. */
export const QR_MARGIN = 2

export function wxacodeTarget(h5BaseUrl: string, page: string, scene: string): string {
  return `${h5BaseUrl.replace(/\/+$/, '')}/#/${page}?scene=${encodeURIComponent(scene)}`
}

/** WeChat's line_color: { r, g, b } as numbers (older docs show digit strings). */
interface Rgb {
  r: number | string
  g: number | string
  b: number | string
}

function rgba(c: Rgb): Rgba {
  const channel = (n: number | string) => Math.max(0, Math.min(255, Math.round(Number(n))))
  return [channel(c.r), channel(c.g), channel(c.b), 255]
}

function isRgb(v: unknown): v is Rgb {
  if (typeof v !== 'object' || v === null) return false
  const c = v as Record<string, unknown>
  return ['r', 'g', 'b'].every(
    (k) => typeof c[k] === 'number' || (typeof c[k] === 'string' && /^\d+$/.test(c[k])),
  )
}

/**
 * `wxacode.getUnlimited`: validates like WeChat (40169 scene length, 40129 scene characters, 41030 page,
 * 40097 other arguments) and answers a real PNG QR code. WeChat draws a round "sun code" and checks the
 * page against the published version; we draw a plain QR code that opens the H5 build.
 */
export function getUnlimited(params: Record<string, unknown>, opts: WxacodeOptions): WxResult {
  const { scene, page, check_path: checkPath, env_version: envVersion, width, line_color: lineColor } = params

  if (typeof scene !== 'string' || scene.length === 0 || scene.length > SCENE_MAX) {
    return wxError(40169, 'invalid length for scene, or the data is not json string')
  }
  if (!SCENE_CHARS.test(scene)) return wxError(40129, 'invalid scene')

  let path = opts.pages?.[0] ?? 'pages/index/index'
  if (page !== undefined && page !== '') {
    if (typeof page !== 'string' || !isPagePath(page)) return wxError(41030, 'invalid page')
    if (checkPath !== false && opts.pages && !opts.pages.includes(page)) return wxError(41030, 'invalid page')
    path = page
  }
  if (envVersion !== undefined && (typeof envVersion !== 'string' || !ENV_VERSIONS.has(envVersion))) {
    return wxError(40097, 'invalid args: env_version')
  }
  const size = width === undefined ? 430 : width
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 280 || size > 1280) {
    return wxError(40097, 'invalid args: width must be 280-1280')
  }
  if (lineColor !== undefined && !isRgb(lineColor)) return wxError(40097, 'invalid args: line_color')

  const qr = QRCode.create(wxacodeTarget(opts.h5BaseUrl(), path, scene), { errorCorrectionLevel: 'M' })
  const png = renderMatrixPng((row, col) => Boolean(qr.modules.get(row, col)), qr.modules.size, {
    width: size,
    margin: QR_MARGIN,
    dark: params.auto_color !== true && lineColor ? rgba(lineColor as Rgb) : [0, 0, 0, 255],
    light: params.is_hyaline === true ? [255, 255, 255, 0] : [255, 255, 255, 255],
  })
  return { kind: 'buffer', contentType: 'image/png', data: png }
}
