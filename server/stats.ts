/**
 * Statistics counters as the data is written (docs/statistics.md). `bumpStats` adds a delta to the
 * counters of every unit on a source's unitPath (the unit and all its ancestors) for the year, month
 * and week its instant falls in — one where-update over the unit-year documents, so the roll-up to
 * every ancestor is the same database write. Callers bump only after their own conditional update
 * changed the source (check-in's attendees guard, a service record's revision, an activity's status
 * flip), so a retried call never bumps twice; a kill between that update and the bump leaves the
 * counters short, which the stats function's nightly repair recounts from the raw data.
 */
import { statsCounters, type StatsCounterDoc } from '../core/contract/stats.collections'
import { addInto, emptyYear, FIGURE_KEYS, incPaths, slotsOf, type StatFigures } from '../core/stats/figures'
import type { Instant } from '../core/time'
import { from } from './db'
import type { Command, Db } from './types'

export async function bumpStats(
  db: Db,
  _: Command,
  source: { unitPath: readonly string[]; at: Instant; delta: Partial<StatFigures> },
): Promise<void> {
  const { unitPath, at, delta } = source
  if (unitPath.length === 0 || FIGURE_KEYS.every((k) => !delta[k])) return
  const slots = slotsOf(at)
  const paths = incPaths(slots, delta)
  const data: Record<string, unknown> = { v: _.inc(1) }
  for (const [path, n] of Object.entries(paths)) data[path] = _.inc(n)
  const ids = unitPath.map((u) => statsCounters.id(u, slots.year))
  const counters = from(db, statsCounters)
  const updated = await counters.update({ _id: _.in(ids) }, data)
  if (updated === ids.length) return

  // Some unit has no document for this year yet (a new unit, or before the nightly repair created the
  // year's documents): those missing now are created holding this delta (a duplicate — another writer
  // created it meanwhile — takes the increment instead). A document another writer created between the
  // update above and the read below misses this delta: the nightly repair recounts it.
  const present = new Set(
    (await counters.find((q) => q.where({ _id: _.in(ids) }).field({ _id: true }))).map((d) => d._id),
  )
  await Promise.all(
    unitPath.map(async (_unit, i) => {
      const id = ids[i]!
      if (present.has(id)) return
      const doc = emptyDoc(unitPath, i, slots.year)
      addInto(doc, slots, delta)
      doc.v = 1
      const res = await counters.insertUnique(doc)
      if (!res.inserted) await counters.update({ _id: id }, data)
    }),
  )
}

function emptyDoc(unitPath: readonly string[], i: number, year: string): StatsCounterDoc {
  const unitId = unitPath[i]!
  return {
    _id: statsCounters.id(unitId, year),
    unitId,
    parentId: i === 0 ? null : unitPath[i - 1]!,
    unitPath: unitPath.slice(0, i + 1),
    year,
    ...emptyYear(),
    v: 0,
    repairedAt: null,
  }
}
