import { activities as activitiesSpec } from '../../../../core/contract/activities.collections'
import { attendance, serviceRecords } from '../../../../core/contract/signin.collections'
import { units } from '../../../../core/contract/stations.collections'
import { users } from '../../../../core/contract/users.collections'
import type { UserRecord } from '../../../../core/domain'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { retiredMessage } from '../../../../core/network/rules'
import { parseScene } from '../../../../core/signin/scene'
import { loadUnit } from '../../../../server/units'
import { currentActivity } from '../../../../core/signin/window'
import { dayRange, epochMs } from '../../../../core/time'
import { ACTIVITY_FIELDS, signinError, toLandingActivity } from '../records'

/** A station holds a handful of activities a day; more than this is a data problem, not a list. */
const DAY_MAX = 50

export const scanStation: Handler<'signin', 'scanStation'> = async ({ scene }, { db, _, caller, now }) => {
  const parsed = parseScene(scene)
  if (parsed.kind !== 'station') throw signinError('SCENE_INVALID')

  const unit = await from(db, units).first(
    { code: parsed.unitCode },
    {
      name: true,
      level: true,
      address: true,
      phone: true,
      hours: true,
      retired: true,
      successorId: true,
    },
  )
  if (!unit) throw signinError('STATION_UNKNOWN')
  if (unit.retired) {
    // network context: a retired unit's old code sends people to its successor (该站点已合并/停用，请前往…)
    const successor = unit.successorId ? await loadUnit(db, unit.successorId) : undefined
    throw signinError('STATION_RETIRED', retiredMessage(successor && !successor.retired ? successor : null))
  }

  const at = now()
  const today = dayRange(at)
  const activities = await from(db, activitiesSpec).find((q) =>
    q
      .where({ unitId: unit._id, start: _.gte(today.start).and(_.lt(today.end)) })
      .field(ACTIVITY_FIELDS)
      .orderBy('start', 'asc')
      .limit(DAY_MAX),
  )

  // attendance and service records share the `${activityId}_${openid}` _id
  const ids = activities.map((a) => attendance.id(a._id, caller.openid))
  const rememberHome = caller.user.homeUnitId
    ? Promise.resolve()
    : from(db, users).update({ _id: caller.openid, homeUnitId: _.exists(false) }, {
        homeUnitId: unit._id,
      } satisfies Partial<UserRecord>)
  const [attended, served] = await Promise.all([
    ids.length
      ? from(db, attendance).find((q) => q.where({ _id: _.in(ids) }).limit(DAY_MAX))
      : Promise.resolve([]),
    ids.length
      ? from(db, serviceRecords).find((q) => q.where({ _id: _.in(ids) }).limit(DAY_MAX))
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
        attendedAt: att ? epochMs(att.signedInAt) : null,
        service: svc
          ? {
              signInAt: epochMs(svc.signInAt),
              signOutAt: svc.signOutAt ? epochMs(svc.signOutAt) : null,
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
