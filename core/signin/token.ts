/**
 * The rotating volunteer sign-in code (志愿者签到码) shown on a manager's phone. Volunteers' hours become
 * credit with real value, so the code is a token bound to one activity and one 30-second step, signed
 * with a server secret, and accepted only in its own step and the next one: a code lives at most 60 s,
 * and a photo of yesterday's code, a code of another activity or a made-up code is refused.
 *
 * Layout (30 chars, so `v=<token>` fits the 32-char scene):
 *   key   8  base64url(HMAC("key|" + activityId))[0..8]: finds the activity (collection signin_keys)
 *   step  6  floor(unix ms / 30 000) in base 36, zero-padded
 *   flag  1  "1" when the manager allowed signing in without location (geofence override), else "0"
 *   mac  15  base64url(HMAC("v1|" + activityId + "|" + step + "|" + flag))[0..15], 90 bits
 *
 * This module is pure: the HMAC is passed in (node:crypto on the server, see the signin function), so
 * the secret and the crypto never reach a client bundle.
 */
import { VOLUNTEER_TOKEN_LENGTH } from './scene'

export const TOKEN_STEP_SECONDS = 30
const STEP_MS = TOKEN_STEP_SECONDS * 1000
const KEY_LENGTH = 8
const STEP_LENGTH = 6
const MAC_LENGTH = 15

/** HMAC-SHA256 of a UTF-8 message with the server secret. */
export type Hmac = (message: string) => Uint8Array

export interface ReadToken {
  key: string
  step: number
  allowWithoutLocation: boolean
  mac: string
}

export type TokenCheck =
  | { ok: true; step: number; allowWithoutLocation: boolean }
  | { ok: false; reason: 'malformed' | 'other_activity' | 'forged' | 'expired' | 'not_yet' }

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

export function base64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63]
  }
  return out
}

export function stepOf(now: Date): number {
  return Math.floor(now.getTime() / STEP_MS)
}

export function activityKey(activityId: string, hmac: Hmac): string {
  return base64url(hmac(`key|${activityId}`)).slice(0, KEY_LENGTH)
}

function macOf(activityId: string, step: number, flag: string, hmac: Hmac): string {
  return base64url(hmac(`v1|${activityId}|${step}|${flag}`)).slice(0, MAC_LENGTH)
}

export interface IssuedToken {
  token: string
  step: number
  /** when the manager's screen should fetch the next code */
  refreshAt: Date
  /** the last instant this token is accepted (exclusive) */
  expiresAt: Date
}

export function issueToken(
  args: { activityId: string; now: Date; allowWithoutLocation?: boolean },
  hmac: Hmac,
): IssuedToken {
  const step = stepOf(args.now)
  const flag = args.allowWithoutLocation ? '1' : '0'
  const stepText = step.toString(36).padStart(STEP_LENGTH, '0')
  const token = `${activityKey(args.activityId, hmac)}${stepText}${flag}${macOf(args.activityId, step, flag, hmac)}`
  return {
    token,
    step,
    refreshAt: new Date((step + 1) * STEP_MS),
    expiresAt: new Date((step + 2) * STEP_MS),
  }
}

/** Splits a token into its parts, or undefined when it is not shaped like one. Checks nothing else. */
export function readToken(token: string): ReadToken | undefined {
  if (token.length !== VOLUNTEER_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined
  const key = token.slice(0, KEY_LENGTH)
  const stepText = token.slice(KEY_LENGTH, KEY_LENGTH + STEP_LENGTH)
  const flag = token[KEY_LENGTH + STEP_LENGTH]
  const mac = token.slice(KEY_LENGTH + STEP_LENGTH + 1)
  if (!/^[0-9a-z]+$/.test(stepText) || (flag !== '0' && flag !== '1')) return undefined
  return { key, step: parseInt(stepText, 36), allowWithoutLocation: flag === '1', mac }
}

/** Compares without an early exit, so the time taken says nothing about how much of a MAC was right. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return diff === 0
}

/**
 * Verifies a token for `activityId` at `now`. Accepted steps: the previous, the current and the next
 * one (the last absorbs clock differences between function instances).
 */
export function verifyToken(token: string, activityId: string, now: Date, hmac: Hmac): TokenCheck {
  const read = readToken(token)
  if (!read) return { ok: false, reason: 'malformed' }
  if (!sameText(read.key, activityKey(activityId, hmac))) return { ok: false, reason: 'other_activity' }
  const flag = read.allowWithoutLocation ? '1' : '0'
  if (!sameText(read.mac, macOf(activityId, read.step, flag, hmac))) return { ok: false, reason: 'forged' }
  const current = stepOf(now)
  if (read.step < current - 1) return { ok: false, reason: 'expired' }
  if (read.step > current + 1) return { ok: false, reason: 'not_yet' }
  return { ok: true, step: read.step, allowWithoutLocation: read.allowWithoutLocation }
}
