import { activities as activitiesSpec } from '../../../core/contract/activities.collections'
import type { CloseForgottenReport } from '../../../core/contract/signin'
import { attendance, serviceRecords, type AttendanceDoc } from '../../../core/contract/signin.collections'
import { aggregateRows, from, MAX_READ } from '../../../server/db'
import type { TimerHandler } from '../../../server/router'
import type { Command, Db } from '../../../server/types'
import { creditedMinutes } from '../../../core/signin/hours'
import { signInState } from '../../../core/signin/window'
import { settleCount } from './handlers/check-in'
import { loadActivity } from './records'

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
  // one budget for the whole run: closing, then reconciling, stop starting new work past it
  const deadline = Date.now() + BUDGET_MS
  const closedReport = await closeForgottenSignOuts(ctx, deadline)
  const { reconciled, more } = await reconcileAttendance(ctx, deadline)
  return { ...closedReport, more: closedReport.more || more, reconciled } satisfies CloseForgottenReport
}

/** Check-ins this far back are reconciled (an activity's window is at most a day or so). */
const RECONCILE_BACK_MS = 26 * 3600_000
const MAX_ACTIVITIES = 200

/** The fields of an activity the reconcile reads. */
type CountedActivity = { _id: string; attendedCount?: number; attendees?: string[] }

/**
 * Makes each recent activity's attendedCount agree with its attendance records, for check-ins a kill
 * cut short between their record and their count (check-in.ts). One aggregate finds the activities
 * signed into lately with their record counts; only those whose count differs are repaired. When the
 * count agrees with `attendees` (every check-in since the field exists adds to both at once), each
 * record not in it is settled by the same idempotent step a check-in takes (counted at most once, or
 * removed if signed outside the window). When it does not (an activity counted before `attendees`
 * existed: the field is missing, or holds only the check-ins since), incrementing would count the old
 * ones twice: count and list are recomputed from the records and set at once (recount). Bounded per run
 * by the count of activities and the run's deadline; the next run takes the rest (`more`).
 */
export async function reconcileAttendance(
  { db, _, now }: Parameters<TimerHandler>[0],
  deadline = Date.now() + BUDGET_MS,
): Promise<{ reconciled: number; more: boolean }> {
  const since = new Date(now().getTime() - RECONCILE_BACK_MS)
  const groups = await aggregateRows<{ _id: string; n: number }>(
    from(db, attendance)
      .ref.aggregate()
      .match({ signedInAt: _.gte(since) })
      .group({ _id: '$activityId', n: db.command.aggregate.sum(1) })
      .limit(MAX_ACTIVITIES)
      .end(),
  )
  if (groups.length === 0) return { reconciled: 0, more: false }
  const activities: CountedActivity[] = await from(db, activitiesSpec).find((q) =>
    q
      .where({ _id: _.in(groups.map((g) => g._id)) })
      .field({ attendedCount: true, attendees: true })
      .limit(MAX_ACTIVITIES),
  )
  const byId = new Map(activities.map((a) => [a._id, a]))
  let repaired = 0
  for (const g of groups) {
    const a = byId.get(g._id)
    if (!a || (a.attendedCount ?? 0) === g.n) continue
    if (Date.now() > deadline) return { reconciled: repaired, more: true }
    const consistent = Array.isArray(a.attendees) && a.attendees.length === (a.attendedCount ?? 0)
    if (!consistent) {
      repaired += await recount(db, _, a)
      continue
    }
    const members = new Set(a.attendees)
    for await (const page of attendancePages(db, g._id)) {
      for (const r of page) {
        if (members.has(r.openid)) continue
        await settleCount(db, _, r)
        repaired++
      }
    }
  }
  return { reconciled: repaired, more: false }
}

/** An activity's attendance records, newest first, a page (MAX_READ) at a time. */
async function* attendancePages(db: Db, activityId: string): AsyncGenerator<AttendanceDoc[]> {
  for (let skip = 0; ; skip += MAX_READ) {
    const page = await from(db, attendance).find((q) =>
      q.where({ activityId }).orderBy('signedInAt', 'desc').skip(skip).limit(MAX_READ),
    )
    yield page
    if (page.length < MAX_READ) return
  }
}

/**
 * Sets attendedCount and attendees from the activity's records (those signed inside its window; the
 * others are removed, as settleCount does) in one update, made only if the count is still the one read:
 * a check-in meanwhile changes it, and the next run recounts. A check-in whose record is read here but
 * whose count comes later finds its openid in `attendees` and does not count it again. Answers the
 * number of records whose count changed (the difference).
 */
async function recount(db: Db, _: Command, a: CountedActivity): Promise<number> {
  const activity = await loadActivity(db, a._id).catch(() => null)
  if (!activity) return 0
  const attendees: string[] = []
  const outside: string[] = []
  for await (const page of attendancePages(db, a._id)) {
    for (const r of page) {
      const inside = signInState({ ...activity, status: 'published' }, new Date(r.signedInAt)) === 'open'
      if (inside) attendees.push(r.openid)
      else outside.push(r._id)
    }
  }
  if (outside.length)
    await from(db, attendance)
      .ref.where({ _id: _.in(outside) })
      .remove()
  const was = a.attendedCount
  const updated = await from(db, activitiesSpec).update(
    { _id: a._id, attendedCount: was === undefined ? _.exists(false) : was },
    { attendedCount: attendees.length, attendees: _.set(attendees) },
  )
  return updated ? Math.abs(attendees.length - (was ?? 0)) + outside.length : 0
}

async function closeForgottenSignOuts(
  { db, _, now }: Parameters<TimerHandler>[0],
  deadline: number,
): Promise<{
  closed: number
  more: boolean
}> {
  const at = now()
  const records = from(db, serviceRecords)
  let closed = 0
  for (;;) {
    const batch = await records.find((q) =>
      q
        .where({ status: 'open', activityEnd: _.lte(at) })
        .field({ signInAt: true, activityStart: true, activityEnd: true })
        .limit(BATCH),
    )
    const results = await Promise.all(
      batch.map((r) =>
        records.update(
          { _id: r._id, status: 'open' },
          {
            status: 'auto_closed',
            signOutAt: r.activityEnd,
            autoClosed: true,
            minutes: creditedMinutes(r.signInAt, r.activityEnd, {
              start: r.activityStart,
              end: r.activityEnd,
            }),
          },
        ),
      ),
    )
    closed += results.reduce((sum, n) => sum + n, 0)
    const more = batch.length === BATCH
    if (!more) return { closed, more: false }
    if (Date.now() > deadline) return { closed, more: true }
  }
}
