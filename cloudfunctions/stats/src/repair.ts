/**
 * The nightly repair (config.json trigger, 02:30 Shanghai): recounts a year's statistics from the raw
 * data — activities (status, start, attendedCount: the check-in's own exact count) and confirmed
 * service records — and rewrites every unit-year counter document that differs. A document is
 * rewritten only if no writer bumped it since it was read (`v`), so a bump racing the repair is never
 * lost; such a document is left for the next run (`busy`). docs/statistics.md.
 */
import { activities } from '../../../core/contract/activities.collections'
import { serviceRecords } from '../../../core/contract/signin.collections'
import { units } from '../../../core/contract/stations.collections'
import { statsCounters, type StatsCounterDoc } from '../../../core/contract/stats.collections'
import {
  addInto,
  emptyYear,
  sameYear,
  slotsOf,
  type StatFigures,
  type YearFigures,
} from '../../../core/stats/figures'
import { parseShanghaiDate, shanghai } from '../../../core/time'
import { from, MAX_READ } from '../../../server/db'
import type { TimerHandler } from '../../../server/router'
import type { Command, Db } from '../../../server/types'

export interface RepairReport {
  year: string
  units: number
  rewritten: number
  created: number
  busy: number
  activitiesRead: number
  serviceRecordsRead: number
}

export const statsTimer: TimerHandler = async ({ db, _, now }) => {
  const t = now()
  // the year that just ended is repaired through January (late confirmations of December's service)
  const years = [...new Set([shanghai(t).subtract(31, 'day').format('YYYY'), shanghai(t).format('YYYY')])]
  const reports: RepairReport[] = []
  for (const year of years) reports.push(await repairYear(db, _, year, t))
  return { reports }
}

interface Counted {
  unitPath: string[]
  figures: YearFigures
}

/** Pages through a query ordered by _id (no skip: each page starts after the last _id seen). */
async function* pages<D extends { _id: string }>(
  read: (after: string | null) => Promise<D[]>,
): AsyncGenerator<D[]> {
  let after: string | null = null
  for (;;) {
    const page = await read(after)
    if (page.length > 0) yield page
    if (page.length < MAX_READ) return
    after = page[page.length - 1]!._id
  }
}

export async function repairYear(db: Db, _: Command, year: string, t: Date): Promise<RepairReport> {
  const start = parseShanghaiDate(`${year}-01-01`)
  const end = parseShanghaiDate(`${Number(year) + 1}-01-01`)
  const counted = new Map<string, Counted>()
  const add = (unitPath: readonly string[], at: Date, delta: Partial<StatFigures>) => {
    const slots = slotsOf(at)
    unitPath.forEach((unitId, i) => {
      let c = counted.get(unitId)
      if (!c) counted.set(unitId, (c = { unitPath: unitPath.slice(0, i + 1), figures: emptyYear() }))
      addInto(c.figures, slots, delta)
    })
  }
  let activitiesRead = 0
  for await (const page of pages((after) =>
    from(db, activities).find((q) =>
      q
        .where({ start: _.gte(start).and(_.lt(end)), ...(after ? { _id: _.gt(after) } : {}) })
        .field({ unitPath: true, start: true, status: true, attendedCount: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    activitiesRead += page.length
    for (const a of page) {
      add(a.unitPath, new Date(a.start), {
        activities: a.status === 'published' ? 1 : 0,
        attendances: a.attendedCount ?? 0,
      })
    }
  }

  let serviceRecordsRead = 0
  for await (const page of pages((after) =>
    from(db, serviceRecords).find((q) =>
      q
        .where({
          status: 'confirmed',
          activityStart: _.gte(start).and(_.lt(end)),
          ...(after ? { _id: _.gt(after) } : {}),
        })
        .field({ unitPath: true, activityStart: true, minutes: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    serviceRecordsRead += page.length
    for (const r of page) {
      add(r.unitPath, new Date(r.activityStart), { serviceMinutes: r.minutes ?? 0, serviceSessions: 1 })
    }
  }

  // every unit gets its year's document, so the writers' one where-update finds them all
  for await (const page of pages((after) =>
    from(db, units).find((q) =>
      q
        .where(after ? { _id: _.gt(after) } : {})
        .field({ ancestors: true, retired: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    for (const u of page) {
      if (u.retired || counted.has(u._id)) continue
      counted.set(u._id, { unitPath: [...(u.ancestors ?? []), u._id], figures: emptyYear() })
    }
  }

  const counters = from(db, statsCounters)
  let rewritten = 0
  let created = 0
  let busy = 0
  const seen = new Set<string>()
  for await (const page of pages((after) =>
    counters.find((q) =>
      q
        .where({ year, ...(after ? { _id: _.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    for (const doc of page) {
      seen.add(doc.unitId)
      const want = counted.get(doc.unitId)?.figures ?? emptyYear()
      if (sameYear(doc, want)) continue
      const n = await counters.update(
        { _id: doc._id, v: doc.v },
        { y: _.set(want.y), m: _.set(want.m), w: _.set(want.w), v: _.inc(1), repairedAt: t },
      )
      if (n === 1) rewritten++
      else busy++
    }
  }
  for (const [unitId, c] of counted) {
    if (seen.has(unitId)) continue
    const doc: StatsCounterDoc = {
      _id: statsCounters.id(unitId, year),
      unitId,
      parentId: c.unitPath.length > 1 ? c.unitPath[c.unitPath.length - 2]! : null,
      unitPath: c.unitPath,
      year,
      ...c.figures,
      v: 1,
      repairedAt: t,
    }
    const res = await counters.insertUnique(doc)
    if (res.inserted) created++
    else busy++
  }
  return { year, units: counted.size, rewritten, created, busy, activitiesRead, serviceRecordsRead }
}
