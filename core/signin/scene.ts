/**
 * The scene carried by a printed station code and by the rotating volunteer code.
 *
 * wxacode.getUnlimited takes a scene of at most 32 visible characters from digits, letters and
 * !#$&'()*+,/:;=?@-._~ (platform-facts "Mini-program codes"). Ours are:
 *   s=<unitCode>   a station's printed code; unitCode is Unit.code, 1–30 of [A-Za-z0-9_-]
 *   v=<token>      a volunteer sign-in code; token is 30 chars of [A-Za-z0-9_-] (see token.ts)
 * The H5 build opens `<origin>/#/pages/scan/index?scene=<encodeURIComponent(scene)>`.
 */

export const SCENE_MAX_LENGTH = 32
export const SCAN_PAGE = 'pages/scan/index'
/** WeChat's scene alphabet. */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/
const UNIT_CODE = /^[A-Za-z0-9_-]{1,30}$/
export const VOLUNTEER_TOKEN_LENGTH = 30
const TOKEN = /^[A-Za-z0-9_-]{30}$/

export type ParsedScene =
  | { kind: 'station'; unitCode: string }
  | { kind: 'volunteer'; token: string }
  | { kind: 'invalid'; reason: SceneProblem }

export type SceneProblem = 'empty' | 'too_long' | 'bad_characters' | 'unknown_kind' | 'bad_code'

export function isUnitCode(code: string): boolean {
  return UNIT_CODE.test(code)
}

export function stationScene(unitCode: string): string {
  if (!isUnitCode(unitCode)) throw new RangeError(`not a unit code usable in a scene: ${unitCode}`)
  return `s=${unitCode}`
}

export function volunteerScene(token: string): string {
  if (!TOKEN.test(token)) throw new RangeError('not a volunteer token')
  return `v=${token}`
}

/** Undoes the URL encoding a scene picks up on its way (WeChat passes it encoded; some paths encode twice). */
function decodeRepeatedly(text: string): string {
  let out = text
  for (let i = 0; i < 3 && out.includes('%'); i++) {
    try {
      out = decodeURIComponent(out)
    } catch {
      return out
    }
  }
  return out
}

export function parseScene(raw: string | null | undefined): ParsedScene {
  const scene = decodeRepeatedly((raw ?? '').trim())
  if (scene === '') return { kind: 'invalid', reason: 'empty' }
  if (scene.length > SCENE_MAX_LENGTH) return { kind: 'invalid', reason: 'too_long' }
  if (!SCENE_CHARS.test(scene)) return { kind: 'invalid', reason: 'bad_characters' }
  const kind = scene.slice(0, 2)
  const value = scene.slice(2)
  if (kind === 's=') {
    return isUnitCode(value) ? { kind: 'station', unitCode: value } : { kind: 'invalid', reason: 'bad_code' }
  }
  if (kind === 'v=') {
    return TOKEN.test(value) ? { kind: 'volunteer', token: value } : { kind: 'invalid', reason: 'bad_code' }
  }
  return { kind: 'invalid', reason: 'unknown_kind' }
}

/** The value of `scene=` in a URL or path, or undefined. */
function sceneParam(text: string): string | undefined {
  const m = /[?&]scene=([^&#]*)/.exec(text)
  return m ? m[1] : undefined
}

/**
 * The scene from whatever a scan handed us: the scan page's launch params (`scene` from a mini-program
 * code; `q` from a plain QR code opened through 扫普通链接二维码打开小程序), or the text and path that
 * scanCode reads (a URL, a `pages/scan/index?scene=…` path, or the bare scene).
 */
export function sceneFrom(source: { scene?: string; q?: string; result?: string; path?: string }): string {
  if (source.scene) return decodeRepeatedly(source.scene)
  for (const text of [source.path, source.q && decodeRepeatedly(source.q), source.result]) {
    if (!text) continue
    const param = sceneParam(text)
    if (param !== undefined) return decodeRepeatedly(param)
  }
  return decodeRepeatedly((source.result ?? '').trim())
}

/** The H5 address a printed or rotating code opens: `<base>#/pages/scan/index?scene=<scene>`. */
export function scanUrl(base: string, scene: string): string {
  const root = base.replace(/#.*$/, '').replace(/\/+$/, '')
  return `${root}/#/${SCAN_PAGE}?scene=${encodeURIComponent(scene)}`
}

export const SCENE_PROBLEM_MESSAGES: Record<SceneProblem, string> = {
  empty: '没有读到二维码内容，请对准站点门口的二维码重新扫描',
  too_long: '这个二维码不是文明实践站的二维码，请扫描站点门口张贴的二维码',
  bad_characters: '这个二维码不是文明实践站的二维码，请扫描站点门口张贴的二维码',
  unknown_kind: '这个二维码不是文明实践站的二维码，请扫描站点门口张贴的二维码',
  bad_code: '二维码内容不完整或已损坏，请重新扫描或联系站点工作人员',
}
