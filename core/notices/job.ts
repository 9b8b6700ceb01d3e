/**
 * The fan-out job's rules, free of I/O: its states, what a WeChat error means for one delivery and for
 * the job, retry backoff, the send rate and the batch budget inside a function's timeout.
 */

/** running → completed, or → halted (a data/config error every send would hit); halted → running on resume. */
export type JobState = 'running' | 'completed' | 'halted'
export type JobKind = 'practiceDay' | 'adhoc'

export type JobEvent = 'finished' | 'halt' | 'resume'

const TRANSITIONS: Record<JobState, Partial<Record<JobEvent, JobState>>> = {
  running: { finished: 'completed', halt: 'halted' },
  halted: { resume: 'running' },
  completed: {},
}

export function canTransition(from: JobState, event: JobEvent): boolean {
  return TRANSITIONS[from][event] !== undefined
}

export function transition(from: JobState, event: JobEvent): JobState {
  const to = TRANSITIONS[from][event]
  if (!to) throw new Error(`a ${from} job cannot ${event}`)
  return to
}

/** One delivery per (job, subscriber): pending is claimed and being sent; sent and failed are final. */
export type DeliveryState = 'pending' | 'sent' | 'failed'

export const FAILURE_REASONS = [
  'no_credit',
  'data_error',
  'config_error',
  'invalid_user',
  'transient',
  'interrupted',
  'other',
] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

export const FAILURE_REASON_LABELS: Record<FailureReason, string> = {
  no_credit: '用户未订阅或次数已用完',
  data_error: '消息内容不符合微信要求',
  config_error: '模板或页面配置有误',
  invalid_user: '用户标识无效',
  transient: '微信繁忙，多次重试仍失败',
  interrupted: '发送中断，无法确认是否送达',
  other: '其他错误',
}

/** What to do after one send attempt failed. */
export type SendErrorClass =
  /** 43101: WeChat holds no credit for this user and template; our record is corrected to none */
  | { kind: 'no_credit'; reason: 'no_credit' }
  /** 47003 (bad data), 40037 (bad template id), 41030 (bad page), -604101 (no permission): every send would fail the same way: stop the job */
  | { kind: 'halt'; reason: 'data_error' | 'config_error' }
  /** 40003: this openid is not valid for the app */
  | { kind: 'invalid_user'; reason: 'invalid_user' }
  /** the message was not taken: retry after a backoff (bounded) */
  | { kind: 'transient'; reason: 'transient' }
  /** no answer from WeChat (network, timeout): the message may or may not have been sent */
  | { kind: 'ambiguous'; reason: 'interrupted' }
  | { kind: 'other'; reason: 'other' }

/** -1 system busy; 45009/45011 frequency limits; -601001 the platform's system error. */
const TRANSIENT = new Set([-1, 45009, 45011, -601001])

export function classifySendError(errCode: number | undefined): SendErrorClass {
  if (errCode === undefined || Number.isNaN(errCode)) return { kind: 'ambiguous', reason: 'interrupted' }
  if (errCode === 43101) return { kind: 'no_credit', reason: 'no_credit' }
  if (errCode === 47003) return { kind: 'halt', reason: 'data_error' }
  if (errCode === 40037 || errCode === 41030 || errCode === -604101)
    return { kind: 'halt', reason: 'config_error' }
  if (errCode === 40003) return { kind: 'invalid_user', reason: 'invalid_user' }
  if (TRANSIENT.has(errCode)) return { kind: 'transient', reason: 'transient' }
  return { kind: 'other', reason: 'other' }
}

/**
 * A delivery found pending when a run starts was claimed by a run that died after the claim was written
 * and before its outcome was: a claim is written just before its send, so the request to WeChat had been
 * issued (or was about to be, in the same instant). With at most one credit in WeChat a resend decides
 * it: if the first attempt got through the credit is gone and WeChat answers 43101, which then means
 * "it was delivered". With more credits a resend would deliver a second message, so the delivery is
 * taken as sent (the request had left): the one case that cannot be decided is a run that died in the
 * instant between its claim being written and its request leaving (docs/notices.md).
 */
export function recoverInterrupted(credits: number): 'resend' | 'assume_sent' {
  return credits <= 1 ? 'resend' : 'assume_sent'
}

export interface BackoffOptions {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 3000 }
export const MAX_SEND_ATTEMPTS = 4

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt 2 up to 2×base, … capped. */
export function backoffMs(
  attempt: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * The send rate: `reserve(now)` takes the next free slot (slots are 1/perSecond apart) and answers how
 * long to wait before using it. Slots are never saved up, so a pause is not followed by a burst.
 */
export class RateLimiter {
  private nextFree = 0

  constructor(private readonly perSecond: number) {
    if (!(perSecond > 0)) throw new RangeError(`rate must be positive: ${perSecond}`)
  }

  reserve(now: number): number {
    const interval = 1000 / this.perSecond
    const slot = Math.max(this.nextFree, now)
    this.nextFree = slot + interval
    return Math.max(0, slot - now)
  }
}

/**
 * The platform kills a function at its timeout (config.json "timeout"), so a run stops taking new work
 * at a fraction of it and leaves the rest to the next run: what is left must finish in-flight sends
 * and write the checkpoint.
 */
export function batchDeadline(startedAt: number, timeoutMs: number, fraction = 0.7): number {
  return startedAt + Math.floor(timeoutMs * fraction)
}

/**
 * A lease on a job: one run at a time. The platform kills a run at its timeout, so a run that took the
 * lease at `acquiredAt` is gone by `acquiredAt + timeout`: the lease ends a little after that (clock
 * slack), never sooner, and is not renewed. A live run never loses it; a killed one frees it soon.
 */
export const LEASE_SLACK_MS = 5000

export function leaseUntil(acquiredAt: number, timeoutMs: number): Date {
  return new Date(acquiredAt + timeoutMs + LEASE_SLACK_MS)
}

export type FailedCounts = Record<FailureReason, number>

export interface JobCounts {
  /** subscribers with a credit when the job started */
  total: number
  sent: number
  failed: FailedCounts
}

export function emptyFailed(): FailedCounts {
  return Object.fromEntries(FAILURE_REASONS.map((r) => [r, 0])) as FailedCounts
}

export function failedTotal(failed: FailedCounts): number {
  return FAILURE_REASONS.reduce((sum, r) => sum + (failed[r] ?? 0), 0)
}

/** Still to do; 0 once the job is completed whatever the estimate said. */
export function remainingOf(state: JobState, counts: JobCounts): number {
  if (state === 'completed') return 0
  return Math.max(0, counts.total - counts.sent - failedTotal(counts.failed))
}

/** An ad-hoc notice is about something coming: not long past, not more than a year ahead, not endless. */
export const ADHOC_PAST_SLACK_MS = 10 * 60_000
export const ADHOC_MAX_AHEAD_MS = 366 * 24 * 3600_000
export const ADHOC_MAX_LENGTH_MS = 31 * 24 * 3600_000

/** What is wrong with an ad-hoc notice's times (field → Chinese message), or null. */
export function adhocTimeProblem(
  start: number,
  end: number | null,
  now: number,
): { field: 'start' | 'end'; message: string } | null {
  if (start < now - ADHOC_PAST_SLACK_MS)
    return { field: 'start', message: '开始时间已经过去了，请选择今后的时间' }
  if (start > now + ADHOC_MAX_AHEAD_MS)
    return { field: 'start', message: '开始时间太远了，只能通知一年以内的事' }
  if (end !== null && end <= start) return { field: 'end', message: '结束时间要晚于开始时间' }
  if (end !== null && end - start > ADHOC_MAX_LENGTH_MS)
    return { field: 'end', message: '结束时间离开始时间太远了，请检查日期' }
  return null
}
