import type { Registrant } from '../../../../core/contract'
import { activities, registrations } from '../../../../core/contract/activities.collections'
import { users as usersSpec } from '../../../../core/contract/users.collections'
import { requireManagerOf } from '../../../../server/auth'
import { from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { holdingUnit } from '../../../../server/units'
import { loadActivity, toListItem } from './docs'

/** openids per `_.in` query for the registration records (each read is one small page). */
const RECORDS_PER_READ = 100

/**
 * 签到表: who registered, with the name and phone they gave (if any), in the order they registered.
 * Managers of the activity's unit or above only (a resident's phone is not for everyone). Read from the
 * activity's registrants (the truth) and their user records; registration times from the records of the
 * people shown (at most MAX_READ; `truncated` says when there are more).
 */
export const registrants: Handler<'activities', 'registrants'> = async (input, { db, _, caller, now }) => {
  const activity = await loadActivity(db, input.id)
  requireManagerOf(caller, holdingUnit(activity))
  const withPeople = await from(db, activities).byId(activity._id, { registrants: true })
  const all = withPeople?.registrants ?? []
  const openids = all.slice(0, MAX_READ)
  const [users, records] = openids.length
    ? await Promise.all([
        from(db, usersSpec).find((q) =>
          q
            .where({ _id: _.in(openids) })
            .field({ name: true, phone: true })
            .limit(MAX_READ),
        ),
        Promise.all(
          chunks(openids, RECORDS_PER_READ).map((chunk) =>
            from(db, registrations).find((q) =>
              q
                .where({ activityId: activity._id, openid: _.in(chunk), status: 'registered' })
                .field({ openid: true, registeredAt: true, updatedAt: true })
                .limit(chunk.length),
            ),
          ),
        ).then((pages) => pages.flat()),
      ])
    : [[], []]
  const byOpenid = new Map(users.map((u) => [u._id, u]))
  const since = new Map(records.map((r) => [r.openid, new Date(r.registeredAt ?? r.updatedAt).getTime()]))
  const items: Registrant[] = openids
    .map((openid) => ({
      name: byOpenid.get(openid)?.name?.trim() || null,
      phone: byOpenid.get(openid)?.phone?.trim() || null,
      registeredAt: since.get(openid) ?? 0,
    }))
    .sort((a, b) => a.registeredAt - b.registeredAt)
  return {
    activity: toListItem(activity),
    items,
    truncated: all.length > openids.length,
    serverNow: now().getTime(),
  }
}

function chunks<T>(all: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size))
  return out
}
