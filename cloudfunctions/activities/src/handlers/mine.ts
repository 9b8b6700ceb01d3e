import type { MyActivity } from '../../../../core/contract'
import type { Activity } from '../../../../core/domain'
import { rows } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { dayRange } from '../../../../core/time'
import type { ActivityRegistration } from '../../../../core/activities/types'
import { reconcileRegistrations } from './registration'
import { LIST_FIELDS, ms, toListItem } from './docs'

const UPCOMING_MAX = 50
const PAST_MAX = 20

/**
 * 我的活动: coming registrations (from today on, soonest first), cancelled ones (已取消, with the
 * reason, never under 即将参加) and the last few past ones. First the caller's own records left by a call
 * that died are settled (bounded), then two reads on the openid+status+activityStart index in parallel,
 * then one read of those activities by _id.
 */
export const mine: Handler<'activities', 'mine'> = async (_input, ctx) => {
  const { db, _, caller, now } = ctx
  await reconcileRegistrations(ctx, caller.openid)
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
          .field({ ...LIST_FIELDS, cancelReason: true })
          .limit(ids.length)
          .get(),
      )
    : []
  const byId = new Map(activities.map((a) => [a._id, a]))
  const shown = (list: ActivityRegistration[]): MyActivity[] =>
    list.flatMap((r) => {
      const a = byId.get(r.activityId)
      if (!a) return []
      return [
        {
          activity: toListItem(a),
          registeredAt: ms(r.registeredAt ?? r.updatedAt),
          cancelReason: a.status === 'cancelled' ? (a.cancelReason ?? '') : null,
        },
      ]
    })
  const coming = shown(upcoming)
  return {
    upcoming: coming.filter((m) => m.activity.status !== 'cancelled'),
    cancelled: coming.filter((m) => m.activity.status === 'cancelled'),
    past: shown(past),
    serverNow: t.getTime(),
  }
}
