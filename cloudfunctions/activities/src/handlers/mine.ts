import type { MyActivity } from '../../../../core/contract'
import type { Activity } from '../../../../core/domain'
import { rows } from '../../../../core/server/db'
import type { Handler } from '../../../../core/server/router'
import { dayRange } from '../../../../core/time'
import type { ActivityRegistration } from '../../../../core/activities/types'
import { LIST_FIELDS, ms, toListItem } from './docs'

const UPCOMING_MAX = 50
const PAST_MAX = 20

/**
 * 我的活动: coming registrations (from today on, soonest first) and the last few past ones. Two reads on
 * the openid+status+activityStart index in parallel, then one read of those activities by _id.
 */
export const mine: Handler<'activities', 'mine'> = async (_input, { db, _, caller, now }) => {
  const t = now()
  const today = dayRange(t).start
  const regs = db.collection('registrations')
  const base = { openid: caller.openid, status: 'registered' }
  const [upcoming, past] = await Promise.all([
    rows<ActivityRegistration>(
      regs
        .where({ ...base, activityStart: _.gte(today) })
        .orderBy('activityStart', 'asc')
        .limit(UPCOMING_MAX)
        .get(),
    ),
    rows<ActivityRegistration>(
      regs
        .where({ ...base, activityStart: _.lt(today) })
        .orderBy('activityStart', 'desc')
        .limit(PAST_MAX)
        .get(),
    ),
  ])
  const ids = [...upcoming, ...past].map((r) => r.activityId)
  const activities = ids.length
    ? await rows<Activity>(
        db
          .collection('activities')
          .where({ _id: _.in(ids) })
          .field(LIST_FIELDS)
          .limit(ids.length)
          .get(),
      )
    : []
  const byId = new Map(activities.map((a) => [a._id, a]))
  const shown = (list: ActivityRegistration[]): MyActivity[] =>
    list.flatMap((r) => {
      const a = byId.get(r.activityId)
      return a ? [{ activity: toListItem(a), registeredAt: ms(r.registeredAt) }] : []
    })
  return { upcoming: shown(upcoming), past: shown(past), serverNow: t.getTime() }
}
