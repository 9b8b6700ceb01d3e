import type { CloseForgottenReport } from '../../../core/contract/signin'
import { aggregateRows, MAX_READ, rows, updatedCount } from '../../../core/server/db'
import type { TimerHandler } from '../../../core/server/router'
import { creditedMinutes } from '../../../core/signin/hours'
import { settleCount } from './handlers/check-in'
import type { AttendanceDoc, ServiceDoc } from './records'

const BATCH = 100
/** Stop starting batches after this long: the function's timeout (config.json) is 20 s. */
const BUDGET_MS = 12_000

/**
 * Every 10 minutes (config.json trigger): check-ins to reconcile (below), and volunteers who forgot to sign out are signed out at the
 * activity's end, credited by the same rule, and flagged (autoClosed) for a manager to confirm.
 * Each close is conditional on the session still being open, so a sign-out racing the timer wins or
 * loses cleanly; a run that hits its budget leaves the rest to the next run (`more`).
 */
export const signinTimer: TimerHandler = async (ctx) => {
  const closedReport = await closeForgottenSignOuts(ctx)
  const reconciled = await reconcileAttendance(ctx)
  return { ...closedReport, reconciled } satisfies CloseForgottenReport
}

/** Check-ins this far back are reconciled (an activity's window is at most a day or so). */
const RECONCILE_BACK_MS = 26 * 3600_000
const MAX_ACTIVITIES = 200

/**
 * Makes each recent activity's attendedCount agree with its attendance records, for check-ins a kill
 * cut short between their record and their count (check-in.ts). One aggregate finds the activities
 * signed into lately with their record counts; only those whose count differs are repaired, each record
 * by the same idempotent step a check-in takes (counted at most once, or removed if signed outside the
 * window). Bounded per run; the next run takes the rest.
 */
export async function reconcileAttendance({ db, _, now }: Parameters<TimerHandler>[0]): Promise<number> {
  const since = new Date(now().getTime() - RECONCILE_BACK_MS)
  const groups = await aggregateRows<{ _id: string; n: number }>(
    db
      .collection('attendance')
      .aggregate()
      .match({ signedInAt: _.gte(since) })
      .group({ _id: '$activityId', n: db.command.aggregate.sum(1) })
      .limit(MAX_ACTIVITIES)
      .end(),
  )
  if (groups.length === 0) return 0
  const activities = await rows<{ _id: string; attendedCount?: number; attendees?: string[] }>(
    db
      .collection('activities')
      .where({ _id: _.in(groups.map((g) => g._id)) })
      .field({ attendedCount: true, attendees: true })
      .limit(MAX_ACTIVITIES)
      .get(),
  )
  const byId = new Map(activities.map((a) => [a._id, a]))
  let repaired = 0
  for (const g of groups) {
    const a = byId.get(g._id)
    if (!a || (a.attendedCount ?? 0) === g.n) continue
    const members = new Set(a.attendees ?? [])
    for (let skip = 0; ; skip += MAX_READ) {
      const page = await rows<AttendanceDoc>(
        db
          .collection('attendance')
          .where({ activityId: g._id })
          .orderBy('signedInAt', 'desc')
          .skip(skip)
          .limit(MAX_READ)
          .get(),
      )
      for (const r of page) {
        if (members.has(r.openid)) continue
        await settleCount(db, _, r)
        repaired++
      }
      if (page.length < MAX_READ) break
    }
  }
  return repaired
}

async function closeForgottenSignOuts({ db, _, now }: Parameters<TimerHandler>[0]): Promise<{
  closed: number
  more: boolean
}> {
  const started = Date.now()
  const at = now()
  const records = db.collection('service_records')
  let closed = 0
  for (;;) {
    const batch = await rows<ServiceDoc>(
      records
        .where({ status: 'open', activityEnd: _.lte(at) })
        .field({ signInAt: true, activityStart: true, activityEnd: true })
        .limit(BATCH)
        .get(),
    )
    const results = await Promise.all(
      batch.map((r) =>
        updatedCount(
          records.where({ _id: r._id, status: 'open' }).update({
            data: {
              status: 'auto_closed',
              signOutAt: r.activityEnd,
              autoClosed: true,
              minutes: creditedMinutes(r.signInAt, r.activityEnd, {
                start: r.activityStart,
                end: r.activityEnd,
              }),
            },
          }),
        ),
      ),
    )
    closed += results.reduce((sum, n) => sum + n, 0)
    const more = batch.length === BATCH
    if (!more) return { closed, more: false }
    if (Date.now() - started > BUDGET_MS) return { closed, more: true }
  }
}
