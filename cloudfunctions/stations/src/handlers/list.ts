import { callerOnDemand } from '../../../../server/router'
import { units } from '../../../../core/contract/stations.collections'
import { from } from '../../../../server/db'
import { toSummary } from './units'

/**
 * The fallback when location is denied: stations by code, a page at a time. A range on `code` (not a
 * growing skip) keeps every page an indexed read (index level+code; parentId+code with a parent).
 */
export const list = callerOnDemand<'stations', 'list'>(async (input, { db, _ }) => {
  const where: Record<string, unknown> = { level: 'station', retired: _.neq(true) }
  if (input.parentId) where.ancestors = input.parentId
  if (input.cursor) where.code = _.gt(input.cursor)
  const page = await from(db, units).find((q) =>
    q
      .where(where)
      .orderBy('code', 'asc')
      .limit(input.limit + 1),
  )
  const more = page.length > input.limit
  const shown = more ? page.slice(0, input.limit) : page
  return { stations: shown.map(toSummary), nextCursor: more ? shown[shown.length - 1]!.code : null }
})
