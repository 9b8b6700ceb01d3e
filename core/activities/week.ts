/**
 * The weekly list (每周活动预告): Monday–Sunday in Asia/Shanghai, one group per day, whatever the
 * process's own time zone (everything goes through core/time.ts).
 */
import {
  formatDate,
  formatDayLong,
  parseShanghaiDate,
  relativeDay,
  shanghai,
  weekKey,
  type Instant,
  type Range,
} from '../time'

/** The Monday (YYYY-MM-DD) of the week holding the given Shanghai calendar date. */
export function weekStartOf(ymd: string): string {
  return weekKey(parseShanghaiDate(ymd))
}

export function shiftWeek(weekStart: string, weeks: number): string {
  return weekKey(parseShanghaiDate(weekStart), weeks)
}

/** The instants the week covers: Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive). */
export function weekBounds(weekStart: string): Range {
  const start = parseShanghaiDate(weekStartOf(weekStart))
  return { start, end: new Date(start.getTime() + 7 * 86_400_000) }
}

function monthDay(ymd: string): string {
  const d = shanghai(parseShanghaiDate(ymd))
  return `${d.month() + 1}月${d.date()}日`
}

/** "本周", "下周", "上周", or the dates: "12月7日–12月13日". */
export function weekTitle(weekStart: string, now: Instant): string {
  const diff = Math.round(
    (parseShanghaiDate(weekStartOf(weekStart)).getTime() - parseShanghaiDate(weekKey(now)).getTime()) /
      (7 * 86_400_000),
  )
  if (diff === 0) return '本周'
  if (diff === 1) return '下周'
  if (diff === -1) return '上周'
  return weekSpan(weekStart)
}

/** "11月23日–11月29日" */
export function weekSpan(weekStart: string): string {
  const monday = weekStartOf(weekStart)
  const sunday = formatDate(parseShanghaiDate(monday).getTime() + 6 * 86_400_000)
  return `${monthDay(monday)}–${monthDay(sunday)}`
}

export interface DayGroup<T> {
  /** YYYY-MM-DD in Shanghai */
  date: string
  /** "11月25日 星期三" */
  label: string
  /** "今天" / "明天" / "昨天" when it applies */
  relative?: string
  /** the day has passed (before today) */
  past: boolean
  items: T[]
}

/**
 * Seven groups, Monday first, each with its items ordered by start time. Every day is present (an
 * empty day says so in the list), and items outside the week are left out.
 */
export function groupWeek<T extends { start: Instant }>(
  weekStart: string,
  items: readonly T[],
  now: Instant,
): DayGroup<T>[] {
  const monday = parseShanghaiDate(weekStartOf(weekStart)).getTime()
  const today = formatDate(now)
  const days: DayGroup<T>[] = Array.from({ length: 7 }, (_, i) => {
    const t = monday + i * 86_400_000
    const date = formatDate(t)
    const relative = relativeDay(t, now)
    return { date, label: formatDayLong(t), ...(relative ? { relative } : {}), past: date < today, items: [] }
  })
  const sorted = [...items].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime())
  for (const item of sorted) {
    const index = Math.floor((new Date(item.start).getTime() - monday) / 86_400_000)
    days[index]?.items.push(item)
  }
  return days
}

/**
 * The weekly list opens at today: in the current week the days already over are held back (behind a
 * button), so the first thing read is today, not Monday's finished activities. A week wholly past (上一周)
 * or to come shows every day.
 */
export function openAtToday<T extends { past: boolean }>(days: readonly T[]): { earlier: T[]; shown: T[] } {
  const earlier = days.filter((d) => d.past)
  if (earlier.length === 0 || earlier.length === days.length) return { earlier: [], shown: [...days] }
  return { earlier, shown: days.filter((d) => !d.past) }
}
