/**
 * Confirmed service records → points. The timer walks `service_records` by `confirmedAt` from a cursor
 * (a manager's correction re-confirms and moves `confirmedAt`, so it is seen again). Each record is
 * settled in one transaction with its guard document (`credit_sources`, `_id` = the record's `_id`): the
 * ledger line `svc_<recordId>_<n>`, the guard and the account change together, so a crash at any point
 * leaves either all or nothing, and the next run settles what is missing, once. A correction after
 * settlement posts the difference as a new line.
 *
 * A run has a time budget (CREDIT_SETTLE_BUDGET_MS, default 30 s of the function's 60 s): it starts no new
 * record after it, and saves the cursor after every page and where it stopped, so a backlog (a year of
 * imported history, a day the timer was off) is worked off over several runs instead of timing out
 * without moving the cursor.
 */
import { activities } from '../../../core/contract/activities.collections'
import {
  creditAccounts,
  creditCursors,
  creditRules,
  creditSources,
  creditStars,
  type CreditAccount,
  type CreditSourceDoc,
  type StarDoc,
} from '../../../core/contract/credit.collections'
import { orders } from '../../../core/contract/orders.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { ruleFor, servicePoints, type CreditRule } from '../../../core/credit/rules'
import { starLevel } from '../../../core/credit/stars'
import { RATING_CHANGE_WINDOW_MS } from '../../../core/orders/machine'
import { formatDate } from '../../../core/time'
import { crashPoint } from '../../../server/crash-point'
import { from } from '../../../server/db'
import { serverEnv } from '../../../server/env'
import type { Command, Db } from '../../../server/types'
import { emptyAccount, postLine } from './ledger'
import { starSettingsOf } from './settings'
import { inTransaction, txGet, txSet } from './tx'

const CURSOR = 'service'
/** confirmations committed out of clock order within this lag are still seen */
const LAG_MS = 5 * 60_000
const PAGE = 100
const MAX_PAGES = 20
const KEEP_DAYS = 60
const DEFAULT_BUDGET_MS = 30_000

export interface SettleReport {
  seen: number
  settled: number
  points: number
  /** the budget ran out with records left: the next run goes on from the saved cursor */
  more: boolean
}

export interface RecordContext {
  rule: CreditRule
  category: string | null
  ratingStars: number | null
  /** a rated order's service: how often its rating had changed, and when it was given */
  ratingChanges: number
  ratedAt: Date | null
  /** the center's star thresholds (hours, stars 1–5) */
  starHours: readonly number[]
}

/** A changed rating may come until this long after the rating (orders: 7 days), and a day's slack. */
const WATCH_MS = RATING_CHANGE_WINDOW_MS + 86_400_000

/** Settles one confirmed record (idempotent; answers the points it added now). */
export async function settleRecord(db: Db, r: ServiceDoc, c: RecordContext, now: Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const guard = await txGet<CreditSourceDoc>(tx, creditSources.name, r._id)
    if (guard && guard.revision >= r.revision) return 0
    const minutes = Math.max(0, r.minutes ?? 0)
    const day = formatDate(r.activityStart)
    // a rating change the guard already counted (rerate.ts) is newer than what this run read
    const guardNewer = !!guard && (guard.ratingChanges ?? 0) > c.ratingChanges
    const ratingStars = guardNewer ? (guard.ratingStars ?? null) : c.ratingStars
    const ratingChanges = guardNewer ? (guard.ratingChanges ?? 0) : c.ratingChanges
    // the position and the day before this record, as if its earlier settlement had not happened
    const peek = await txGet<CreditAccount>(tx, creditAccounts.name, r.openid)
    const priorMinutes = (peek?.serviceMinutes ?? 0) - (guard?.minutes ?? 0)
    const dayBefore = (peek?.servicePointsByDay?.[day] ?? 0) - (guard && guard.day === day ? guard.capped : 0)
    const p = servicePoints(c.rule, {
      minutes,
      priorMinutes,
      category: c.category,
      dayPointsBefore: dayBefore,
      ratingStars,
    })
    const delta = p.points - (guard?.points ?? 0)
    const n = (guard?.lines ?? 0) + 1
    const title = `「${r.activityTitle}」`
    const after = (peek?.serviceMinutes ?? 0) + minutes - (guard?.minutes ?? 0)
    const reached = starLevel(c.starHours, after)
    const queuedBefore = peek?.starsQueued ?? 0
    const applyAccount = (a: CreditAccount) => {
      a.serviceMinutes += minutes - (guard?.minutes ?? 0)
      a.starsQueued = Math.max(queuedBefore, reached)
      const byDay = { ...(a.servicePointsByDay ?? {}) }
      if (guard) byDay[guard.day] = (byDay[guard.day] ?? 0) - guard.capped
      byDay[day] = (byDay[day] ?? 0) + p.capped
      const oldest = formatDate(now.getTime() - KEEP_DAYS * 86_400_000)
      for (const k of Object.keys(byDay)) if (k < oldest || byDay[k] === 0) delete byDay[k]
      a.servicePointsByDay = byDay
      if (r.name) a.name = r.name
    }
    const posting = delta !== 0 || !guard
    if (posting) {
      await postLine(
        tx,
        {
          _id: `svc_${r._id}_${n}`,
          openid: r.openid,
          kind: 'service',
          points: delta,
          sourceId: r._id,
          ruleId: c.rule._id,
          explanation: guard
            ? `${title}时长更正：${p.explanation}，调整 ${delta} 分`
            : `${title}${p.explanation}`,
          by: 'system',
          byName: null,
          reason: null,
          unitId: r.unitId,
          unitPath: r.unitPath,
        },
        now,
        applyAccount,
        !!guard,
        peek ?? emptyAccount(r.openid, now),
      )
    } else {
      // same points (a cap, a rounding): no line, but the position on the scale moves
      const a = peek!
      applyAccount(a)
      a.updatedAt = now
      await txSet(tx, creditAccounts.name, a)
    }
    // 星级志愿者: each star reached and not yet queued is queued, once (its _id), in this transaction;
    // the account remembers the highest level queued, so lowered thresholds still queue what is reached
    for (let level = queuedBefore + 1; level <= reached; level++) {
      const id = `${r.openid}_${level}`
      if (await txGet<StarDoc>(tx, creditStars.name, id)) continue
      await txSet<StarDoc>(tx, creditStars.name, {
        _id: id,
        openid: r.openid,
        name: r.name,
        level,
        hours: c.starHours[level - 1]!,
        unitId: r.unitId,
        unitName: r.unitName,
        unitPath: r.unitPath,
        status: 'pending',
        reachedAt: now,
        decidedBy: null,
        decidedAt: null,
        noticeEndsAt: null,
        awardedAt: null,
      })
    }
    await txSet<CreditSourceDoc>(tx, creditSources.name, {
      _id: r._id,
      openid: r.openid,
      revision: r.revision,
      minutes,
      capped: p.capped,
      points: p.points,
      day,
      lines: posting ? n : guard.lines,
      ruleId: c.rule._id,
      orderId: serviceRecords.orderIdOf(r.activityId),
      ratingStars,
      ratingChanges,
      bonus: p.bonus,
      watchUntil:
        serviceRecords.orderIdOf(r.activityId) !== null && c.ratedAt && ratingChanges < 1
          ? new Date(c.ratedAt.getTime() + WATCH_MS)
          : null,
      title: r.activityTitle,
      unitId: r.unitId,
      unitPath: r.unitPath,
    })
    return delta
  })
}

/**
 * The timer step: settles confirmed records from the cursor on, a bounded number of pages and at most
 * `budgetMs` of new work per run (at least one record, so every run makes progress).
 */
export async function settleConfirmed(
  db: Db,
  _: Command,
  now: Date,
  budgetMs: number = serverEnv().CREDIT_SETTLE_BUDGET_MS ?? DEFAULT_BUDGET_MS,
): Promise<SettleReport> {
  const deadline = Date.now() + budgetMs
  const cursors = from(db, creditCursors)
  const records = from(db, serviceRecords)
  const sources = from(db, creditSources)
  const cursor = (await cursors.byId(CURSOR))?.confirmedAt ?? new Date(0)
  const since = new Date(cursor.getTime() - LAG_MS)
  const report: SettleReport = { seen: 0, settled: 0, points: 0, more: false }
  const caches = { rules: new Map<string, CreditRule[]>(), stars: new Map<string, readonly number[]>() }
  let saved = cursor
  let newest = cursor
  const save = async () => {
    if (newest <= saved) return
    await db
      .collection(creditCursors.name)
      .doc(CURSOR)
      .set({ data: { confirmedAt: newest } })
    saved = newest
  }
  for (let page = 0; page < MAX_PAGES && !report.more; page++) {
    const batch = await records.find((q) =>
      q
        .where({ status: 'confirmed', confirmedAt: _.gte(since) })
        .orderBy('confirmedAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(page * PAGE)
        .limit(PAGE),
    )
    if (batch.length === 0) break
    report.seen += batch.length
    const guards = new Map(
      (await sources.find((q) => q.where({ _id: _.in(batch.map((r) => r._id)) }).limit(PAGE))).map((g) => [
        g._id,
        g,
      ]),
    )
    const unsettled = new Set(
      batch.filter((r) => (guards.get(r._id)?.revision ?? -1) < r.revision && r.openid),
    )
    const ctx = await contextsFor(db, _, [...unsettled], caches)
    // the page in confirmation order: the cursor only passes records that are settled or need nothing
    for (const r of batch) {
      if (unsettled.has(r)) {
        if (report.settled > 0 && Date.now() >= deadline) {
          report.more = true
          break
        }
        report.points += await settleRecord(db, r, ctx.get(r._id)!, now)
        report.settled++
        crashPoint(`credit:settled:${report.settled}`)
      }
      if (r.confirmedAt && r.confirmedAt > newest) newest = r.confirmedAt
    }
    await save()
    if (batch.length < PAGE) break
    if (!report.more && Date.now() >= deadline) report.more = true
  }
  return report
}

async function contextsFor(
  db: Db,
  _: Command,
  unsettled: ServiceDoc[],
  caches: { rules: Map<string, CreditRule[]>; stars: Map<string, readonly number[]> },
): Promise<Map<string, RecordContext>> {
  const rulesCache = caches.rules
  const activityIds = [
    ...new Set(
      unsettled.filter((r) => serviceRecords.orderIdOf(r.activityId) === null).map((r) => r.activityId),
    ),
  ]
  const orderIds = [...new Set(unsettled.flatMap((r) => serviceRecords.orderIdOf(r.activityId) ?? []))]
  const [acts, ords] = await Promise.all([
    activityIds.length
      ? from(db, activities).find((q) =>
          q
            .where({ _id: _.in(activityIds) })
            .field({ category: true })
            .limit(PAGE),
        )
      : [],
    orderIds.length
      ? from(db, orders).find((q) =>
          q
            .where({ _id: _.in(orderIds) })
            .field({ rating: true })
            .limit(PAGE),
        )
      : [],
  ])
  const category = new Map(acts.map((a) => [a._id, a.category as string]))
  const ratings = new Map(ords.map((o) => [o._id, o.rating ?? null]))
  const uncached = [...new Set(unsettled.map((r) => r.unitPath[0] ?? r.unitId))].filter(
    (c) => !rulesCache.has(c),
  )
  const [loaded, settings] = await Promise.all([
    Promise.all(
      uncached.map((center) => from(db, creditRules).find((q) => q.where({ centerId: center }).limit(1000))),
    ),
    Promise.all(uncached.map((center) => starSettingsOf(db, center))),
  ])
  uncached.forEach((center, i) => {
    rulesCache.set(center, loaded[i]!)
    caches.stars.set(center, settings[i]!.starHours)
  })
  const out = new Map<string, RecordContext>()
  for (const r of unsettled) {
    const center = r.unitPath[0] ?? r.unitId
    const orderId = serviceRecords.orderIdOf(r.activityId)
    out.set(r._id, {
      rule: ruleFor(center, rulesCache.get(center) ?? [], formatDate(r.activityStart)),
      category: orderId === null ? (category.get(r.activityId) ?? null) : null,
      ratingStars: orderId === null ? null : (ratings.get(orderId)?.stars ?? null),
      ratingChanges: orderId === null ? 0 : (ratings.get(orderId)?.changes ?? 0),
      ratedAt: orderId === null ? null : toDate(ratings.get(orderId)?.at),
      starHours: caches.stars.get(center)!,
    })
  }
  return out
}

/** A stored date (a Date, or its string or number form from older writers), or null. */
function toDate(v: Date | string | number | null | undefined): Date | null {
  if (v === null || v === undefined) return null
  const d = v instanceof Date ? v : new Date(v)
  return Number.isNaN(d.getTime()) ? null : d
}
