import { posters } from '../../../../core/contract/posters.collections'
import { grantedUnitIds } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'

/** The items of the units the caller manages (a grant reaches the unit's subtree), newest first. */
export const weekly: Handler<'posters', 'weekly'> = async (input, { db, _, caller }) => {
  const scope = grantedUnitIds(caller, 'manager')
  const items = await from(db, posters).find((q) =>
    q
      .where({ unitPath: _.in(scope) })
      .orderBy('createdAt', 'desc')
      .limit(input.limit),
  )
  return { items: items.map(({ _id, unitId, title, createdAt }) => ({ _id, unitId, title, createdAt })) }
}
