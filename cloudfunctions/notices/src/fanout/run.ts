/**
 * One run of a fan-out job: take the job's lease, settle what a dead run left pending, then walk the
 * subscribers with a credit in openid order from the checkpoint — claim, send, settle — until done or
 * until the batch budget (a fraction of the function's timeout) is spent; then checkpoint, release and
 * hand over to a fresh invocation.
 *
 * Exactly once per (job, subscriber): the delivery document's _id is the claim (a second insert fails),
 * a credit is spent only after WeChat took the message and at most once per job (lastJobId), and a
 * delivery left pending by a killed run is resolved by `recoverInterrupted` (core/notices/job.ts).
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
import { counted, rows, updatedCount } from '../../../../core/server/db'
import { isNotFound } from '../../../../core/server/router'
import type { Command, Db, OpenApi } from '../../../../core/server/types'
import {
  DELIVERIES,
  deliveryId,
  insert,
  isDuplicate,
  JOBS,
  loadJob,
  SUBSCRIPTIONS,
  type DeliveryDoc,
  type JobDoc,
  type SubscriptionDoc,
} from '../model'
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
  /** starts another run of the job in a fresh invocation */
  kick: (jobId: string) => Promise<void>
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
  | { kind: 'sent'; attempts: number }
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
  private retried: { id: string; attempts: number }[] = []
  private delta = { sent: 0, failed: emptyFailed() }
  private handled = 0
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
    return this.deps.db.collection(JOBS)
  }

  private get deliveries() {
    return this.deps.db.collection(DELIVERIES)
  }

  private get subscriptions() {
    return this.deps.db.collection(SUBSCRIPTIONS)
  }

  private report(ran: boolean, state: RunReport['state'], more: boolean): RunReport {
    return { jobId: this.jobId, ran, state, sent: this.totals.sent, failed: this.totals.failed, more }
  }

  async go(): Promise<RunReport> {
    const { _, now } = this.deps
    const t = now()
    const acquired = await updatedCount(
      this.jobs.where({ _id: this.jobId, state: 'running', leaseUntil: _.lt(t) }).update({
        data: {
          leaseOwner: this.deps.runId,
          leaseUntil: leaseUntil(t.getTime(), this.deps.timeoutMs),
          runs: _.inc(1),
          updatedAt: t,
        },
      }),
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
    await this.release()
    // A run that moved nothing leaves the job to the timer rather than spinning in a loop of invocations.
    if (this.handled > 0) await this.deps.kick(this.jobId)
    return this.report(true, 'running', true)
  }

  private async loadActivities(): Promise<void> {
    const { job } = this
    if (job.kind !== 'practiceDay' || !job.practiceDate) return
    const { _ } = this.deps
    const start = parseShanghaiDate(job.practiceDate)
    const end = new Date(start.getTime() + 24 * 3600_000)
    try {
      const found = await rows<PracticeActivityDoc>(
        this.deps.db
          .collection('activities')
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
          .limit(1000)
          .get(),
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
        await rows<DeliveryDoc>(
          this.deliveries.where({ jobId: this.job._id, state: 'pending' }).limit(RECOVER_PAGE).get(),
        )
      ).filter((d) => d.runId !== runId)
      if (stale.length === 0) return true
      const subs = await rows<SubscriptionDoc>(
        this.subscriptions.where({ _id: _.in([...new Set(stale.map((d) => d.subscriptionId))]) }).get(),
      )
      const byId = new Map(subs.map((s) => [s._id, s]))
      let next = 0
      let claimedAny = false
      const worker = async (): Promise<void> => {
        while (next < stale.length && !this.halted && Date.now() < this.deadline) {
          const d = stale[next++]!
          const claimed = await updatedCount(
            this.deliveries
              .where({ _id: d._id, state: 'pending', runId: d.runId })
              .update({ data: { runId, attempts: _.inc(1) } }),
          )
          if (!claimed) continue
          claimedAny = true
          const outcome = await this.recoverOne(d, byId.get(d.subscriptionId))
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
    if (recoverInterrupted(Math.max(d.creditsAtClaim, sub.credits)) === 'give_up') {
      return failure(
        { kind: 'ambiguous', reason: 'interrupted' },
        null,
        'run interrupted mid-send',
        d.attempts,
      )
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
      const page = await rows<SubscriptionDoc>(
        this.subscriptions.where(where).orderBy('openid', 'asc').limit(READ_PAGE).get(),
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
   * Claims the chunk, then sends to the claimed subscribers `concurrency` at a time, in order. Claims of
   * subscribers not reached (deadline, halt) are withdrawn so that the next run takes them afresh.
   */
  private async handleChunk(subs: SubscriptionDoc[]): Promise<{ started: number; haltIndex: number }> {
    const claimed = await this.claim(subs.filter((s) => s.lastJobId !== this.job._id))
    let next = 0
    let haltIndex = subs.length
    const worker = async (): Promise<void> => {
      while (next < subs.length && !this.halted && this.leaseOk && Date.now() < this.deadline) {
        const i = next++
        const sub = subs[i]!
        if (!claimed.has(sub._id)) continue
        const outcome = await this.deliver(sub, false)
        await this.settle(deliveryId(this.job._id, sub.openid), sub, sub.credits, outcome)
        if (outcome.kind === 'failed' && outcome.halt) haltIndex = Math.min(haltIndex, i)
      }
    }
    await this.pool(subs.length, worker)
    const unstarted = subs.slice(next).filter((s) => claimed.has(s._id))
    if (unstarted.length) {
      await this.deliveries
        .where({
          _id: this.deps._.in(unstarted.map((s) => deliveryId(this.job._id, s.openid))),
          state: 'pending',
          runId: this.deps.runId,
        })
        .remove()
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
   * Inserts the pending deliveries (the claims) in one write. If any exists already (a resumed or a
   * concurrent run), each is claimed on its own: a duplicate _id means someone else holds it, unless the
   * failed batch insert left it behind for us (stores that insert a batch up to the first error).
   */
  private async claim(subs: SubscriptionDoc[]): Promise<Set<string>> {
    const { db, runId, now } = this.deps
    const t = now()
    const claims: DeliveryDoc[] = subs.map((sub) => ({
      _id: deliveryId(this.job._id, sub.openid),
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
    if (claims.length === 0) return new Set()
    try {
      await insert(db, DELIVERIES, claims)
      return new Set(subs.map((s) => s._id))
    } catch (err) {
      if (!isDuplicate(err)) throw err
    }
    const mine = new Set<string>()
    for (const claim of claims) {
      try {
        await insert(db, DELIVERIES, claim)
        mine.add(claim.subscriptionId)
      } catch (err) {
        if (!isDuplicate(err)) throw err
        const [held] = await rows<DeliveryDoc>(this.deliveries.where({ _id: claim._id }).limit(1).get())
        if (held?.runId === runId && held.state === 'pending') mine.add(claim.subscriptionId)
      }
    }
    return mine
  }

  /**
   * Sends one notice, retrying what WeChat did not take. `uncertain`: an earlier attempt may have been
   * delivered, so 43101 (no credit left) then means it was.
   */
  private async deliver(sub: SubscriptionDoc, uncertain: boolean): Promise<Outcome> {
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
      const wait = this.limiter.reserve(Date.now())
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
      if (outcome.attempts > 1) this.retried.push({ id, attempts: outcome.attempts })
      this.delta.sent++
      this.totals.sent++
      return
    }
    const { _, now } = this.deps
    await this.deliveries.where({ _id: id, state: 'pending' }).update({
      data: {
        state: 'failed',
        reason: outcome.reason,
        errCode: outcome.errCode,
        errMsg: outcome.errMsg,
        attempts: outcome.attempts,
        settledAt: now(),
      },
    })
    // WeChat has no credit for this user: ours goes to 0, unless they accepted again meanwhile
    if (outcome.noCredit && sub) {
      await this.subscriptions
        .where({ _id: sub._id, credits: _.lte(creditsAtClaim) })
        .update({ data: { credits: 0, updatedAt: now() } })
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
    if (spendIds.length) {
      await this.subscriptions
        .where({ _id: _.in(spendIds), lastJobId: _.neq(job._id), credits: _.gt(0) })
        .update({ data: spent })
    }
    await this.deliveries
      .where({ _id: _.in(sentIds), state: 'pending' })
      .update({ data: { state: 'sent', settledAt: t } })
    const retried = this.retried
    this.retried = []
    for (const r of retried) await this.deliveries.doc(r.id).update({ data: { attempts: r.attempts } })
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
    const ok = await updatedCount(
      this.jobs.where({ _id: this.job._id, leaseOwner: this.deps.runId }).update({ data }),
    )
    this.delta = { sent: 0, failed: emptyFailed() }
    this.job.cursor = cursor
    if (!ok) this.leaseOk = false
  }

  /** Completes the job when nothing is pending, with counts recounted from the deliveries. */
  private async complete(): Promise<boolean> {
    const { _, now } = this.deps
    const jobId = this.job._id
    const pending = await counted(this.deliveries.where({ jobId, state: 'pending' }).count())
    if (pending > 0) return false
    const sent = await counted(this.deliveries.where({ jobId, state: 'sent' }).count())
    const failed: FailedCounts = emptyFailed()
    for (const reason of FAILURE_REASONS) {
      failed[reason] = await counted(this.deliveries.where({ jobId, state: 'failed', reason }).count())
    }
    const t = now()
    const done = await updatedCount(
      this.jobs.where({ _id: jobId, leaseOwner: this.deps.runId, state: 'running' }).update({
        data: {
          state: 'completed',
          sent,
          failed: _.set(failed),
          total: Math.max(this.job.total, sent + failedTotal(failed)),
          finishedAt: t,
          updatedAt: t,
          leaseOwner: null,
          leaseUntil: new Date(0),
        },
      }),
    )
    return done > 0
  }

  private async finishAs(state: 'halted'): Promise<void> {
    const t = this.deps.now()
    await this.jobs.where({ _id: this.job._id, leaseOwner: this.deps.runId }).update({
      data: {
        state,
        haltReason: this.halted?.reason ?? null,
        haltMessage: this.halted ? haltMessageOf(this.halted) : null,
        updatedAt: t,
        leaseOwner: null,
        leaseUntil: new Date(0),
      },
    })
  }

  private async release(): Promise<void> {
    await this.jobs
      .where({ _id: this.job._id, leaseOwner: this.deps.runId })
      .update({ data: { leaseOwner: null, leaseUntil: new Date(0), updatedAt: this.deps.now() } })
  }
}

export function runJob(jobId: string, deps: RunDeps): Promise<RunReport> {
  return new Run(jobId, deps).go()
}
