/**
 * Statistics figures (docs/statistics.md): what one unit's counters hold for a period, the period keys
 * an instant falls in (Asia/Shanghai, core/time.ts), and the pure arithmetic the writers, the nightly
 * repair and the reports share.
 */
import {
  epochMs,
  formatDate,
  parseShanghaiDate,
  shanghai,
  SHANGHAI_OFFSET_MINUTES,
  weekRange,
  type Instant,
} from '../time'

/** The counted figures of one unit (its whole subtree) in one period. */
export interface StatFigures {
  /** 场次: published, not cancelled activities starting in the period */
  activities: number
  /** 人次: counted check-ins (attendance) at activities starting in the period */
  attendances: number
  /** confirmed service minutes of sessions at activities starting in the period */
  serviceMinutes: number
  /** confirmed service sessions (one volunteer at one activity, or one rated order) */
  serviceSessions: number
  /** 人数: distinct people with a counted check-in at an activity starting in the period */
  people: number
  /** distinct volunteers with a confirmed session (or a rated order) starting in the period */
  volunteers: number
  /** orders submitted in the period (by submittedAt; also per week, unlike the order figures) */
  ordersPlaced: number
  /** points issued: service lines (corrections included, so net) and managers' awards, by the line's time */
  pointsIssued: number
  /** points taken by managers' deductions */
  pointsDeducted: number
  /** points spent at 爱心超市 (redeem lines, gross) */
  pointsRedeemed: number
  /** points given back for cancelled or expired redemptions (refund lines) */
  pointsRefunded: number
}

export const FIGURE_KEYS = [
  'activities',
  'attendances',
  'serviceMinutes',
  'serviceSessions',
  'people',
  'volunteers',
  'ordersPlaced',
  'pointsIssued',
  'pointsDeducted',
  'pointsRedeemed',
  'pointsRefunded',
] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

export function zeroFigures(): StatFigures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as StatFigures
}

/** The distinct-person figures: counted through per person markers (stats_people), never by a delta. */
export type PersonRole = 'attendee' | 'volunteer'
export const PERSON_FIGURE: Record<PersonRole, FigureKey> = { attendee: 'people', volunteer: 'volunteers' }
const ROLE_TAG: Record<PersonRole, string> = { attendee: 'a', volunteer: 'v' }

/**
 * The marker tags of one person in one period slot of one unit: `a|<unitId>|<slot>` (attendee) or
 * `v|<unitId>|<slot>` (volunteer), slot `y`, `mMM` or `wYYYYMMDD`. A person-year marker document holds
 * the tags already counted, so a person counts once per unit-period however often they come.
 */
export function personTags(role: PersonRole, unitPath: readonly string[], slots: PeriodSlots): string[] {
  const r = ROLE_TAG[role]
  return unitPath.flatMap((u) => [`${r}|${u}|y`, `${r}|${u}|${slots.month}`, `${r}|${u}|${slots.week}`])
}

/** The counter path (`y`, `m.mMM`, `w.wYYYYMMDD`) and figure of a marker tag. */
export function tagTarget(tag: string): { unitId: string; path: string; figure: FigureKey } {
  const [r, unitId, slot] = tag.split('|') as [string, string, string]
  const path = slot === 'y' ? 'y' : slot.startsWith('m') ? `m.${slot}` : `w.${slot}`
  return { unitId, path, figure: r === 'a' ? 'people' : 'volunteers' }
}

/**
 * Whether a service record counts as confirmed service: confirmed by a manager, or a rated order's
 * record (`serviceRecords.orderIdOf(activityId)` not null) (the orders context writes it 'closed' on the first rating; the rating is its confirmation).
 */
export function countsAsConfirmed(status: string, isOrderRecord: boolean): boolean {
  return status === 'confirmed' || (status === 'closed' && isOrderRecord)
}

/** The figures one ledger line adds (by its kind). */
export function ledgerDelta(line: { kind: string; points: number }): Partial<StatFigures> {
  switch (line.kind) {
    case 'service':
    case 'award':
      return { pointsIssued: line.points }
    case 'deduct':
      return { pointsDeducted: -line.points }
    case 'redeem':
      return { pointsRedeemed: -line.points }
    case 'refund':
      return { pointsRefunded: line.points }
    default:
      return {}
  }
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

/** slotsOf by Shanghai day: the repair asks for every raw document of a year (a fixed +8 h offset, core/time.ts) */
const slotCache = new Map<number, PeriodSlots>()

export function slotsOf(t: Instant): PeriodSlots {
  const day = Math.floor((epochMs(t) + SHANGHAI_OFFSET_MINUTES * 60_000) / 86_400_000)
  let slots = slotCache.get(day)
  if (!slots) {
    if (slotCache.size > 2000) slotCache.clear()
    slotCache.set(day, (slots = computeSlots(t)))
  }
  return slots
}

function computeSlots(t: Instant): PeriodSlots {
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
  // in place (the repair adds every raw document of a center's year this way)
  const month = (year.m[slots.month] ??= zeroFigures())
  const week = (year.w[slots.week] ??= zeroFigures())
  for (const k of FIGURE_KEYS) {
    const n = delta[k]
    if (!n) continue
    year.y[k] = (year.y[k] ?? 0) + n
    month[k] = (month[k] ?? 0) + n
    week[k] = (week[k] ?? 0) + n
  }
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
