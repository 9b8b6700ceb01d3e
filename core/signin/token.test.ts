import { createHmac } from 'node:crypto'
import { parseScene, volunteerScene } from './scene'
import {
  activityKey,
  base64url,
  issueToken,
  readToken,
  stepOf,
  TOKEN_STEP_SECONDS,
  verifyToken,
  type Hmac,
} from './token'

const hmacWith =
  (secret: string): Hmac =>
  (message) =>
    createHmac('sha256', secret).update(message, 'utf8').digest()
const hmac = hmacWith('test-secret-0123456789abcdef0123456789')
const now = new Date('2025-11-25T09:10:05+08:00')
const seconds = (s: number) => new Date(now.getTime() + s * 1000)

describe('base64url', () => {
  it('matches node’s encoder', () => {
    for (const len of [0, 1, 2, 3, 4, 5, 31, 32]) {
      const bytes = createHmac('sha256', 'x').update(String(len)).digest().subarray(0, len)
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
    }
  })
})

describe('volunteer tokens', () => {
  it('fit the 32-char scene and round-trip through it', () => {
    const { token } = issueToken({ activityId: 'act-0001', now }, hmac)
    expect(token).toHaveLength(30)
    const scene = volunteerScene(token)
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(parseScene(scene)).toEqual({ kind: 'volunteer', token })
    expect(readToken(token)).toMatchObject({ key: activityKey('act-0001', hmac), step: stepOf(now) })
  })

  it('are accepted in their own step and the next, i.e. for at most a minute', () => {
    const issued = issueToken({ activityId: 'act-0001', now }, hmac)
    expect(issued.expiresAt.getTime() - issued.refreshAt.getTime()).toBe(TOKEN_STEP_SECONDS * 1000)
    expect(issued.expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(60_000)
    expect(verifyToken(issued.token, 'act-0001', now, hmac)).toEqual({
      ok: true,
      step: issued.step,
      allowWithoutLocation: false,
    })
    const lastMoment = new Date(issued.expiresAt.getTime() - 1)
    expect(verifyToken(issued.token, 'act-0001', lastMoment, hmac).ok).toBe(true)
    expect(verifyToken(issued.token, 'act-0001', issued.expiresAt, hmac)).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses a photo of yesterday’s code', () => {
    const yesterday = issueToken({ activityId: 'act-0001', now: seconds(-86_400) }, hmac)
    expect(verifyToken(yesterday.token, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a code from far in the future (a wrong clock on the issuing side)', () => {
    const later = issueToken({ activityId: 'act-0001', now: seconds(120) }, hmac)
    expect(verifyToken(later.token, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'not_yet' })
    const nextStep = issueToken({ activityId: 'act-0001', now: seconds(TOKEN_STEP_SECONDS) }, hmac)
    expect(verifyToken(nextStep.token, 'act-0001', now, hmac).ok).toBe(true)
  })

  it('refuses a code of another activity', () => {
    const other = issueToken({ activityId: 'act-0002', now }, hmac)
    expect(verifyToken(other.token, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'other_activity' })
  })

  it('refuses a forged code: another secret, a changed step or a changed flag', () => {
    const forged = issueToken({ activityId: 'act-0001', now }, hmacWith('guessed-secret'))
    // Another secret also changes the key, so the forgery does not even name the activity.
    expect(verifyToken(forged.token, 'act-0001', now, hmac).ok).toBe(false)

    const real = issueToken({ activityId: 'act-0001', now: seconds(-86_400) }, hmac).token
    const fresh = stepOf(now).toString(36).padStart(6, '0')
    const restamped = real.slice(0, 8) + fresh + real.slice(14)
    expect(verifyToken(restamped, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'forged' })

    const strict = issueToken({ activityId: 'act-0001', now }, hmac).token
    const loosened = strict.slice(0, 14) + '1' + strict.slice(15)
    expect(verifyToken(loosened, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'forged' })

    const flipped = strict.slice(0, 29) + (strict[29] === 'A' ? 'B' : 'A')
    expect(verifyToken(flipped, 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'forged' })
  })

  it('carries the manager’s location override, covered by the MAC', () => {
    const { token } = issueToken({ activityId: 'act-0001', now, allowWithoutLocation: true }, hmac)
    expect(verifyToken(token, 'act-0001', now, hmac)).toMatchObject({ ok: true, allowWithoutLocation: true })
  })

  it('says a token is malformed when it is not shaped like one', () => {
    expect(verifyToken('short', 'act-0001', now, hmac)).toEqual({ ok: false, reason: 'malformed' })
    const { token } = issueToken({ activityId: 'act-0001', now }, hmac)
    expect(verifyToken(token.slice(0, 14) + '2' + token.slice(15), 'act-0001', now, hmac)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(readToken(token.slice(0, 8) + 'ZZZZZZ' + token.slice(14))).toBeUndefined()
  })

  it('derives a stable 8-char key per activity', () => {
    expect(activityKey('act-0001', hmac)).toBe(activityKey('act-0001', hmac))
    expect(activityKey('act-0001', hmac)).not.toBe(activityKey('act-0002', hmac))
    expect(activityKey('act-0001', hmac)).toMatch(/^[A-Za-z0-9_-]{8}$/)
  })
})
