/**
 * The plan chain (年有计划、月有主题、周有活动) as pure rules: a center's annual plan is a theme for each
 * month and key dates (festivals, the monthly 文明实践日, custom dates), each with a responsible unit.
 * Stored as immutable versions (core/contract/plans.collections.ts); these functions build, check and
 * read them. Times are Asia/Shanghai calendar dates.
 */
import { addMonths, daysInMonth, isMonthKey, practiceDayOf } from '../notices/schedule'

export const PLAN_LIMITS = {
  /** characters (code points) of a month theme */
  themeMax: 40,
  /** characters of a key date's title */
  keyTitleMax: 20,
  /** key dates a month may hold (besides its practice day) */
  keyDatesPerMonth: 10,
} as const

export type KeyDateKind = 'festival' | 'custom'

/** A key date as stored: a festival or a custom date, with the unit responsible for an activity on it. */
export interface StoredKeyDate {
  /** 'YYYY-MM-DD' */
  date: string
  kind: KeyDateKind
  title: string
  unitId: string
  unitName: string
}

/** One month of a stored plan. */
export interface StoredPlanMonth {
  /** 'YYYY-MM' */
  month: string
  /** 月主题, null when the plan leaves the month empty */
  theme: string | null
  keyDates: StoredKeyDate[]
  /** who is responsible for the month's 文明实践日 (its date comes from the notice settings); null: the center */
  practiceDayUnitId: string | null
  practiceDayUnitName: string | null
}

/** Solar-calendar festivals a manager can pick with one tap (lunar ones are entered as dates). */
export const FIXED_FESTIVALS: readonly { md: string; title: string }[] = [
  { md: '01-01', title: '元旦' },
  { md: '03-05', title: '学雷锋纪念日' },
  { md: '03-08', title: '妇女节' },
  { md: '03-12', title: '植树节' },
  { md: '05-01', title: '劳动节' },
  { md: '05-04', title: '青年节' },
  { md: '06-01', title: '儿童节' },
  { md: '07-01', title: '建党节' },
  { md: '08-01', title: '建军节' },
  { md: '09-10', title: '教师节' },
  { md: '10-01', title: '国庆节' },
  { md: '12-05', title: '国际志愿者日' },
]

/** The festivals falling in a month ('YYYY-MM'). */
export function festivalsOf(month: string): { date: string; title: string }[] {
  const mm = month.slice(5, 7)
  return FIXED_FESTIVALS.filter((f) => f.md.startsWith(`${mm}-`)).map((f) => ({
    date: `${month}-${f.md.slice(3)}`,
    title: f.title,
  }))
}

export function isYear(value: string): boolean {
  return /^\d{4}$/.test(value) && Number(value) >= 2000 && Number(value) <= 2100
}

/** The twelve 'YYYY-MM' keys of a year. */
export function monthsOfYear(year: string): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(`${year}-01`, i))
}

export function emptyMonth(month: string): StoredPlanMonth {
  return { month, theme: null, keyDates: [], practiceDayUnitId: null, practiceDayUnitName: null }
}

export function emptyYearMonths(year: string): StoredPlanMonth[] {
  return monthsOfYear(year).map(emptyMonth)
}

/** Length in characters as a person counts them (code points). */
export function charCount(s: string): number {
  return [...s].length
}

/** True when `date` is a real calendar day ('YYYY-MM-DD') inside `month`. */
export function isDateInMonth(date: string, month: string): boolean {
  if (!isMonthKey(month)) return false
  const m = /^(\d{4}-\d{2})-(\d{2})$/.exec(date)
  if (!m || m[1] !== month) return false
  const d = Number(m[2])
  return d >= 1 && d <= daysInMonth(month)
}

/** The month's theme in a plan's months, or null. */
export function planThemeOf(months: readonly StoredPlanMonth[] | undefined, month: string): string | null {
  return months?.find((m) => m.month === month)?.theme || null
}

/**
 * The themes the practice-day notice uses: the plan's month theme; the notice settings' own theme
 * (stored before the plan existed) only for a month the plan leaves empty.
 */
export function overlayThemes(
  fallback: readonly { month: string; theme: string }[],
  planMonths: readonly StoredPlanMonth[],
): { month: string; theme: string }[] {
  const byMonth = new Map(fallback.filter((t) => t.theme).map((t) => [t.month, t.theme]))
  for (const m of planMonths) if (m.theme) byMonth.set(m.month, m.theme)
  return [...byMonth]
    .map(([month, theme]) => ({ month, theme }))
    .sort((a, b) => a.month.localeCompare(b.month))
}

/** The month's 文明实践日 date for a practice day `day` (1–31, clamped to the month's end). */
export function practiceDateOf(month: string, day: number): string {
  return practiceDayOf(month, day).date
}
