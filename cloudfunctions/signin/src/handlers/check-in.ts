import { AppError } from '../../../../core/errors'
import { updatedCount } from '../../../../core/server/db'
import type { Handler } from '../../../../core/server/router'
import { openWindowBounds } from '../../../../core/signin/window'
import { insertUnique, loadActivity, ms, recordId, requireOpenWindow, type AttendanceDoc } from '../records'

/**
 * 签到 as a resident. Three database round trips on the way in (the router's user read, this insert,
 * the counter update):
 * 1. insert the attendance record, `_id` = `${activityId}_${openid}`: a duplicate means "already signed
 *    in" (read back for its time), so one person counts once under any concurrency;
 * 2. only when the insert succeeded, one conditional update that both checks the window (published,
 *    start ≤ now + 30 min, end ≥ now) and increments attendedCount atomically;
 * 3. when that update matched nothing, the window is not open: the record is removed and the activity
 *    read to say why. This rare path costs two more trips, so the common one stays at three.
 */
export const checkIn: Handler<'signin', 'checkIn'> = async ({ activityId }, { db, _, caller, now }) => {
  const at = now()
  const record: AttendanceDoc = {
    _id: recordId(activityId, caller.openid),
    activityId,
    openid: caller.openid,
    name: caller.user.name ?? null,
    signedInAt: at,
  }
  const insert = await insertUnique(db, 'attendance', record)
  if (!insert.inserted) {
    return { status: 'already', signedInAt: ms(insert.existing.signedInAt), activityId }
  }

  const { startAtMost, endAtLeast } = openWindowBounds(at)
  const counted = await updatedCount(
    db
      .collection('activities')
      .where({ _id: activityId, status: 'published', start: _.lte(startAtMost), end: _.gte(endAtLeast) })
      .update({ data: { attendedCount: _.inc(1) } }),
  )
  if (counted === 1) return { status: 'signed_in', signedInAt: at.getTime(), activityId }

  await db.collection('attendance').where({ _id: record._id }).remove()
  const activity = await loadActivity(db, activityId)
  requireOpenWindow(activity, at)
  // The window opened or closed between the update and the read: ask the person to try again.
  throw new AppError('CONFLICT', '签到时间刚好变化，请再点一次签到')
}
