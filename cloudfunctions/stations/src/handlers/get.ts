import { units } from '../../../../core/contract/stations.collections'
import { AppError } from '../../../../core/errors'
import { from } from '../../../../server/db'
import { callerOnDemand } from '../../../../server/router'
import { toLink } from './units'

export const get = callerOnDemand<'stations', 'get'>(async (input, { db, _ }) => {
  const network = from(db, units)
  const unit = await network.byId(input.id)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点，可能已撤销或二维码有误')
  const [ancestors, children] = await Promise.all([
    unit.ancestors.length
      ? network.find((q) => q.where({ _id: _.in(unit.ancestors) }).field({ name: true, level: true }))
      : Promise.resolve([]),
    network.find((q) =>
      q
        .where({ parentId: unit._id, retired: _.neq(true) })
        .field({ name: true, level: true })
        .limit(100),
    ),
  ])
  const byId = new Map(ancestors.map((a) => [a._id, a]))
  const chain = unit.ancestors.flatMap((id) => {
    const a = byId.get(id)
    return a ? [toLink(a)] : []
  })
  const { ancestors: _a, retired: _r, ...shown } = unit
  return { unit: shown, chain, children: children.map(toLink) }
})
