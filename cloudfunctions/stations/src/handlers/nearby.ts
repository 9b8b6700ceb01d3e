import type { StationSummary } from '../../../../core/contract'
import { callerOnDemand } from '../../../../server/router'
import { units } from '../../../../core/contract/stations.collections'
import type { Unit } from '../../../../core/domain'
import { aggregateRows, from } from '../../../../server/db'
import { toSummary } from './units'

/** Stations and points within the circle, nearest first, served by the units.location geo index. */
export const nearby = callerOnDemand<'stations', 'nearby'>(async (input, { db, _ }) => {
  const found = await aggregateRows<Unit & { distance: number }>(
    from(db, units)
      .ref.aggregate()
      .geoNear({
        near: db.Geo.Point(input.longitude, input.latitude),
        spherical: true,
        distanceField: 'distance',
        maxDistance: input.radiusMeters,
        query: { level: _.in(['station', 'point']), retired: _.neq(true) },
      })
      .limit(input.limit)
      .end(),
  )
  const stations: StationSummary[] = found.map((u) => ({
    ...toSummary(u),
    distanceMeters: Math.round(u.distance),
  }))
  return { stations, radiusMeters: input.radiusMeters }
})
