import { units } from '../../../../core/contract/stations.collections'
import { AppError } from '../../../../core/errors'
import { grantedUnitIds, holdsOver } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import { centerIdOf, planView, requireCenter } from '../model'

/**
 * A center's plan for a year. Managers of the center edit it; managers of any unit inside it (所、站)
 * read it. Without `centerId`: the center of the caller's first manager grant.
 */
export const get: Handler<'plans', 'get'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const granted = grantedUnitIds(caller, 'manager')
  const held = granted.length
    ? await from(db, units).find((q) =>
        q.where({ _id: _.in(granted) }).field({ level: true, ancestors: true }),
      )
    : []
  const centers = [...new Set(held.map(centerIdOf))]
  const centerId = input.centerId ?? centers[0]
  if (!centerId || !centers.includes(centerId)) {
    throw new AppError('FORBIDDEN', '只有本实践中心及所属单位的专管员可以查看年度计划')
  }
  const center = await requireCenter(db, centerId)
  return planView(ctx, center, input.year, holdsOver(caller, 'manager', center))
}
