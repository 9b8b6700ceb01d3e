import { randomBytes } from 'node:crypto'

/** What one emulated API answers: WeChat's JSON body, an image, or a platform error in `CommOpenApiResp.errorCode`. */
export type WxResult =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'buffer'; contentType: string; data: Buffer }
  | { kind: 'system'; errorCode: number; message: string }

/** WeChat appends a request id to every errmsg ("... rid: 64b67d10-41990089-63b86d0d"); so do we. */
export function rid(): string {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}

export function wxError(errcode: number, errmsg: string): WxResult {
  return { kind: 'json', body: { errcode, errmsg: `${errmsg} rid: ${rid()}` } }
}

export function wxOk(extra: Record<string, unknown> = {}): WxResult {
  return { kind: 'json', body: { errcode: 0, errmsg: 'ok', ...extra } }
}

/** openids are 28 characters of [A-Za-z0-9_-] in production; local demo identities may be longer. */
export function isOpenid(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)
}

/** A mini-program page path as WeChat wants it: no leading slash, segments of word characters. */
export function isPagePath(value: string): boolean {
  return /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)*$/.test(value)
}
