import { AppError } from '../../../../core/errors'
import type { Handler } from '../../../../server/router'
import { rows } from '../../../../server/db'
import { toLink, type UnitDoc } from './units'

export const get: Handler<'stations', 'get'> = async (input, { db, _ }) => {
  const units = db.collection('units')
  const [unit] = await rows<UnitDoc>(units.where({ _id: input.id }).limit(1).get())
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点，可能已撤销或二维码有误')
  const [ancestors, children] = await Promise.all([
    unit.ancestors.length
      ? rows<UnitDoc>(
          units
            .where({ _id: _.in(unit.ancestors) })
            .field({ name: true, level: true })
            .get(),
        )
      : Promise.resolve([]),
    rows<UnitDoc>(
      units
        .where({ parentId: unit._id, retired: _.neq(true) })
        .field({ name: true, level: true })
        .limit(100)
        .get(),
    ),
  ])
  const byId = new Map(ancestors.map((a) => [a._id, a]))
  const chain = unit.ancestors.flatMap((id) => {
    const a = byId.get(id)
    return a ? [toLink(a)] : []
  })
  const { ancestors: _a, retired: _r, ...shown } = unit
  return { unit: shown, chain, children: children.map(toLink) }
}
