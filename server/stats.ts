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
import { emptyYear, FIGURE_KEYS, incPaths, slotsOf, type StatFigures } from '../core/stats/figures'
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
  // A unit's first figure of a year needs its document: created empty (a duplicate is someone else's,
  // fine) before the increment, so the increment alone decides what is counted. Documents are never
  // removed, so an instance remembers which it has seen.
  const unseen = unitPath.map((u, i) => [u, i] as const).filter(([, i]) => !ensured.has(ids[i]!))
  if (unseen.length > 0) {
    await Promise.all(unseen.map(([, i]) => counters.insertUnique(emptyDoc(unitPath, i, slots.year))))
    for (const [, i] of unseen) ensured.add(ids[i]!)
  }
  const updated = await counters.update({ _id: _.in(ids) }, data)
  if (updated !== ids.length) {
    // cannot happen while documents are never removed; the nightly repair recounts if it did
    console.error(`stats: ${updated} of ${ids.length} counter documents took the increment`, ids)
  }
}

const ensured = new Set<string>()

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
