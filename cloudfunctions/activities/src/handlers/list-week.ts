import { NEARBY_UNITS_MAX, WEEK_LIST_MAX, type WeekScope } from '../../../../core/contract/activities'
import { activities, type ActivityDoc } from '../../../../core/contract/activities.collections'
import { units } from '../../../../core/contract/stations.collections'
import type { Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { aggregateRows, from } from '../../../../server/db'
import { callerOnDemand } from '../../../../server/router'
import { weekKey } from '../../../../core/time'
import { weekBounds, weekStartOf } from '../../../../core/activities/week'
import { LIST_FIELDS, toListItem, weekInfo } from './docs'

/**
 * 每周活动预告. A unit's week is one read on the unitPath+start index (the unit and its points); the
 * 15-minute circle is a geoNear on units, then one read on unitId+start with `_.in` over at most
 * NEARBY_UNITS_MAX ids. The unit's header is read in parallel, so a call costs one round-trip of latency.
 */
export const listWeek = callerOnDemand<'activities', 'listWeek'>(async (input, { db, _, now }) => {
  const serverNow = now()
  const week = input.week ? weekStartOf(input.week) : weekKey(serverNow)
  const { start, end } = weekBounds(week)
  const inWeek = _.gte(start).and(_.lt(end))
  const read = (where: Record<string, unknown>) =>
    from(db, activities).find((q) =>
      q
        .where({ ...where, start: inWeek })
        .orderBy('start', 'asc')
        .limit(WEEK_LIST_MAX + 1)
        .field(LIST_FIELDS),
    )

  let scope: WeekScope
  let found: ActivityDoc[]
  if (input.scope.kind === 'unit') {
    const unitId = input.scope.unitId
    const [unit, list] = await Promise.all([
      from(db, units).byId(unitId, { name: true, level: true, phone: true, retired: true }),
      read({ unitPath: unitId }),
    ])
    if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点，可能已撤销或二维码有误')
    scope = { kind: 'unit', unitId, name: unit.name, level: unit.level, phone: unit.phone }
    found = list
  } else {
    const { latitude, longitude, radiusMeters } = input.scope
    const near = await aggregateRows<Pick<Unit, '_id' | 'name'>>(
      from(db, units)
        .ref.aggregate()
        .geoNear({
          near: db.Geo.Point(longitude, latitude),
          spherical: true,
          distanceField: 'distance',
          maxDistance: radiusMeters,
          query: { level: _.in(['station', 'point']), retired: _.neq(true) },
        })
        .limit(NEARBY_UNITS_MAX)
        .project({ name: true })
        .end(),
    )
    scope = { kind: 'nearby', radiusMeters, stations: near.map((u) => ({ _id: u._id, name: u.name })) }
    found = near.length ? await read({ unitId: _.in(near.map((u) => u._id)) }) : []
  }

  const truncated = found.length > WEEK_LIST_MAX
  return {
    week: weekInfo(week),
    scope,
    items: (truncated ? found.slice(0, WEEK_LIST_MAX) : found).map(toListItem),
    truncated,
    serverNow: serverNow.getTime(),
  }
})
