import type { MyActivity } from '../../../../core/contract'
import {
  activities as activitiesSpec,
  registrations,
  type RegistrationDoc,
} from '../../../../core/contract/activities.collections'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { dayRange, epochMs } from '../../../../core/time'
import { reconcileRegistrations } from './registration'
import { LIST_FIELDS, toListItem } from './docs'

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
  const regs = from(db, registrations)
  const base = { openid: caller.openid, status: 'registered' }
  const [upcoming, past] = await Promise.all([
    regs.find((q) =>
      q
        .where({ ...base, activityStart: _.gte(today) })
        .orderBy('activityStart', 'asc')
        .limit(UPCOMING_MAX),
    ),
    regs.find((q) =>
      q
        .where({ ...base, activityStart: _.lt(today) })
        .orderBy('activityStart', 'desc')
        .limit(PAST_MAX),
    ),
  ])
  const ids = [...upcoming, ...past].map((r) => r.activityId)
  const activities = ids.length
    ? await from(db, activitiesSpec).find((q) =>
        q
          .where({ _id: _.in(ids) })
          .field({ ...LIST_FIELDS, cancelReason: true })
          .limit(ids.length),
      )
    : []
  const byId = new Map(activities.map((a) => [a._id, a]))
  const shown = (list: RegistrationDoc[]): MyActivity[] =>
    list.flatMap((r) => {
      const a = byId.get(r.activityId)
      if (!a) return []
      return [
        {
          activity: toListItem(a),
          registeredAt: epochMs(r.registeredAt ?? r.updatedAt),
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
