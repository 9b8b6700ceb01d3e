/**
 * The nightly repair (config.json trigger: every 2 minutes from 02:00 to 04:58 Shanghai; each firing
 * continues the night's run): recounts each center's year from the raw data and rewrites the counter
 * documents that differ. docs/statistics.md "The nightly repair".
 *
 * A run is a list of center-years, each in two phases, with the run's state in `stats_repair/run`
 * (saved after every step, so a killed firing resumes where it stopped; every step is idempotent):
 * 1. scan: read the center's counter documents (their `v` before anything else), then the raw data —
 *    activities (status, start, attendedCount, attendees), service records that count as confirmed,
 *    ledger lines, orders, notice subscriptions — recount, write the gauges, and store a proposal for
 *    every counter that differs from what was read (holding the `v` it had before the scan) and for
 *    every person marker that differs from the truth (holding the marker's `v`).
 * 2. apply, at least `quietMs` (65 s, more than any writer's 60 s function limit) after the scan: the
 *    markers first, then the counters, each written only if its `v` is still the one read at the scan.
 * Exact under races: a bump landing after the counters were read changes `v`, so that document is left
 * (busy) for the next night; a source the scan saw whose bump had not landed yet lands it within its
 * call's 60 s — before the apply — and so changes `v` as well; a writer killed before its bump never
 * lands it, and the recount is then exactly right.
 * Each firing has a time budget (40 s of the 60 s limit) and starts a scan only if the center's last
 * scan fits in what is left.
 */
import { activities } from '../../../core/contract/activities.collections'
import { subscriptions } from '../../../core/contract/inbox.collections'
import { creditLedger } from '../../../core/contract/credit.collections'
import { orders } from '../../../core/contract/orders.collections'
import { attendance, serviceRecords } from '../../../core/contract/signin.collections'
import { units } from '../../../core/contract/stations.collections'
import {
  statsCounters,
  statsPeople,
  statsRepair,
  type MarkerProposal,
  type RepairItem,
  type StatsCounterDoc,
  type StatsRepairDoc,
} from '../../../core/contract/stats.collections'
import {
  addInto,
  countsAsConfirmed,
  emptyYear,
  ledgerDelta,
  personTags,
  sameYear,
  slotsOf,
  tagTarget,
  type PersonRole,
  type StatFigures,
  type YearFigures,
  zeroFigures,
} from '../../../core/stats/figures'
import { parseShanghaiDate, shanghai } from '../../../core/time'
import { crashPoint } from '../../../server/crash-point'
import { from, MAX_READ } from '../../../server/db'
import type { TimerHandler } from '../../../server/router'
import type { Command, Db } from '../../../server/types'

/** Stop starting work after this long: the function's limit (config.json) is 60 s. */
export const BUDGET_MS = 40_000
/** Between a center's scan and its apply: longer than any writer's call can last (60 s limit). */
export const QUIET_MS = 65_000

export interface ScanReport {
  units: number
  proposals: number
  /** person markers to rewrite */
  markers: number
  activitiesRead: number
  serviceRecordsRead: number
  ledgerLinesRead: number
  ordersRead: number
}

export interface ApplyReport {
  rewritten: number
  created: number
  busy: number
  markersRewritten: number
  markersBusy: number
  /** out of budget: the rest of the markers and the counters at the next firing */
  more: boolean
}

export const statsTimer: TimerHandler = async ({ db, _, now }) => {
  const started = Date.now()
  const settings = await from(db, statsRepair).byId('settings')
  const budget = settings?.budgetMs ?? BUDGET_MS
  const quiet = settings?.quietMs ?? QUIET_MS
  const deadline = started + budget
  const t = now()
  const night = shanghai(t).format('YYYY-MM-DD')
  const state = from(db, statsRepair)

  let run = await state.byId('run')
  const finished = run?.items?.every((i) => i.phase === 'done') ?? false
  if (!run || run.night !== night || (finished && settings?.repeat)) {
    run = { _id: 'run', night, items: await runItems(db, _, t), leaseUntil: null }
    await state.ref.doc('run').set({ data: { night, items: run.items, leaseUntil: null } })
  }
  // one firing at a time: a lease a little longer than the budget (a killed firing's lease just expires)
  const leased = await state.update(
    { _id: 'run', night, leaseUntil: _.eq(null).or(_.lt(t)) },
    { leaseUntil: new Date(t.getTime() + (settings?.leaseMs ?? budget + 15_000)) },
  )
  if (leased !== 1) return { night, leased: false }

  const items = run.items!
  const save = () => state.update({ _id: 'run', night }, { items })
  const steps: Array<{ centerId: string; year: string; phase: string; ms: number; report: object }> = []
  let stopped = false
  try {
    for (const item of items) {
      if (item.phase === 'done') continue
      // every firing makes at least one step; then only what fits in the budget
      const left = steps.length === 0 ? Infinity : deadline - Date.now()
      if (item.phase === 'scan') {
        if (left <= 0 || (item.scanMs !== null && item.scanMs * 1.2 > left)) {
          stopped = true
          break
        }
        const s0 = Date.now()
        const report = await scanCenterYear(db, _, item.centerId, item.year, t)
        crashPoint('stats:repair-after-scan')
        item.phase = 'apply'
        item.scannedAt = now()
        item.scanMs = Date.now() - s0
        item.report = { ...report }
        await save()
        steps.push({ ...item, phase: 'scan', ms: item.scanMs, report })
      } else if (item.phase === 'apply') {
        if (now().getTime() - new Date(item.scannedAt!).getTime() < quiet) continue // not quiet yet
        if (left <= 0) {
          stopped = true
          break
        }
        const s0 = Date.now()
        const { more, ...report } = await applyCenterYear(
          db,
          _,
          item.centerId,
          item.year,
          night,
          now(),
          deadline,
        )
        crashPoint('stats:repair-after-apply')
        const sum = (k: keyof typeof report) => (item.report?.[k] ?? 0) + report[k]
        item.report = {
          ...item.report,
          ...Object.fromEntries(Object.keys(report).map((k) => [k, sum(k as keyof typeof report)])),
        }
        if (!more) item.phase = 'done'
        await save()
        steps.push({ ...item, phase: 'apply', ms: Date.now() - s0, report })
        if (more) {
          stopped = true
          break
        }
      }
    }
  } finally {
    await state.update({ _id: 'run', night }, { leaseUntil: null })
  }
  const done = items.filter((i) => i.phase === 'done').length
  const waiting = items.filter((i) => i.phase === 'apply').length
  return {
    night,
    leased: true,
    steps,
    done,
    waiting,
    total: items.length,
    more: stopped || done < items.length,
  }
}

/** The center-years of a run: every top unit, this year and, through January, the last. */
async function runItems(db: Db, _: Command, t: Date): Promise<RepairItem[]> {
  const years = [...new Set([shanghai(t).subtract(31, 'day').format('YYYY'), shanghai(t).format('YYYY')])]
  const centers = await from(db, units).find((q) =>
    q.where({ parentId: null }).field({ retired: true }).orderBy('_id', 'asc').limit(MAX_READ),
  )
  return centers.flatMap((c) =>
    years.map((year): RepairItem => ({
      centerId: c._id,
      year,
      phase: 'scan',
      scannedAt: null,
      scanMs: null,
      report: null,
    })),
  )
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

const afterId = (_: Command, after: string | null) => (after ? { _id: _.gt(after) } : {})

/** Everything a center-year's recount holds in memory. */
class Recount {
  readonly figures = new Map<string, { unitPath: string[]; year: YearFigures }>()
  /** openid → marker tags (the truth the markers are rewritten to) */
  readonly tags = new Map<string, Set<string>>()

  add(unitPath: readonly string[], at: Date, delta: Partial<StatFigures>): void {
    const slots = slotsOf(at)
    for (let i = 0; i < unitPath.length; i++) addInto(this.unit(unitPath, i).year, slots, delta)
  }

  person(unitPath: readonly string[], at: Date, openid: string, role: PersonRole): void {
    let set = this.tags.get(openid)
    if (!set) this.tags.set(openid, (set = new Set()))
    for (const tag of personTags(role, unitPath, slotsOf(at))) set.add(tag)
  }

  unit(unitPath: readonly string[], i: number) {
    const unitId = unitPath[i]!
    let c = this.figures.get(unitId)
    if (!c) this.figures.set(unitId, (c = { unitPath: unitPath.slice(0, i + 1), year: emptyYear() }))
    return c
  }

  /** Turns the marker tags into the distinct-person figures. */
  countPeople(): void {
    for (const set of this.tags.values()) {
      for (const tag of set) {
        const { unitId, path, figure } = tagTarget(tag)
        const c = this.figures.get(unitId)
        if (!c) continue
        const [slot, key] = path.split('.') as ['y' | 'm' | 'w', string | undefined]
        const target = slot === 'y' ? c.year.y : (c.year[slot][key!] ??= zeroFigures())
        target[figure] += 1
      }
    }
  }
}

function markerProposal(
  centerId: string,
  year: string,
  openid: string,
  mv: number | null,
  truth: Set<string>,
): MarkerProposal {
  return { markerId: statsPeople.id(centerId, year, openid), openid, mv, s: [...truth] }
}

/** Marker proposals stored per document (a first repair of a center-year proposes every person's). */
const MARKERS_PER_PROPOSAL = 200
/** Writes at once (the scan's proposals, the apply's rewrites). */
const PARALLEL = 16

async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!)
    }),
  )
}

/** Phase 1 of a center-year (see the file's comment). Idempotent: a rerun overwrites its proposals. */
export async function scanCenterYear(
  db: Db,
  _: Command,
  centerId: string,
  year: string,
  t: Date,
): Promise<ScanReport> {
  const start = parseShanghaiDate(`${year}-01-01`)
  const end = parseShanghaiDate(`${Number(year) + 1}-01-01`)
  const inYear = _.gte(start).and(_.lt(end))
  const counters = from(db, statsCounters)

  // 1. the counters and their v, before any raw read
  const before = new Map<string, StatsCounterDoc>()
  for await (const page of pages((after) =>
    counters.find((q) =>
      q
        .where({ unitPath: centerId, year, ...afterId(_, after) })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  ))
    for (const d of page) before.set(d.unitId, d)

  const rc = new Recount()
  // every unit of the center gets its year's document, so the writers' one where-update finds them all
  const paths = new Map<string, string[]>()
  for await (const page of pages((after) =>
    from(db, units).find((q) =>
      q
        .where(after ? { ancestors: centerId, _id: _.gt(after) } : { ancestors: centerId })
        .field({ ancestors: true, retired: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    for (const u of page) {
      const path = [...(u.ancestors ?? []), u._id]
      paths.set(u._id, path)
      if (!u.retired) rc.unit(path, path.length - 1)
    }
  }
  paths.set(centerId, [centerId])
  rc.unit([centerId], 0)

  // 2. activities: 场次, 人次 (attendedCount, the check-in's own count) and 人数 (attendees)
  let activitiesRead = 0
  const unlisted: Array<{ _id: string; unitPath: string[]; start: Date }> = []
  for await (const page of pages((after) =>
    from(db, activities).find((q) =>
      q
        .where({ unitPath: centerId, start: inYear, ...afterId(_, after) })
        .field({ unitPath: true, start: true, status: true, attendedCount: true, attendees: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    activitiesRead += page.length
    for (const a of page) {
      const at = new Date(a.start)
      const n = a.attendedCount ?? 0
      rc.add(a.unitPath, at, { activities: a.status === 'published' ? 1 : 0, attendances: n })
      if (n === 0) continue
      if (Array.isArray(a.attendees) && a.attendees.length === n) {
        for (const openid of a.attendees) rc.person(a.unitPath, at, openid, 'attendee')
      } else unlisted.push({ _id: a._id, unitPath: a.unitPath, start: at }) // counted before `attendees`
    }
  }
  for (const a of unlisted) {
    for await (const page of pages((after) =>
      from(db, attendance).find((q) =>
        q
          .where({ activityId: a._id, ...afterId(_, after) })
          .field({ openid: true })
          .orderBy('_id', 'asc')
          .limit(MAX_READ),
      ),
    ))
      for (const r of page) rc.person(a.unitPath, a.start, r.openid, 'attendee')
  }

  // 3. confirmed service (and rated orders' records): minutes, sessions, active volunteers
  let serviceRecordsRead = 0
  for await (const page of pages((after) =>
    from(db, serviceRecords).find((q) =>
      q
        .where({
          unitPath: centerId,
          status: _.in(['confirmed', 'closed']),
          activityStart: inYear,
          ...afterId(_, after),
        })
        .field({
          unitPath: true,
          activityStart: true,
          minutes: true,
          openid: true,
          status: true,
          activityId: true,
        })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    serviceRecordsRead += page.length
    for (const r of page) {
      if (!countsAsConfirmed(r.status, serviceRecords.orderIdOf(r.activityId) !== null)) continue
      const at = new Date(r.activityStart)
      rc.add(r.unitPath, at, { serviceMinutes: r.minutes ?? 0, serviceSessions: 1 })
      rc.person(r.unitPath, at, r.openid, 'volunteer')
    }
  }

  // 4. points, by the line's time
  let ledgerLinesRead = 0
  for await (const page of pages((after) =>
    from(db, creditLedger).find((q) =>
      q
        .where({ unitPath: centerId, at: inYear, ...afterId(_, after) })
        .field({ unitPath: true, at: true, kind: true, points: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    ledgerLinesRead += page.length
    for (const l of page) rc.add(l.unitPath, new Date(l.at), ledgerDelta(l))
  }

  // 5. orders placed, by submission
  let ordersRead = 0
  for await (const page of pages((after) =>
    from(db, orders).find((q) =>
      q
        .where({ unitPath: centerId, submittedAt: inYear, ...afterId(_, after) })
        .field({ unitPath: true, submittedAt: true })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    ordersRead += page.length
    for (const o of page) rc.add(o.unitPath, new Date(o.submittedAt), { ordersPlaced: 1 })
  }

  // 6. the person markers that differ from the truth: proposed, with the marker's v, and rewritten by
  // the apply (before the counters, each only if its v is unchanged). Not now: a writer held between
  // its source and its bump must still find its tags missing, add them and bump.
  const markerProposals: MarkerProposal[] = []
  const markers = from(db, statsPeople)
  const seen = new Set<string>()
  const sameTags = (a: readonly string[], b: Set<string>) => a.length === b.size && a.every((x) => b.has(x))
  for await (const page of pages((after) =>
    markers.find((q) =>
      q
        .where({ centerId, year, ...afterId(_, after) })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  )) {
    for (const m of page) {
      seen.add(m.openid)
      const truth = rc.tags.get(m.openid) ?? new Set<string>()
      if (!sameTags(m.s, truth)) markerProposals.push(markerProposal(centerId, year, m.openid, m.v, truth))
    }
  }
  for (const [openid, truth] of rc.tags)
    if (!seen.has(openid)) markerProposals.push(markerProposal(centerId, year, openid, null, truth))
  rc.countPeople()

  // 7. gauges (this year only): written by the repair alone, no bump touches them
  if (year === shanghai(t).format('YYYY')) {
    const gauges = new Map<string, { subscribers: number; subscribersReachable: number }>()
    for await (const page of pages((after) =>
      from(db, subscriptions).find((q) =>
        q
          .where({ centerId, ...afterId(_, after) })
          .field({ stationId: true, credits: true })
          .orderBy('_id', 'asc')
          .limit(MAX_READ),
      ),
    )) {
      for (const s of page) {
        for (const unitId of (s.stationId && paths.get(s.stationId)) || [centerId]) {
          const g = gauges.get(unitId) ?? { subscribers: 0, subscribersReachable: 0 }
          g.subscribers += 1
          if (s.credits > 0) g.subscribersReachable += 1
          gauges.set(unitId, g)
        }
      }
    }
    await Promise.all(
      [...rc.figures.keys()].map(async (unitId) => {
        const g = gauges.get(unitId) ?? { subscribers: 0, subscribersReachable: 0 }
        const old = before.get(unitId)?.g
        if (old && old.subscribers === g.subscribers && old.subscribersReachable === g.subscribersReachable)
          return
        // a unit without a document yet gets its gauges with the proposal that creates it
        if (before.has(unitId))
          await counters.update({ _id: statsCounters.id(unitId, year) }, { g: { ...g, at: t } })
      }),
    )
  }

  // 8. a proposal for every counter that differs from what was read before the scan
  const state = from(db, statsRepair)
  await state.ref.where({ centerId, year }).remove() // an earlier attempt's, if any
  let proposals = 0
  const writes: StatsRepairDoc[] = []
  for (let i = 0; i < markerProposals.length; i += MARKERS_PER_PROPOSAL)
    writes.push({
      _id: `m:${centerId}:${year}:${i / MARKERS_PER_PROPOSAL}`,
      centerId,
      year,
      markers: markerProposals.slice(i, i + MARKERS_PER_PROPOSAL),
    })
  for (const [unitId, c] of rc.figures) {
    const was = before.get(unitId)
    if (was && sameYear(was, c.year)) continue
    const counterId = statsCounters.id(unitId, year)
    writes.push({
      _id: `p:${counterId}`,
      counterId,
      centerId,
      year,
      v0: was ? was.v : null,
      want: {
        _id: counterId,
        unitId,
        parentId: c.unitPath.length > 1 ? c.unitPath[c.unitPath.length - 2]! : null,
        unitPath: c.unitPath,
        year,
        ...c.year,
      },
    })
    proposals++
  }
  await inParallel(writes, async ({ _id, ...data }) => {
    await state.ref.doc(_id).set({ data })
  })
  return {
    units: rc.figures.size,
    proposals,
    markers: markerProposals.length,
    activitiesRead,
    serviceRecordsRead,
    ledgerLinesRead,
    ordersRead,
  }
}

/** Phase 2: each proposal written only if its counter's v is still the one read before the scan. */
export async function applyCenterYear(
  db: Db,
  _: Command,
  centerId: string,
  year: string,
  night: string,
  t: Date,
  deadline = Infinity,
): Promise<ApplyReport> {
  const state = from(db, statsRepair)
  const counters = from(db, statsCounters)
  let rewritten = 0
  let created = 0
  let busy = 0
  let markersRewritten = 0
  let markersBusy = 0
  const all: StatsRepairDoc[] = []
  for await (const page of pages((after) =>
    state.find((q) =>
      q
        .where({ centerId, year, ...afterId(_, after) })
        .orderBy('_id', 'asc')
        .limit(MAX_READ),
    ),
  ))
    all.push(...page)

  // the markers first: a writer coming after this finds the tags the recount counted. One proposal
  // document at a time, removed once applied, so a firing out of budget leaves the rest to the next
  const markers = from(db, statsPeople)
  let progressed = false
  for (const p of all) {
    if (!p.markers) continue
    if (progressed && Date.now() > deadline)
      return { rewritten, created, busy, markersRewritten, markersBusy, more: true }
    progressed = true
    await inParallel(p.markers, async (m) => {
      const ok =
        m.mv === null
          ? (await markers.insertUnique({ _id: m.markerId, centerId, year, openid: m.openid, s: m.s, v: 1 }))
              .inserted
          : (await markers.update({ _id: m.markerId, v: m.mv }, { s: _.set(m.s), v: _.inc(1) })) === 1
      if (ok) markersRewritten++
      else markersBusy++ // changed since the scan (or rewritten by this run before a kill)
    })
    await state.ref.where({ _id: p._id }).remove()
  }

  await inParallel(all, async (p) => {
    if (!p.counterId) return
    const want = p.want!
    if (p.v0 === null || p.v0 === undefined) {
      const res = await counters.insertUnique({ ...want, v: 1, repairedAt: t, repairRun: night, g: null })
      if (res.inserted) created++
      else if (res.existing.repairRun === night && res.existing.v === 1)
        created++ // this run, before a kill
      else busy++
      return
    }
    const n = await counters.update(
      { _id: p.counterId!, v: p.v0 },
      {
        y: _.set(want.y),
        m: _.set(want.m),
        w: _.set(want.w),
        v: _.inc(1),
        repairedAt: t,
        repairRun: night,
      },
    )
    if (n === 1) {
      rewritten++
      return
    }
    const now = await counters.byId(p.counterId!, { v: true, repairRun: true })
    if (now?.repairRun === night && now.v === p.v0 + 1)
      rewritten++ // this run, before a kill
    else busy++
  })
  await state.ref.where({ centerId, year }).remove()
  return { rewritten, created, busy, markersRewritten, markersBusy, more: false }
}
