import {
  backoffMs,
  batchDeadline,
  canTransition,
  classifySendError,
  emptyFailed,
  leaseUntil,
  RateLimiter,
  recoverInterrupted,
  adhocTimeProblem,
  remainingOf,
  transition,
} from './job'

describe('job states', () => {
  it('runs to completed, or halts and resumes', () => {
    expect(transition('running', 'finished')).toBe('completed')
    expect(transition('running', 'halt')).toBe('halted')
    expect(transition('halted', 'resume')).toBe('running')
  })

  it('never leaves completed', () => {
    expect(canTransition('completed', 'resume')).toBe(false)
    expect(() => transition('completed', 'halt')).toThrow(/completed/)
    expect(() => transition('halted', 'finished')).toThrow()
  })
})

describe('classifySendError', () => {
  it('reads 43101 as no credit left', () => {
    expect(classifySendError(43101)).toEqual({ kind: 'no_credit', reason: 'no_credit' })
  })

  it('halts on a data error (47003) and on template or page errors', () => {
    expect(classifySendError(47003)).toEqual({ kind: 'halt', reason: 'data_error' })
    expect(classifySendError(40037).kind).toBe('halt')
    expect(classifySendError(41030).kind).toBe('halt')
    expect(classifySendError(-604101)).toEqual({ kind: 'halt', reason: 'config_error' })
  })

  it('retries system busy and frequency limits', () => {
    for (const code of [-1, 45009, -601001]) expect(classifySendError(code).kind).toBe('transient')
  })

  it('treats no answer at all as ambiguous: the message may have gone out', () => {
    expect(classifySendError(undefined)).toEqual({ kind: 'ambiguous', reason: 'interrupted' })
  })

  it('records a bad openid against the user only', () => {
    expect(classifySendError(40003).kind).toBe('invalid_user')
    expect(classifySendError(12345).kind).toBe('other')
  })
})

describe('recoverInterrupted', () => {
  it('resends only when WeChat would refuse a second message (one credit); otherwise takes it as sent', () => {
    expect(recoverInterrupted(0)).toBe('resend')
    expect(recoverInterrupted(1)).toBe('resend')
    expect(recoverInterrupted(2)).toBe('assume_sent')
    expect(recoverInterrupted(12)).toBe('assume_sent')
  })
})

describe('backoffMs', () => {
  it('grows exponentially within [ceiling/2, ceiling] and is capped', () => {
    const opts = { baseMs: 100, maxMs: 1000 }
    expect(backoffMs(1, opts, () => 0)).toBe(50)
    expect(backoffMs(1, opts, () => 1)).toBe(100)
    expect(backoffMs(3, opts, () => 1)).toBe(400)
    expect(backoffMs(10, opts, () => 1)).toBe(1000)
    expect(backoffMs(10, opts, () => 0)).toBe(500)
  })
})

describe('RateLimiter', () => {
  it('spaces sends 1/rate apart and never saves slots up for a burst', () => {
    const rate = new RateLimiter(10)
    expect(rate.reserve(0)).toBe(0)
    expect(rate.reserve(0)).toBe(100)
    expect(rate.reserve(0)).toBe(200)
    // after a long pause the next send goes at once, the one after waits a full interval
    expect(rate.reserve(10_000)).toBe(0)
    expect(rate.reserve(10_000)).toBe(100)
  })

  it('keeps any one-second window to the rate', () => {
    const rate = new RateLimiter(50)
    const times: number[] = []
    let now = 0
    for (let i = 0; i < 500; i++) {
      now += rate.reserve(now)
      times.push(now)
    }
    for (let i = 0; i + 50 < times.length; i++)
      expect(times[i + 50]! - times[i]!).toBeGreaterThanOrEqual(1000)
  })

  it('refuses a zero rate', () => {
    expect(() => new RateLimiter(0)).toThrow(RangeError)
  })
})

describe('batch budget and lease', () => {
  it('stops taking work at 70% of the timeout', () => {
    expect(batchDeadline(1000, 60_000)).toBe(43_000)
  })

  it('holds the lease past the timeout so a live run never loses it', () => {
    expect(leaseUntil(0, 60_000).getTime()).toBeGreaterThan(60_000)
  })
})

describe('remainingOf', () => {
  it('is total minus settled while running, and 0 once completed', () => {
    const counts = { total: 10, sent: 6, failed: { ...emptyFailed(), no_credit: 1 } }
    expect(remainingOf('running', counts)).toBe(3)
    expect(remainingOf('completed', counts)).toBe(0)
  })
})

describe('adhocTimeProblem', () => {
  const now = Date.UTC(2026, 10, 25, 2, 0)
  const hour = 3600_000
  it('refuses 1970, the past and absurd dates, each with a Chinese message naming the field', () => {
    expect(adhocTimeProblem(0, null, now)).toMatchObject({
      field: 'start',
      message: expect.stringMatching(/已经过去/),
    })
    expect(adhocTimeProblem(now - 2 * hour, null, now)?.field).toBe('start')
    expect(adhocTimeProblem(now + 400 * 24 * hour, null, now)?.message).toMatch(/太远/)
    expect(adhocTimeProblem(now + hour, now + hour, now)?.field).toBe('end')
    expect(adhocTimeProblem(now + hour, now + 40 * 24 * hour, now)?.field).toBe('end')
  })
  it('accepts a coming event, and one that began minutes ago', () => {
    expect(adhocTimeProblem(now + 24 * hour, now + 26 * hour, now)).toBeNull()
    expect(adhocTimeProblem(now - 5 * 60_000, null, now)).toBeNull()
  })
})
