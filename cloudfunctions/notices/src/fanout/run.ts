/**
 * One run of a fan-out job: take the job's lease, settle what a dead run left pending, then walk the
 * subscribers with a credit in openid order from the checkpoint — claim, send, settle — until done or
 * until the batch budget (a fraction of the function's timeout) is spent; then checkpoint, release and
 * hand over to a fresh invocation.
 *
 * Exactly once per (job, subscriber): the delivery document's _id is the claim (a second insert fails),
 * written by the worker just before that subscriber's send, never ahead for a batch: so a pending
 * delivery always means "the request was issued", and one that was never claimed was never sent.
 * A credit is spent only after WeChat took the message and at most once per job (lastJobId); a delivery
 * left pending by a killed run is resolved by `recoverInterrupted` (core/notices/job.ts).
 *
 * `crashPoint` marks each step for the kill-point tests (a no-op unless a test names the point).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  backoffMs,
  batchDeadline,
  classifySendError,
  emptyFailed,
  failedTotal,
  FAILURE_REASONS,
  leaseUntil,
  MAX_SEND_ATTEMPTS,
  RateLimiter,
  recoverInterrupted,
  type FailedCounts,
  type FailureReason,
  type JobState,
  type SendErrorClass,
} from '../../../../core/notices/job'
import { buildTemplateData, NoticeDataError } from '../../../../core/notices/template'
import { parseShanghaiDate } from '../../../../core/time'
import { activities } from '../../../../core/contract/activities.collections'
import { subscriptions, type SubscriptionDoc } from '../../../../core/contract/inbox.collections'
import {
  notice_deliveries,
  notice_jobs,
  type DeliveryDoc,
  type JobDoc,
} from '../../../../core/contract/notices.collections'
import { from } from '../../../../server/db'
import { crashPoint } from '../../../../server/crash-point'
import { isNotFound } from '../../../../server/router'
import type { Command, Db, OpenApi } from '../../../../server/types'
import { loadJob } from '../model'
import { noticeEvent, writeInbox } from './inbox'
import { activitiesByUnit, valuesFor, type PracticeActivityDoc } from './values'

/** Subscribers read per query (the platform clamps reads at 1000). */
const READ_PAGE = 1000
/** Subscribers handled between two checkpoints. */
const CHUNK = 100
const RECOVER_PAGE = 100
/** Past this fraction of the timeout no retry waits: the run must end before the platform kills it. */
const HARD_STOP_FRACTION = 0.85

export interface RunDeps {
  db: Db
  _: Command
  now: () => Date
  openapi: OpenApi
  /** identifies this run in leases and claims */
  runId: string
  /** the function's timeout (the platform kills the run there) */
  timeoutMs: number
  /** stop taking new work after this long (default 70% of the timeout) */
  budgetMs?: number
  random?: () => number
}

export interface RunReport {
  jobId: string
  /** false when another run holds the job, or it is not running */
  ran: boolean
  state: JobState | 'missing'
  sent: number
  failed: number
  /** the job goes on in another run */
  more: boolean
}

type Outcome =
  /** unconfirmed: taken as sent by recovery without WeChat's answer (see recoverInterrupted) */
  | { kind: 'sent'; attempts: number; unconfirmed?: boolean }
  | {
      kind: 'failed'
      reason: FailureReason
      errCode: number | null
      errMsg: string | null
      attempts: number
      halt: boolean
      /** WeChat holds no credit for this user: our record goes to 0 */
      noCredit: boolean
    }

function errCodeOf(err: unknown): number | undefined {
  const code = (err as { errCode?: unknown })?.errCode
  return typeof code === 'number' ? code : undefined
}

function errMsgOf(err: unknown): string {
  const e = err as { errMsg?: unknown; message?: unknown }
  return String(e?.errMsg ?? e?.message ?? err).slice(0, 300)
}

function failure(
  cls: SendErrorClass,
  errCode: number | null,
  errMsg: string | null,
  attempts: number,
): Outcome {
  return {
    kind: 'failed',
    reason: cls.reason,
    errCode,
    errMsg,
    attempts,
    halt: cls.kind === 'halt',
    noCredit: cls.kind === 'no_credit' || cls.kind === 'invalid_user',
  }
}

/** What a manager reads on a halted job: what WeChat refused and where to fix it. */
export function haltMessageOf(outcome: Extract<Outcome, { kind: 'failed' }>): string {
  const field =
    /data\.([a-z_]+\d+)/.exec(outcome.errMsg ?? '')?.[1] ??
    outcome.errMsg?.match(/^([a-z_]+\d+)/)?.[1] ??
    null
  const code = outcome.errCode === null ? '' : `（微信错误码 ${outcome.errCode}）`
  if (outcome.reason === 'data_error') {
    return `已暂停：数据错误${code}${field ? `，模板关键词「${field}」的内容不符合微信要求` : ''}。请在设置中检查模板关键词，改好后点「继续发送」。`
  }
  return `已暂停：模板或页面配置有误${code}。请核对模板 ID 和跳转页面，改好后点「继续发送」。`
}

class Run {
  private job!: JobDoc
  private readonly startedAt = Date.now()
  private readonly deadline: number
  private readonly hardStop: number
  private limiter!: RateLimiter
  private byUnit = new Map<string, PracticeActivityDoc>()
  private halted: Extract<Outcome, { kind: 'failed' }> | null = null
  private leaseOk = true
  private sentIds: string[] = []
  private spendIds: string[] = []
  /** sent after retries: their attempt count is worth keeping */
  private retried: { id: string; attempts: number; unconfirmed: boolean }[] = []
  private delta = { sent: 0, failed: emptyFailed() }
  private handled = 0
  /** deliveries this run began (claim or recovery): numbers the kill points */
  private begun = 0
  private waves = 0
  private inboxes = 0
  private flushes = 0
  private checkpoints = 0
  private totals = { sent: 0, failed: 0 }

  constructor(
    private readonly jobId: string,
    private readonly deps: RunDeps,
  ) {
    this.deadline = deps.budgetMs
      ? this.startedAt + deps.budgetMs
      : batchDeadline(this.startedAt, deps.timeoutMs)
    this.hardStop = this.startedAt + deps.timeoutMs * HARD_STOP_FRACTION
  }

  private get jobs() {
    return from(this.deps.db, notice_jobs)
  }

  private get deliveries() {
    return from(this.deps.db, notice_deliveries)
  }

  private get subscriptions() {
    return from(this.deps.db, subscriptions)
  }

  private report(ran: boolean, state: RunReport['state'], more: boolean): RunReport {
    return { jobId: this.jobId, ran, state, sent: this.totals.sent, failed: this.totals.failed, more }
  }

  async go(): Promise<RunReport> {
    const { _, now } = this.deps
    const t = now()
    const acquired = await this.jobs.update(
      { _id: this.jobId, state: 'running', leaseUntil: _.lt(t) },
      {
        leaseOwner: this.deps.runId,
        leaseUntil: leaseUntil(t.getTime(), this.deps.timeoutMs),
        runs: _.inc(1),
        updatedAt: t,
      },
    )
    const job = await loadJob(this.deps.db, this.jobId)
    if (!job) return this.report(false, 'missing', false)
    if (!acquired) return this.report(false, job.state, job.state === 'running')
    this.job = job
    this.limiter = new RateLimiter(job.ratePerSecond)
    try {
      await this.loadActivities()
      const clear = await this.recover()
      const scanned = !this.halted && this.leaseOk && clear ? await this.scan() : false
      if (this.halted) {
        await this.finishAs('halted')
        return this.report(true, 'halted', false)
      }
      if (scanned && this.leaseOk && (await this.complete())) return this.report(true, 'completed', false)
    } catch (err) {
      await this.release().catch(() => undefined)
      throw err
    }
    if (!this.leaseOk) return this.report(true, 'running', true)
    // the next timer tick takes the job on: nothing is left running after this invocation returns
    await this.release()
    return this.report(true, 'running', true)
  }

  private async loadActivities(): Promise<void> {
    const { job } = this
    if (job.kind !== 'practiceDay' || !job.practiceDate) return
    const { _ } = this.deps
    const start = parseShanghaiDate(job.practiceDate)
    const end = new Date(start.getTime() + 24 * 3600_000)
    try {
      const found: PracticeActivityDoc[] = await from(this.deps.db, activities).find((ref) =>
        ref
          .where({
            unitPath: job.centerId,
            start: _.gte(start).and(_.lt(end)),
            practiceDay: true,
            status: 'published',
          })
          .field({
            title: true,
            unitId: true,
            unitName: true,
            unitPath: true,
            place: true,
            start: true,
            end: true,
            contactPhone: true,
          })
          .limit(1000),
      )
      this.byUnit = activitiesByUnit(found)
    } catch (err) {
      // no activities collection yet: every notice is the center's general one
      if (!isNotFound(err)) throw err
    }
  }

  /** Settles deliveries a dead run left pending (it was killed between claim and settle). */
  private async recover(): Promise<boolean> {
    const { _, runId } = this.deps
    while (!this.halted && this.leaseOk && Date.now() < this.deadline) {
      const stale = (
        await this.deliveries.find((ref) =>
          ref.where({ jobId: this.job._id, state: 'pending' }).limit(RECOVER_PAGE),
        )
      ).filter((d) => d.runId !== runId)
      if (stale.length === 0) return true
      const subs = await this.subscriptions.find((ref) =>
        ref.where({ _id: _.in([...new Set(stale.map((d) => d.subscriptionId))]) }),
      )
      const byId = new Map(subs.map((s) => [s._id, s]))
      let next = 0
      let claimedAny = false
      const worker = async (): Promise<void> => {
        while (next < stale.length && !this.halted && Date.now() < this.deadline) {
          const d = stale[next++]!
          const n = ++this.begun
          const claimed = await this.deliveries.update(
            { _id: d._id, state: 'pending', runId: d.runId },
            { runId, attempts: _.inc(1) },
          )
          if (!claimed) continue
          claimedAny = true
          crashPoint(`notices:recover-claimed:${n}`)
          const outcome = await this.recoverOne(d, byId.get(d.subscriptionId))
          crashPoint(`notices:recover-sent:${n}`)
          await this.settle(d._id, byId.get(d.subscriptionId), d.creditsAtClaim, outcome)
        }
      }
      await this.pool(stale.length, worker)
      await this.flush()
      await this.checkpoint(this.job.cursor)
      // another run claimed them first (it should hold the lease, not us): leave them to it
      if (!claimedAny) return false
    }
    return false
  }

  private async recoverOne(d: DeliveryDoc, sub: SubscriptionDoc | undefined): Promise<Outcome> {
    if (!sub) return failure({ kind: 'other', reason: 'other' }, null, 'subscription removed', d.attempts)
    // the credit is spent only after WeChat took the message: it was delivered
    if (sub.lastJobId === this.job._id) return { kind: 'sent', attempts: d.attempts }
    // a credit accepted since the claim counts too: WeChat would take a resend then
    if (recoverInterrupted(Math.max(d.creditsAtClaim, sub.credits)) === 'assume_sent') {
      return { kind: 'sent', attempts: d.attempts, unconfirmed: true }
    }
    return this.deliver(sub, true)
  }

  /** Walks the subscribers with a credit from the checkpoint; true when none are left. */
  private async scan(): Promise<boolean> {
    const { _ } = this.deps
    const { job } = this
    let cursor = job.cursor
    while (!this.halted && this.leaseOk && Date.now() < this.deadline) {
      const where: Record<string, unknown> =
        job.kind === 'adhoc'
          ? { stationId: job.stationId, templateId: job.template.id, credits: _.gt(0) }
          : { centerId: job.centerId, templateId: job.template.id, credits: _.gt(0) }
      if (cursor !== null) where.openid = _.gt(cursor)
      const page = await this.subscriptions.find((ref) =>
        ref.where(where).orderBy('openid', 'asc').limit(READ_PAGE),
      )
      if (page.length === 0) return true
      for (let i = 0; i < page.length; i += CHUNK) {
        if (this.halted || !this.leaseOk || Date.now() >= this.deadline) return false
        const chunk = page.slice(i, i + CHUNK)
        const { started, haltIndex } = await this.handleChunk(chunk)
        await this.flush()
        const upTo = Math.min(started, haltIndex)
        if (upTo > 0) cursor = chunk[upTo - 1]!.openid
        await this.checkpoint(cursor)
        if (upTo < chunk.length) return false
      }
      if (page.length < READ_PAGE) return true
    }
    return false
  }

  /**
   * Writes the chunk's inbox messages, then sends to its subscribers in waves of `concurrency`, in
   * order. A wave waits for its send-rate slots first, then claims its subscribers in one write and,
   * as soon as the claim is acknowledged, issues all their sends at once: a claim is never left for
   * someone whose send was not issued.
   */
  private async handleChunk(subs: SubscriptionDoc[]): Promise<{ started: number; haltIndex: number }> {
    let next = 0
    let haltIndex = subs.length
    // the inbox first, for the whole chunk in one write: whatever happens to the subscribe messages,
    // the notice is in 我的消息 (idempotent, so writing ahead of the sends is safe)
    await writeInbox(
      this.deps,
      subs
        .filter((sub) => sub.lastJobId !== this.job._id)
        .map((sub) => ({
          openid: sub.openid,
          event: noticeEvent(this.job, valuesFor(this.job, sub, this.byUnit)),
        })),
    )
    crashPoint(`notices:inbox:${++this.inboxes}`)
    while (next < subs.length && !this.halted && this.leaseOk && Date.now() < this.deadline) {
      const from = next
      const wave = subs.slice(from, from + this.job.concurrency)
      next += wave.length
      const unsent = wave.filter((sub) => sub.lastJobId !== this.job._id)
      if (unsent.length === 0) continue
      const w = ++this.waves
      let wait = 0
      for (let k = 0; k < unsent.length; k++) wait = this.limiter.reserve(Date.now())
      if (wait > 0) await sleep(wait)
      crashPoint(`notices:before-claim:${w}`)
      const mine = await this.claim(unsent)
      const claimed = unsent.filter((sub) => mine.has(sub._id))
      const outcomes = await Promise.all(claimed.map((sub) => this.deliver(sub, false, true)))
      crashPoint(`notices:sent:${w}`)
      for (let k = 0; k < claimed.length; k++) {
        const sub = claimed[k]!
        const outcome = outcomes[k]!
        await this.settle(notice_deliveries.id(this.job._id, sub.openid), sub, sub.credits, outcome)
        if (outcome.kind === 'failed' && outcome.halt) haltIndex = Math.min(haltIndex, subs.indexOf(sub))
      }
      crashPoint(`notices:settled:${w}`)
    }
    return { started: next, haltIndex }
  }

  /** Runs `worker` `concurrency` times at once; waits for all, then rethrows the first error. */
  private async pool(items: number, worker: () => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(this.job.concurrency, items) }, () => worker()),
    )
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
  }

  /**
   * Writes the pending deliveries (the claims) in one insert. Their _ids are unique per (job,
   * subscriber): if the insert fails, each is claimed on its own, and one that exists is ours only if
   * it is this run's pending claim (a write whose answer was lost, or a partly applied batch). Reading
   * back decides, never an error's text (issue 10).
   */
  private async claim(subs: SubscriptionDoc[]): Promise<Set<string>> {
    const { runId, now } = this.deps
    const t = now()
    const claims: DeliveryDoc[] = subs.map((sub) => ({
      _id: notice_deliveries.id(this.job._id, sub.openid),
      jobId: this.job._id,
      openid: sub.openid,
      subscriptionId: sub._id,
      state: 'pending',
      reason: null,
      errCode: null,
      errMsg: null,
      attempts: 1,
      creditsAtClaim: sub.credits,
      runId,
      claimedAt: t,
      settledAt: null,
    }))
    try {
      await this.deliveries.insert(claims)
      return new Set(subs.map((s) => s._id))
    } catch {
      // some exist already: settled below, one by one
    }
    const mine = new Set<string>()
    for (const claim of claims) {
      const written = await this.deliveries.insertUnique(claim)
      const held = written.inserted ? claim : written.existing
      if (held.runId === runId && held.state === 'pending') mine.add(claim.subscriptionId)
    }
    return mine
  }

  /**
   * Sends one notice, retrying what WeChat did not take. `uncertain`: an earlier attempt may have been
   * delivered, so 43101 (no credit left) then means it was.
   */
  private async deliver(sub: SubscriptionDoc, uncertain: boolean, slotTaken = false): Promise<Outcome> {
    const { job } = this
    let data: Record<string, { value: string }>
    try {
      data = buildTemplateData(job.template.fields, valuesFor(job, sub, this.byUnit))
    } catch (err) {
      if (!(err instanceof NoticeDataError)) throw err
      return failure({ kind: 'halt', reason: 'data_error' }, null, `${err.key}: ${err.message}`, 0)
    }
    const random = this.deps.random ?? Math.random
    for (let attempt = 1; ; attempt++) {
      // a wave's first attempts go out together, in the tick their claim was acknowledged
      const wait = attempt === 1 && slotTaken ? 0 : this.limiter.reserve(Date.now())
      if (wait > 0) await sleep(wait)
      try {
        await this.deps.openapi.sendSubscribeMessage({
          touser: sub.openid,
          templateId: job.template.id,
          page: job.template.page,
          data,
        })
        return { kind: 'sent', attempts: attempt }
      } catch (err) {
        const errCode = errCodeOf(err)
        const cls = classifySendError(errCode)
        if (cls.kind === 'no_credit' && uncertain) return { kind: 'sent', attempts: attempt }
        const delay = backoffMs(attempt, undefined, random)
        const canRetry = attempt < MAX_SEND_ATTEMPTS && Date.now() + delay < this.hardStop
        if (canRetry && cls.kind === 'transient') {
          await sleep(delay)
          continue
        }
        if (canRetry && cls.kind === 'ambiguous' && recoverInterrupted(sub.credits) === 'resend') {
          uncertain = true
          await sleep(delay)
          continue
        }
        return failure(cls, errCode ?? null, errMsgOf(err), attempt)
      }
    }
  }

  private async settle(
    id: string,
    sub: SubscriptionDoc | undefined,
    creditsAtClaim: number,
    outcome: Outcome,
  ): Promise<void> {
    this.handled++
    if (outcome.kind === 'sent') {
      this.sentIds.push(id)
      if (sub) this.spendIds.push(sub._id)
      if (outcome.attempts > 1 || outcome.unconfirmed)
        this.retried.push({ id, attempts: outcome.attempts, unconfirmed: outcome.unconfirmed ?? false })
      this.delta.sent++
      this.totals.sent++
      return
    }
    const { _, now } = this.deps
    await this.deliveries.update(
      { _id: id, state: 'pending' },
      {
        state: 'failed',
        reason: outcome.reason,
        errCode: outcome.errCode,
        errMsg: outcome.errMsg,
        attempts: outcome.attempts,
        settledAt: now(),
      },
    )
    // WeChat has no credit for this user: ours goes to 0, unless they accepted again meanwhile
    if (outcome.noCredit && sub) {
      await this.subscriptions.update(
        { _id: sub._id, credits: _.lte(creditsAtClaim) },
        { credits: 0, updatedAt: now() },
      )
    }
    this.delta.failed[outcome.reason]++
    this.totals.failed++
    if (outcome.halt && !this.halted) this.halted = outcome
  }

  /** Records the sends since the last flush: credits spent (once per job), deliveries sent. */
  private async flush(): Promise<void> {
    if (this.sentIds.length === 0) return
    const { _, now } = this.deps
    const { job } = this
    const t = now()
    const spendIds = this.spendIds
    const sentIds = this.sentIds
    this.spendIds = []
    this.sentIds = []
    const spent: Record<string, unknown> = { lastJobId: job._id, lastSentAt: t, updatedAt: t }
    // a long-term subscription is not used up by a message
    if (job.template.kind === 'oneTime') spent.credits = _.inc(-1)
    if (job.kind === 'practiceDay') spent.lastSentMonth = job.month
    const f = ++this.flushes
    if (spendIds.length) {
      await this.subscriptions.update(
        { _id: _.in(spendIds), lastJobId: _.neq(job._id), credits: _.gt(0) },
        spent,
      )
    }
    // killed here: the subscriptions name this job, which recovery reads as "sent"
    crashPoint(`notices:spent:${f}`)
    await this.deliveries.update({ _id: _.in(sentIds), state: 'pending' }, { state: 'sent', settledAt: t })
    crashPoint(`notices:flushed:${f}`)
    const retried = this.retried
    this.retried = []
    for (const r of retried) {
      const data: Record<string, unknown> = { attempts: r.attempts }
      if (r.unconfirmed) data.unconfirmed = true
      await this.deliveries.ref.doc(r.id).update({ data })
    }
  }

  /** Saves the cursor and the counts since the last checkpoint, if this run still holds the lease. */
  private async checkpoint(cursor: string | null): Promise<void> {
    const { _, now } = this.deps
    const t = now()
    const failed: Record<string, unknown> = {}
    for (const r of FAILURE_REASONS) if (this.delta.failed[r]) failed[r] = _.inc(this.delta.failed[r])
    const data: Record<string, unknown> = { cursor, updatedAt: t }
    if (this.delta.sent) data.sent = _.inc(this.delta.sent)
    if (Object.keys(failed).length) data.failed = failed
    const ok = await this.jobs.update({ _id: this.job._id, leaseOwner: this.deps.runId }, data)
    this.delta = { sent: 0, failed: emptyFailed() }
    this.job.cursor = cursor
    if (!ok) this.leaseOk = false
    crashPoint(`notices:checkpoint:${++this.checkpoints}`)
  }

  /** Completes the job when nothing is pending, with counts recounted from the deliveries. */
  private async complete(): Promise<boolean> {
    const { _, now } = this.deps
    const jobId = this.job._id
    const pending = await this.deliveries.count({ jobId, state: 'pending' })
    if (pending > 0) return false
    const sent = await this.deliveries.count({ jobId, state: 'sent' })
    const failed: FailedCounts = emptyFailed()
    for (const reason of FAILURE_REASONS) {
      failed[reason] = await this.deliveries.count({ jobId, state: 'failed', reason })
    }
    const t = now()
    const done = await this.jobs.update(
      { _id: jobId, leaseOwner: this.deps.runId, state: 'running' },
      {
        state: 'completed',
        sent,
        failed: _.set(failed),
        total: Math.max(this.job.total, sent + failedTotal(failed)),
        finishedAt: t,
        updatedAt: t,
        leaseOwner: null,
        leaseUntil: new Date(0),
      },
    )
    return done > 0
  }

  private async finishAs(state: 'halted'): Promise<void> {
    const t = this.deps.now()
    await this.jobs.update(
      { _id: this.job._id, leaseOwner: this.deps.runId },
      {
        state,
        haltReason: this.halted?.reason ?? null,
        haltMessage: this.halted ? haltMessageOf(this.halted) : null,
        updatedAt: t,
        leaseOwner: null,
        leaseUntil: new Date(0),
      },
    )
  }

  private async release(): Promise<void> {
    await this.jobs.update(
      { _id: this.job._id, leaseOwner: this.deps.runId },
      { leaseOwner: null, leaseUntil: new Date(0), updatedAt: this.deps.now() },
    )
  }
}

export function runJob(jobId: string, deps: RunDeps): Promise<RunReport> {
  return new Run(jobId, deps).go()
}
