import { LIVE_RESIDENTS_MAX, LIVE_VOLUNTEERS_MAX } from '../../../../core/contract/signin'
import { requireManagerOf } from '../../../../server/auth'
import { attendance, serviceRecords } from '../../../../core/contract/signin.collections'
import { epochMs } from '../../../../core/time'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { holdingUnit } from '../../../../server/units'
import { loadActivity, signinStateOf, toServiceView } from '../records'

/** 现场签到: who signed in (latest first), the atomic count, and the volunteers on duty. */
export const liveAttendance: Handler<'signin', 'liveAttendance'> = async (
  { activityId },
  { db, caller, now },
) => {
  const activity = await loadActivity(db, activityId)
  requireManagerOf(caller, holdingUnit(activity))
  const [residents, volunteers] = await Promise.all([
    from(db, attendance).find((q) =>
      q
        .where({ activityId })
        .field({ name: true, signedInAt: true })
        .orderBy('signedInAt', 'desc')
        .limit(LIVE_RESIDENTS_MAX),
    ),
    from(db, serviceRecords).find((q) =>
      q.where({ activityId }).orderBy('signInAt', 'asc').limit(LIVE_VOLUNTEERS_MAX),
    ),
  ])
  const at = now()
  return {
    activity: {
      _id: activity._id,
      title: activity.title,
      unitName: activity.unitName,
      start: epochMs(activity.start),
      end: epochMs(activity.end),
      status: activity.status,
      attendedCount: activity.attendedCount ?? 0,
      geofenceMeters: activity.geofenceMeters ?? null,
    },
    signIn: signinStateOf(activity, at),
    residents: residents.map((r) => ({ name: r.name ?? null, signedInAt: epochMs(r.signedInAt) })),
    volunteers: volunteers.map(toServiceView),
    onDuty: volunteers.filter((v) => v.status === 'open').length,
    serverNow: at.getTime(),
  }
}
