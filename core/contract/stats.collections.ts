/** The stats context's collections: per unit and year counters (docs/statistics.md). */
import type { YearFigures } from '../stats/figures'
import { collection } from './collection'

/**
 * One unit's figures (its whole subtree) for one Shanghai calendar year, `_id` = `${unitId}:${YYYY}`:
 * `y` the year, `m.mMM` each month, `w.wYYYYMMDD` each week (by its Monday; a week over New Year is
 * split between two years' documents). Incremented by the writers (server/stats.ts) for every unit on
 * the source's unitPath in one where-update, and rewritten by the nightly repair.
 */
export interface StatsCounterDoc extends YearFigures {
  _id: string
  unitId: string
  /** the unit's parent (null for a top unit): a unit's children's documents are read by it */
  parentId: string | null
  /** the unit's ancestors and itself */
  unitPath: string[]
  year: string
  /** incremented by every write: the repair rewrites a document only if nothing wrote it meanwhile */
  v: number
  repairedAt: Date | null
}

export const statsCounters = collection<StatsCounterDoc>()({
  name: 'stats_counters',
  description:
    'Statistics counters per unit and year (_id = `${unitId}:${YYYY}`), year, month and week slots, rolled up to every ancestor by the writer; repaired nightly from the raw data.',
  indexes: [{ name: 'parent_year', keys: { parentId: 1, year: 1 } }],
  id: (unitId: string, year: string): string => `${unitId}:${year}`,
})
