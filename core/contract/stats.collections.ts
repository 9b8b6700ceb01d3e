/** The stats context's collections: per unit and year counters, person markers, the repair's state (docs/statistics.md). */
import type { YearFigures } from '../stats/figures'
import { collection } from './collection'

/** Figures only the nightly repair writes: a snapshot, not a flow (no period). */
export interface StatsGauges {
  /** practice-day notice subscriptions recorded under the unit's subtree (one per person and template) */
  subscribers: number
  /** of those, holding at least one credit: who the next monthly notice can reach */
  subscribersReachable: number
  /** when the repair counted them */
  at: Date
}

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
  /** incremented by every write: the repair rewrites a document only if nothing wrote it since its scan */
  v: number
  repairedAt: Date | null
  /** the repair run (its Shanghai night, YYYY-MM-DD) that last rewrote it */
  repairRun?: string | null
  /** the current year's gauges (the nightly repair's snapshot) */
  g?: StatsGauges | null
}

/**
 * What a person has been counted for in one center and year (the distinct 人数 and active volunteers):
 * `_id` = `${centerId}:${YYYY}:${openid}`, `s` the marker tags (core/stats/figures.ts `personTags`).
 * A writer adds the tags it is about to count with one update conditional on `v`, then bumps only
 * those; the nightly repair rewrites `s` from the raw data (also conditional on `v`).
 */
export interface StatsPersonDoc {
  _id: string
  centerId: string
  year: string
  openid: string
  s: string[]
  v: number
}

/** One center-year of a repair run: where the run got to. */
export interface RepairItem {
  centerId: string
  year: string
  /** scan: recount and propose; apply: write the proposals once quiet; done */
  phase: 'scan' | 'apply' | 'done'
  scannedAt: Date | null
  scanMs: number | null
  report: Record<string, number> | null
}

/** A person marker's true tags and its `v` at the scan (null: none yet), rewritten by the apply if unchanged. */
export interface MarkerProposal {
  markerId: string
  openid: string
  mv: number | null
  s: string[]
}

/**
 * The repair's state, `_id`:
 * - `run`: the current run (the Shanghai night it started), its center-year items and a lease;
 * - `settings`: optional overrides (budgetMs, quietMs, leaseMs, repeat) an operator or a test may store;
 * - `p:${counterId}`: a proposal — the recount of one unit-year and the `v` its counter had before the
 *   scan (null: no document yet), applied only if `v` is still that;
 * - `m:${centerId}:${year}:${n}`: person markers' true tags and their `v` at the scan, rewritten (first)
 *   likewise.
 */
export interface StatsRepairDoc {
  _id: string
  night?: string
  items?: RepairItem[]
  leaseUntil?: Date | null
  budgetMs?: number
  quietMs?: number
  /** how long a firing's lease lasts (default: the budget + 15 s) */
  leaseMs?: number
  /** start a new run as soon as one finishes (default: one run a night) */
  repeat?: boolean
  counterId?: string
  centerId?: string
  year?: string
  v0?: number | null
  /** marker proposals (`m:${centerId}:${year}:${n}`, up to 200 a document) */
  markers?: MarkerProposal[]
  want?: Omit<StatsCounterDoc, 'v' | 'repairedAt' | 'repairRun' | 'g'>
}

export const statsCounters = collection<StatsCounterDoc>()({
  name: 'stats_counters',
  description:
    'Statistics counters per unit and year (_id = `${unitId}:${YYYY}`), year, month and week slots, rolled up to every ancestor by the writer; repaired nightly from the raw data.',
  indexes: [
    { name: 'parent_year', keys: { parentId: 1, year: 1 } },
    { name: 'unitpath_year', keys: { unitPath: 1, year: 1 } },
  ],
  id: (unitId: string, year: string): string => `${unitId}:${year}`,
})

export const statsPeople = collection<StatsPersonDoc>()({
  name: 'stats_people',
  description:
    'Distinct-person markers per center, year and person (_id = `${centerId}:${YYYY}:${openid}`): the unit-period tags a person was counted for (人数, active volunteers).',
  indexes: [{ name: 'center_year', keys: { centerId: 1, year: 1 } }],
  id: (centerId: string, year: string, openid: string): string => `${centerId}:${year}:${openid}`,
})

export const statsRepair = collection<StatsRepairDoc>()({
  name: 'stats_repair',
  description:
    "The nightly statistics repair's state: the run's cursor and lease ('run'), overrides ('settings'), and per unit-year proposals ('p:<counterId>') applied by compare-and-set.",
  indexes: [{ name: 'center_year', keys: { centerId: 1, year: 1 } }],
})
