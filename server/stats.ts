/**
 * Statistics counters as the data is written (docs/statistics.md). `bumpStats` adds a delta to the
 * counters of every unit on a source's unitPath (the unit and all its ancestors) for the year, month
 * and week its instant falls in — one where-update over the unit-year documents, so the roll-up to
 * every ancestor is the same database write. Callers bump only after their own conditional update
 * changed the source (check-in's attendees guard, a service record's revision, an activity's status
 * flip, a ledger line's commit), so a retried call never bumps twice; a kill between that update and
 * the bump leaves the counters short, which the stats function's nightly repair recounts from the raw
 * data.
 *
 * Distinct people (人数, active volunteers): a source that names a person first adds the tags it is
 * about to count to the person's marker for the center-year (one update conditional on the marker's
 * `v`), and bumps `people`/`volunteers` +1 only in the unit-slots whose tags it added. A person
 * therefore counts once per unit and period however often they come; a kill between the marker and
 * the bump leaves the counters short (never over) until the repair.
 */
import { readFileSync } from 'node:fs'
import {
  statsCounters,
  statsPeople,
  type StatsCounterDoc,
  type StatsPersonDoc,
} from '../core/contract/stats.collections'
import {
  emptyYear,
  FIGURE_KEYS,
  incPaths,
  ledgerDelta,
  PERSON_FIGURE,
  personTags,
  slotsOf,
  tagTarget,
  type PersonRole,
  type StatFigures,
} from '../core/stats/figures'
import type { Instant } from '../core/time'
import { from } from './db'
import { serverEnv } from './env'
import type { Command, Db } from './types'

export interface StatsSource {
  unitPath: readonly string[]
  at: Instant
  delta: Partial<StatFigures>
  /** the person the source is about: counted once per unit-period in `people` or `volunteers` */
  person?: { openid: string; as: PersonRole }
}

/**
 * A test hook (the race test, cloudfunctions/stats): while the crash-points file (CRASH_POINTS_FILE)
 * lists `hold:<name>`, the call waits here (at most 20 s), as a call slowed between its source write and
 * its bump would. Without the variable (production) it does nothing and reads nothing.
 */
async function holdPoint(name: string): Promise<void> {
  const file = serverEnv().CRASH_POINTS_FILE
  if (!file) return
  const held = () => {
    try {
      return readFileSync(file, 'utf8').split(/\s+/).includes(`hold:${name}`)
    } catch {
      return false
    }
  }
  const until = Date.now() + 20_000
  while (held() && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
}

/** Marker updates that lose a race this many times give up (the counter stays short until the repair). */
const MARKER_ATTEMPTS = 6

export async function bumpStats(db: Db, _: Command, source: StatsSource): Promise<void> {
  const { unitPath, at, delta, person } = source
  if (unitPath.length === 0 || FIGURE_KEYS.every((k) => !delta[k])) return
  await holdPoint('stats:before-bump')
  const slots = slotsOf(at)
  const base = incPaths(slots, delta)
  // per unit: the base paths, plus +1 in each slot whose person tag this call added
  const perUnit = new Map<string, Record<string, number>>(unitPath.map((u) => [u, { ...base }]))
  if (person) {
    for (const tag of await markPerson(db, _, unitPath, at, person)) {
      const { unitId, path, figure } = tagTarget(tag)
      const paths = perUnit.get(unitId)
      if (paths) paths[`${path}.${figure}`] = (paths[`${path}.${figure}`] ?? 0) + 1
    }
  }
  // units wanting the same increments share one where-update (usually one group, at most a few)
  const groups = new Map<string, { units: string[]; paths: Record<string, number> }>()
  for (const [unitId, paths] of perUnit) {
    const key = JSON.stringify(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1)))
    const g = groups.get(key) ?? { units: [], paths }
    g.units.push(unitId)
    groups.set(key, g)
  }
  await Promise.all(
    [...groups.values()].map((g) => applyPaths(db, _, unitPath, slots.year, g.units, g.paths)),
  )
}

/**
 * Adds this person's tags for `unitPath` and the slots of `at` to their center-year marker; answers
 * the tags this call added (the ones it may count). Conditional on the marker's `v`, retried on a race.
 */
async function markPerson(
  db: Db,
  _: Command,
  unitPath: readonly string[],
  at: Instant,
  person: { openid: string; as: PersonRole },
): Promise<string[]> {
  const slots = slotsOf(at)
  const centerId = unitPath[0]!
  const id = statsPeople.id(centerId, slots.year, person.openid)
  const wanted = personTags(person.as, unitPath, slots)
  const markers = from(db, statsPeople)
  for (let i = 0; i < MARKER_ATTEMPTS; i++) {
    const doc = await markers.byId(id, { s: true, v: true })
    const have = new Set(doc?.s ?? [])
    const missing = wanted.filter((t) => !have.has(t))
    if (missing.length === 0) return []
    if (!doc) {
      const fresh: StatsPersonDoc = {
        _id: id,
        centerId,
        year: slots.year,
        openid: person.openid,
        s: missing,
        v: 1,
      }
      if ((await markers.insertUnique(fresh)).inserted) return missing
      continue
    }
    if ((await markers.update({ _id: id, v: doc.v }, { s: _.push(missing), v: _.inc(1) })) === 1)
      return missing
  }
  console.warn(`stats: marker ${id} kept changing; ${PERSON_FIGURE[person.as]} left to the repair`)
  return []
}

/** Adds `paths` to the unit-year documents of `units`, creating those missing with the increments. */
async function applyPaths(
  db: Db,
  _: Command,
  unitPath: readonly string[],
  year: string,
  units: string[],
  paths: Record<string, number>,
): Promise<void> {
  const data: Record<string, unknown> = { v: _.inc(1) }
  for (const [path, n] of Object.entries(paths)) data[path] = _.inc(n)
  const ids = units.map((u) => statsCounters.id(u, year))
  const counters = from(db, statsCounters)
  const updated = await counters.update({ _id: _.in(ids) }, data)
  if (updated === ids.length) return

  // Some unit has no document for this year yet (a new unit, or before the nightly repair created the
  // year's documents): those missing now are created holding these increments (a duplicate — another
  // writer created it meanwhile — takes the increment instead). A document another writer created
  // between the update above and the read below misses them: the nightly repair recounts it.
  const present = new Set(
    (await counters.find((q) => q.where({ _id: _.in(ids) }).field({ _id: true }))).map((d) => d._id),
  )
  await Promise.all(
    units.map(async (unitId, k) => {
      const id = ids[k]!
      if (present.has(id)) return
      const doc = emptyDoc(unitPath, unitPath.indexOf(unitId), year)
      for (const [path, n] of Object.entries(paths))
        addAtPath(doc as unknown as Record<string, unknown>, path, n)
      doc.v = 1
      const res = await counters.insertUnique(doc)
      if (!res.inserted) await counters.update({ _id: id }, data)
    }),
  )
}

/** Adds `n` at a dot path of a plain object, creating the objects on the way. */
function addAtPath(obj: Record<string, unknown>, path: string, n: number): void {
  const parts = path.split('.')
  let at = obj
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>
  const last = parts[parts.length - 1]!
  at[last] = ((at[last] as number | undefined) ?? 0) + n
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

/**
 * A service record that now counts as confirmed service (a manager's confirmation is signin's hook; a
 * rated order's record is counted by the orders context right after its unique insert).
 */
export function serviceStats(record: {
  unitPath: string[]
  activityStart: Date
  minutes: number | null
  openid: string
}): StatsSource {
  return {
    unitPath: record.unitPath,
    at: record.activityStart,
    delta: { serviceMinutes: record.minutes ?? 0, serviceSessions: 1 },
    person: { openid: record.openid, as: 'volunteer' },
  }
}

/** An order placed: counted per week, month and year by its submission (the orders' own figures are monthly). */
export function orderPlacedStats(order: { unitPath: string[]; submittedAt: Date }): StatsSource {
  return { unitPath: order.unitPath, at: order.submittedAt, delta: { ordersPlaced: 1 } }
}

/** Ledger lines a transaction attempt posted, counted only once that attempt committed. */
const posted = new WeakMap<object, Array<{ kind: string; points: number; unitPath: string[]; at: Date }>>()

/** Called where a ledger line is written inside a transaction (credit's postLine): remembered for the commit. */
export function countLineOnCommit(
  tx: object,
  line: { kind: string; points: number; unitPath: string[]; at: Date },
): void {
  posted.set(tx, [...(posted.get(tx) ?? []), line])
}

/**
 * Called right after a transaction committed (credit's inTransaction): bumps the points figures of the
 * lines it posted. A rolled-back attempt's lines are never counted (its transaction object is dropped);
 * a failure here leaves the counters short for the repair, never fails the committed call.
 */
export async function countCommittedLines(db: Db, tx: object): Promise<void> {
  const lines = posted.get(tx)
  if (!lines) return
  posted.delete(tx)
  try {
    for (const l of lines)
      await bumpStats(db, db.command, { unitPath: l.unitPath, at: l.at, delta: ledgerDelta(l) })
  } catch (err) {
    console.error('stats: points not counted (the nightly repair will)', err)
  }
}
