/**
 * How the page names and writes each figure (docs/statistics.md defines them). A figure the server does
 * not answer yet (an older report) is left out, never shown as 0.
 */
import type { StatFigures, StatsReport } from '@core/contract'

export interface FigureLine {
  key: string
  label: string
  value: number
  text: string
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10

type Def = { key: string; label: string; show: (n: number) => string }

const DEFS: Def[] = [
  { key: 'activities', label: '活动场次', show: (n) => `${n} 场` },
  { key: 'attendances', label: '参与人次', show: (n) => `${n} 人次` },
  { key: 'people', label: '参与人数', show: (n) => `${n} 人` },
  { key: 'serviceSessions', label: '志愿服务', show: (n) => `${n} 人次` },
  { key: 'volunteers', label: '参与志愿者', show: (n) => `${n} 人` },
  { key: 'serviceMinutes', label: '服务时长', show: (n) => `${hours(n)} 小时` },
  { key: 'ordersPlaced', label: '群众点单', show: (n) => `${n} 单` },
  { key: 'pointsIssued', label: '发放积分', show: (n) => `${n} 分` },
  { key: 'pointsDeducted', label: '扣减积分', show: (n) => `${n} 分` },
  { key: 'pointsRedeemed', label: '兑换积分', show: (n) => `${n} 分` },
  { key: 'pointsRefunded', label: '退回积分', show: (n) => `${n} 分` },
]

function read(f: StatFigures, key: string): number | undefined {
  const v = (f as unknown as Record<string, unknown>)[key]
  return typeof v === 'number' ? v : undefined
}

/** The figures of one period in page order, those present only. */
export function figureLines(f: StatFigures): FigureLine[] {
  const out: FigureLine[] = []
  for (const d of DEFS) {
    const v = read(f, d.key)
    if (v !== undefined) out.push({ key: d.key, label: d.label, value: v, text: d.show(v) })
  }
  return out
}

/** The order and subscriber lines that are not per-period figures (orders: month/year only). */
export function extraLines(r: StatsReport): FigureLine[] {
  const out: FigureLine[] = []
  const hasPlaced = read(r.figures, 'ordersPlaced') !== undefined
  if (r.orders) {
    if (!hasPlaced)
      out.push({ key: 'placed', label: '群众点单', value: r.orders.placed, text: `${r.orders.placed} 单` })
    const done = (r.orders.byState.done ?? 0) + (r.orders.byState.rated ?? 0)
    out.push({ key: 'ordersDone', label: '点单已完成', value: done, text: `${done} 单` })
    if (r.orders.avgRating !== null)
      out.push({
        key: 'avgRating',
        label: '群众满意度',
        value: r.orders.avgRating,
        text: `${r.orders.avgRating} 星`,
      })
  }
  const subs = (r as { subscribers?: { total: number; reachable: number } | null }).subscribers
  if (subs) {
    out.push({ key: 'subscribers', label: '订阅提醒人数', value: subs.total, text: `${subs.total} 人` })
  }
  return out
}

/** The figures the trend can show, by what a manager looks at first. */
export const TREND_METRICS: Array<{ key: 'attendances' | 'activities' | 'serviceMinutes'; label: string }> = [
  { key: 'attendances', label: '人次' },
  { key: 'activities', label: '场次' },
  { key: 'serviceMinutes', label: '时长' },
]

export function trendValue(f: StatFigures, key: 'attendances' | 'activities' | 'serviceMinutes'): number {
  return key === 'serviceMinutes' ? hours(f.serviceMinutes) : f[key]
}

/** A date (YYYY-MM-DD) moved by whole periods, for 上一周/上一月/上一年. */
export function shiftDate(date: string, kind: 'week' | 'month' | 'year', by: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  if (kind === 'week') {
    const t = new Date(Date.UTC(y, m - 1, d) + by * 7 * 86_400_000)
    return t.toISOString().slice(0, 10)
  }
  if (kind === 'month') {
    const t = new Date(Date.UTC(y, m - 1 + by, 1))
    return t.toISOString().slice(0, 10)
  }
  return `${y + by}-01-01`
}
