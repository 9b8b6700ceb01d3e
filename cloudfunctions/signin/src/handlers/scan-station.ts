import type { Unit, UserRecord } from '../../../../core/domain'
import { rows, one } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { parseScene } from '../../../../core/signin/scene'
import { currentActivity } from '../../../../core/signin/window'
import { dayRange } from '../../../../core/time'
import {
  ACTIVITY_FIELDS,
  ms,
  recordId,
  signinError,
  toLandingActivity,
  type ActivityDoc,
  type AttendanceDoc,
  type ServiceDoc,
} from '../records'

/** A station holds a handful of activities a day; more than this is a data problem, not a list. */
const DAY_MAX = 50

export const scanStation: Handler<'signin', 'scanStation'> = async ({ scene }, { db, _, caller, now }) => {
  const parsed = parseScene(scene)
  if (parsed.kind !== 'station') throw signinError('SCENE_INVALID')

  const unit = await one<Unit>(
    db
      .collection('units')
      .where({ code: parsed.unitCode })
      .field({ name: true, level: true, address: true, phone: true, hours: true, retired: true })
      .limit(1)
      .get(),
  )
  if (!unit) throw signinError('STATION_UNKNOWN')
  if (unit.retired) throw signinError('STATION_RETIRED')

  const at = now()
  const today = dayRange(at)
  const activities = await rows<ActivityDoc>(
    db
      .collection('activities')
      .where({ unitId: unit._id, start: _.gte(today.start).and(_.lt(today.end)) })
      .field(ACTIVITY_FIELDS)
      .orderBy('start', 'asc')
      .limit(DAY_MAX)
      .get(),
  )

  const ids = activities.map((a) => recordId(a._id, caller.openid))
  const rememberHome = caller.user.homeUnitId
    ? Promise.resolve()
    : db
        .collection('users')
        .where({ _id: caller.openid, homeUnitId: _.exists(false) })
        .update({ data: { homeUnitId: unit._id } satisfies Partial<UserRecord> })
  const [attended, served] = await Promise.all([
    ids.length
      ? rows<AttendanceDoc>(
          db
            .collection('attendance')
            .where({ _id: _.in(ids) })
            .limit(DAY_MAX)
            .get(),
        )
      : Promise.resolve([]),
    ids.length
      ? rows<ServiceDoc>(
          db
            .collection('service_records')
            .where({ _id: _.in(ids) })
            .limit(DAY_MAX)
            .get(),
        )
      : Promise.resolve([]),
    rememberHome,
  ])
  const attendedBy = new Map(attended.map((r) => [r.activityId, r]))
  const servedBy = new Map(served.map((r) => [r.activityId, r]))
  const current = currentActivity(activities, at)

  return {
    unit: {
      _id: unit._id,
      name: unit.name,
      level: unit.level,
      address: unit.address,
      phone: unit.phone,
      hours: unit.hours,
    },
    activities: activities.map((a) => {
      const att = attendedBy.get(a._id)
      const svc = servedBy.get(a._id)
      return toLandingActivity(a, at, {
        attendedAt: att ? ms(att.signedInAt) : null,
        service: svc
          ? {
              signInAt: ms(svc.signInAt),
              signOutAt: svc.signOutAt ? ms(svc.signOutAt) : null,
              minutes: svc.minutes,
            }
          : null,
      })
    }),
    currentId: current?._id ?? null,
    isVolunteer: caller.roles.has('volunteer'),
    serverNow: at.getTime(),
  }
}
