/**
 * Statistics figures (docs/statistics.md): what one unit's counters hold for a period, the period keys
 * an instant falls in (Asia/Shanghai, core/time.ts), and the pure arithmetic the writers, the nightly
 * repair and the reports share.
 */
import { formatDate, parseShanghaiDate, shanghai, weekRange, type Instant } from '../time'

/** The counted figures of one unit (its whole subtree) in one period. */
export interface StatFigures {
  /** 场次: published, not cancelled activities starting in the period */
  activities: number
  /** 人次: counted check-ins (attendance) at activities starting in the period */
  attendances: number
  /** confirmed service minutes of sessions at activities starting in the period */
  serviceMinutes: number
  /** confirmed service sessions (one volunteer at one activity) */
  serviceSessions: number
}

export const FIGURE_KEYS = ['activities', 'attendances', 'serviceMinutes', 'serviceSessions'] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

export function zeroFigures(): StatFigures {
  return { activities: 0, attendances: 0, serviceMinutes: 0, serviceSessions: 0 }
}

export function addFigures(a: StatFigures, b: Partial<StatFigures> | undefined, sign = 1): StatFigures {
  const out = { ...a }
  if (!b) return out
  for (const k of FIGURE_KEYS) out[k] += sign * (b[k] ?? 0)
  return out
}

export type PeriodKind = 'week' | 'month' | 'year'

/**
 * The slots of one unit-year counter document an instant falls in: `y`, `m.<mMM>`, `w.<wYYYYMMDD>`
 * (the Monday that starts its week). A week crossing New Year is split between the two years'
 * documents; reading a week adds both (weekDocYears).
 */
export interface PeriodSlots {
  year: string
  month: string
  week: string
}

export function slotsOf(t: Instant): PeriodSlots {
  const d = shanghai(t)
  const monday = formatDate(weekRange(t).start).replace(/-/g, '')
  return { year: d.format('YYYY'), month: `m${d.format('MM')}`, week: `w${monday}` }
}

/** The update that adds `delta` to every slot of `slots`, dot paths for a conditional/where update. */
export function incPaths(slots: PeriodSlots, delta: Partial<StatFigures>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const k of FIGURE_KEYS) {
    const n = delta[k]
    if (!n) continue
    out[`y.${k}`] = n
    out[`m.${slots.month}.${k}`] = n
    out[`w.${slots.week}.${k}`] = n
  }
  return out
}

/** One unit-year's counters as stored (y, m, w). */
export interface YearFigures {
  y: StatFigures
  m: Record<string, StatFigures>
  w: Record<string, StatFigures>
}

export function emptyYear(): YearFigures {
  return { y: zeroFigures(), m: {}, w: {} }
}

/** Adds `delta` into the slots of a YearFigures in memory (the repair's recount, a first insert). */
export function addInto(year: YearFigures, slots: PeriodSlots, delta: Partial<StatFigures>): void {
  year.y = addFigures(year.y, delta)
  year.m[slots.month] = addFigures(year.m[slots.month] ?? zeroFigures(), delta)
  year.w[slots.week] = addFigures(year.w[slots.week] ?? zeroFigures(), delta)
}

/** Compares two YearFigures slot by slot, zero and missing alike. */
export function sameYear(a: YearFigures, b: YearFigures): boolean {
  const eq = (x: Partial<StatFigures> | undefined, y: Partial<StatFigures> | undefined) =>
    FIGURE_KEYS.every((k) => (x?.[k] ?? 0) === (y?.[k] ?? 0))
  if (!eq(a.y, b.y)) return false
  for (const slot of new Set([...Object.keys(a.m), ...Object.keys(b.m)]))
    if (!eq(a.m[slot], b.m[slot])) return false
  for (const slot of new Set([...Object.keys(a.w), ...Object.keys(b.w)]))
    if (!eq(a.w[slot], b.w[slot])) return false
  return true
}

/** A period a report asks for, from any Shanghai date inside it. */
export interface PeriodRef {
  kind: PeriodKind
  /** inclusive start, Shanghai date YYYY-MM-DD */
  from: string
  /** inclusive last day, Shanghai date YYYY-MM-DD */
  to: string
  /** 2026年11月 / 2026年 / 11月23日–11月29日 */
  label: string
  /** the year documents to read */
  years: string[]
}

export function periodOf(kind: PeriodKind, date: string): PeriodRef {
  const t = parseShanghaiDate(date)
  const d = shanghai(t)
  if (kind === 'year') {
    const y = d.format('YYYY')
    return { kind, from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年`, years: [y] }
  }
  if (kind === 'month') {
    const start = d.startOf('month')
    const end = start.add(1, 'month').subtract(1, 'day')
    return {
      kind,
      from: start.format('YYYY-MM-DD'),
      to: end.format('YYYY-MM-DD'),
      label: `${start.format('YYYY')}年${start.month() + 1}月`,
      years: [start.format('YYYY')],
    }
  }
  const r = weekRange(t)
  const start = shanghai(r.start)
  const end = start.add(6, 'day')
  const years = [...new Set([start.format('YYYY'), end.format('YYYY')])]
  const md = (x: typeof start) => `${x.month() + 1}月${x.date()}日`
  return {
    kind,
    from: start.format('YYYY-MM-DD'),
    to: end.format('YYYY-MM-DD'),
    label: `${md(start)}–${md(end)}`,
    years,
  }
}

/** A period's figures out of the year documents read for it (one, or two for a week over New Year). */
export function figuresIn(
  period: PeriodRef,
  docs: ReadonlyArray<Partial<YearFigures> & { year: string }>,
): StatFigures {
  let out = zeroFigures()
  for (const doc of docs) {
    if (!period.years.includes(doc.year)) continue
    if (period.kind === 'year') out = addFigures(out, doc.y)
    else if (period.kind === 'month') out = addFigures(out, doc.m?.[`m${period.from.slice(5, 7)}`])
    else out = addFigures(out, doc.w?.[`w${period.from.replace(/-/g, '')}`])
  }
  return out
}

/** The twelve months of a year document, for the trend. */
export function monthsOf(doc: Partial<YearFigures> | undefined): StatFigures[] {
  return Array.from({ length: 12 }, (_, i) =>
    addFigures(zeroFigures(), doc?.m?.[`m${String(i + 1).padStart(2, '0')}`]),
  )
}
