import { AppError } from '../../../../core/errors'
import { crashPoint } from '../../../../server/crash-point'
import { activities } from '../../../../core/contract/activities.collections'
import { attendance, type AttendanceDoc } from '../../../../core/contract/signin.collections'
import { epochMs } from '../../../../core/time'
import { from } from '../../../../server/db'
import { bumpStats } from '../../../../server/stats'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { openWindowBounds, signInState } from '../../../../core/signin/window'
import { loadActivity, requireOpenWindow } from '../records'

/**
 * 签到 as a resident: the router's user read, this insert, the count (beside a read of the activity's
 * unitPath and start for the statistics), and the statistics bump (docs/statistics.md).
 * `attendedCount` always comes to equal the attendance records, across kills:
 * 1. insert the attendance record, `_id` = `${activityId}_${openid}`: a duplicate means "already signed
 *    in", so one person has one record under any concurrency;
 * 2. one conditional update of the activity that checks the window (published, start ≤ now + 30 min,
 *    end ≥ now) and that this openid is not yet in `attendees`, and then adds it there and increments
 *    attendedCount: counter and membership change together in one document, so the update is
 *    idempotent and no retry or repair can count anyone twice.
 * A call killed between 1 and 2 leaves a record not yet counted (a repeat tap answers "already"): the
 * timer's reconcile (timer.ts, every 10 minutes) repeats step 2 for it. When step 2 matches nothing and
 * the openid is not counted, the window is not open: the record is removed and the activity read to
 * say why.
 */
export const checkIn: Handler<'signin', 'checkIn'> = async ({ activityId }, { db, _, caller, now }) => {
  const at = now()
  const record: AttendanceDoc = {
    _id: attendance.id(activityId, caller.openid),
    activityId,
    openid: caller.openid,
    name: caller.user.name ?? null,
    signedInAt: at,
  }
  const insert = await from(db, attendance).insertUnique(record)
  if (!insert.inserted) {
    return { status: 'already', signedInAt: epochMs(insert.existing.signedInAt), activityId }
  }
  crashPoint('checkin:after-insert')

  const { startAtMost, endAtLeast } = openWindowBounds(at)
  // the statistics need the activity's unitPath and start: read beside the count, not after it
  const [added, forStats] = await Promise.all([
    from(db, activities).update(
      {
        _id: activityId,
        status: 'published',
        start: _.lte(startAtMost),
        end: _.gte(endAtLeast),
        attendees: _.neq(caller.openid),
      },
      { attendedCount: _.inc(1), attendees: _.push(caller.openid) },
    ),
    from(db, activities).byId(activityId, { unitPath: true, start: true }),
  ])
  crashPoint('checkin:after-count')
  // statistics: counted once, by the call whose update counted (docs/statistics.md)
  if (added === 1 && forStats) {
    await bumpStats(db, _, {
      unitPath: forStats.unitPath,
      at: forStats.start,
      delta: { attendances: 1 },
      person: { openid: caller.openid, as: 'attendee' },
    })
  }
  if (added === 1 || (await isCounted(db, activityId, caller.openid))) {
    return { status: 'signed_in', signedInAt: at.getTime(), activityId }
  }

  await from(db, attendance).ref.where({ _id: record._id }).remove()
  const activity = await loadActivity(db, activityId)
  requireOpenWindow(activity, at)
  // The window opened or closed between the update and the read: ask the person to try again.
  throw new AppError('CONFLICT', '签到时间刚好变化，请再点一次签到')
}

async function isCounted(db: Db, activityId: string, openid: string): Promise<boolean> {
  return (await from(db, activities).count({ _id: activityId, attendees: openid })) > 0
}

/**
 * Finishes a check-in a kill cut short: counts the record once if it was signed inside the window
 * (whatever the time now), or removes it if it was not (its call had failed).
 */
export async function settleCount(db: Db, _: Command, r: AttendanceDoc): Promise<'counted' | 'removed'> {
  const activity = await loadActivity(db, r.activityId).catch(() => null)
  const valid =
    activity !== null && signInState({ ...activity, status: 'published' }, new Date(r.signedInAt)) === 'open'
  if (!valid) {
    await from(db, attendance).ref.where({ _id: r._id }).remove()
    return 'removed'
  }
  const added = await from(db, activities).update(
    { _id: r.activityId, attendees: _.neq(r.openid) },
    { attendedCount: _.inc(1), attendees: _.push(r.openid) },
  )
  if (added === 1)
    await bumpStats(db, _, {
      unitPath: activity.unitPath,
      at: activity.start,
      delta: { attendances: 1 },
      person: { openid: r.openid, as: 'attendee' },
    })
  return 'counted'
}
