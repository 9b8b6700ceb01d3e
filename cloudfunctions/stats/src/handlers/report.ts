import type { StatsOrderFigures, StatsReport } from '../../../../core/contract/stats'
import type { Unit } from '../../../../core/domain'
import { orderStats, type OrderStatsDoc } from '../../../../core/contract/orders.collections'
import { units } from '../../../../core/contract/stations.collections'
import { statsCounters, type StatsCounterDoc } from '../../../../core/contract/stats.collections'
import { ORDER_STATES, type OrderState } from '../../../../core/orders/model'
import { figuresIn, monthsOf, periodOf, type PeriodRef } from '../../../../core/stats/figures'
import { AppError } from '../../../../core/errors'
import { epochMs } from '../../../../core/time'
import { requireManagerOf } from '../../../../server/auth'
import { from, MAX_READ } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Command, Db } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'

/**
 * A unit's figures for a period, its children's ranking and the months of the year: two sequential
 * rounds (the unit, for the scope check; then its counter documents, its children's, the children's
 * names and the order figures at once). Never reads activities or attendance.
 */
export const report: Handler<'stats', 'report'> = async (input, { db, _, caller }) => {
  const unit = await loadUnit(db, input.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位，可能已撤销')
  requireManagerOf(caller, unit)
  return buildReport(db, _, unit, periodOf(input.period, input.date))
}

/** The report of a unit the caller may see (checked by the caller of this). */
export async function buildReport(
  db: Db,
  _: Command,
  unit: Pick<Unit, '_id' | 'name'>,
  period: PeriodRef,
): Promise<StatsReport> {
  const counters = from(db, statsCounters)
  // only the slots the period needs (a center's year documents hold 66 slots of 11 figures each); the
  // unit's own documents also give the twelve months (m, which holds a month's slot)
  const slot: Record<string, true> =
    period.kind === 'year'
      ? { y: true }
      : period.kind === 'month'
        ? { [`m.m${period.from.slice(5, 7)}`]: true }
        : { [`w.w${period.from.replace(/-/g, '')}`]: true }
  const [own, childDocs, children, orders] = await Promise.all([
    counters.find((q) =>
      q
        .where({ _id: _.in(period.years.map((y) => statsCounters.id(unit._id, y))) })
        .field({ unitId: true, year: true, g: true, m: true, ...(period.kind === 'month' ? {} : slot) }),
    ),
    counters.find((q) =>
      q
        .where({ parentId: unit._id, year: _.in(period.years) })
        .field({ unitId: true, year: true, ...slot })
        .limit(MAX_READ),
    ),
    from(db, units).find((q) =>
      q.where({ parentId: unit._id }).field({ name: true, retired: true }).limit(MAX_READ),
    ),
    orderFigures(db, _, unit._id, period),
  ])
  const byChild = new Map<string, StatsCounterDoc[]>()
  for (const d of childDocs) byChild.set(d.unitId, [...(byChild.get(d.unitId) ?? []), d])
  const ranked = children
    .filter((c) => !c.retired || byChild.has(c._id))
    .map((c) => ({ unitId: c._id, name: c.name, figures: figuresIn(period, byChild.get(c._id) ?? []) }))
    .sort(
      (a, b) =>
        b.figures.attendances - a.figures.attendances ||
        b.figures.activities - a.figures.activities ||
        a.name.localeCompare(b.name, 'zh'),
    )
  const yearDoc = own.find((d) => d.year === period.from.slice(0, 4))
  return {
    unit: { _id: unit._id, name: unit.name },
    period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    figures: figuresIn(period, own),
    orders,
    months: monthsOf(yearDoc),
    children: ranked,
    subscribers: yearDoc?.g
      ? { total: yearDoc.g.subscribers, reachable: yearDoc.g.subscribersReachable, at: epochMs(yearDoc.g.at) }
      : null,
  }
}

async function orderFigures(
  db: Db,
  _: Command,
  unitId: string,
  period: PeriodRef,
): Promise<StatsOrderFigures | null> {
  if (period.kind === 'week') return null
  const months =
    period.kind === 'month'
      ? [period.from.slice(0, 7)]
      : Array.from({ length: 12 }, (_x, i) => `${period.from.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`)
  const docs = await from(db, orderStats).find((q) =>
    q.where({ _id: _.in(months.map((m) => orderStats.id(unitId, m))) }),
  )
  return sumOrders(docs)
}

export function sumOrders(docs: readonly OrderStatsDoc[]): StatsOrderFigures {
  const byState = Object.fromEntries(ORDER_STATES.map((s) => [s, 0])) as Record<OrderState, number>
  let placed = 0
  let escalated = 0
  const t = { dispatchMs: 0, dispatchCount: 0, doneMs: 0, doneCount: 0, ratingSum: 0, ratingCount: 0 }
  for (const d of docs) {
    placed += d.placed ?? 0
    escalated += d.escalated ?? 0
    for (const s of ORDER_STATES) byState[s] += d.n?.[s] ?? 0
    for (const k of Object.keys(t) as Array<keyof typeof t>) t[k] += d[k] ?? 0
  }
  const avg = (sum: number, n: number, unit: number) =>
    n > 0 ? Math.round((sum / n / unit) * 10) / 10 : null
  return {
    placed,
    byState,
    escalated,
    avgDispatchMinutes: avg(t.dispatchMs, t.dispatchCount, 60_000),
    avgDoneMinutes: avg(t.doneMs, t.doneCount, 60_000),
    avgRating: avg(t.ratingSum, t.ratingCount, 1),
  }
}
