/**
 * The stats context's contract: a unit's figures for a week, month or year, rolled up its subtree,
 * with its children's ranking and the months of the year (docs/statistics.md). The client imports
 * types only.
 */
import * as z from 'zod'
import type { OrderState } from '../orders/model'
import type { PeriodKind, StatFigures } from '../stats/figures'
import { action, fields } from './define'

export type { PeriodKind, StatFigures } from '../stats/figures'

/** Orders submitted in the period, from the orders context's unit-month figures (month and year only). */
export interface StatsOrderFigures {
  placed: number
  /** the period's orders now in each state */
  byState: Record<OrderState, number>
  escalated: number
  /** averages in minutes, null when nothing was measured */
  avgDispatchMinutes: number | null
  avgDoneMinutes: number | null
  /** average rating (1–5), null without ratings */
  avgRating: number | null
}

export interface ChildFigures {
  unitId: string
  name: string
  figures: StatFigures
}

export interface StatsReport {
  unit: { _id: string; name: string }
  period: { kind: PeriodKind; from: string; to: string; label: string }
  figures: StatFigures
  /** null for a week: order figures are kept per month */
  orders: StatsOrderFigures | null
  /** the twelve months of the period's year (a week: the year of its Monday) */
  months: StatFigures[]
  /** the unit's children, most participants (人次) first, then activities, then name */
  children: ChildFigures[]
  /**
   * Practice-day notice subscribers in the unit's subtree now (a snapshot the nightly repair takes, not a
   * figure of the period): `total` recorded, `reachable` holding a credit for the next notice, `at` when
   * counted (epoch ms). null before the first repair of the year.
   */
  subscribers: { total: number; reachable: number; at: number } | null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** 2026-02-30 and 2026-13-01 are not dates. */
function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`)
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d)
}

/** An Excel file of a unit's period, in cloud storage: opened through the temporary link. */
export interface StatsExport {
  fileId: string
  /** a temporary download link (null if storage gave none: ask again) */
  url: string | null
  /** 文件名, e.g. 幸福里社区新时代文明实践站-2026年11月统计.xlsx */
  name: string
  bytes: number
  /** rows written to each sheet after its header */
  rows: { activities: number; volunteers: number; orders: number }
}

const periodInput = z.object({
  unitId: fields.id('单位编号'),
  period: z.enum(['week', 'month', 'year'], { error: '统计周期应为周、月或年' }),
  date: z
    .string({ error: '缺少日期' })
    .regex(DATE, '日期格式应为 2026-11-01')
    .refine(isCalendarDate, '日期不存在'),
})

export const stats = {
  /** A unit's figures for the period holding `date`; managers of the unit or an ancestor only. */
  report: action<StatsReport>()({
    input: periodInput,
    roles: ['manager'],
  }),
  /** The same period as an Excel file (汇总, 活动, 志愿者, 点单) through cloud storage. */
  export: action<StatsExport>()({ input: periodInput, roles: ['manager'] }),
}
