/**
 * Working days for the 公示 of 星级志愿者: Monday to Friday, less statutory holidays, plus the weekend
 * days worked in their place (调休). Each center keeps its own editable calendar (credit_settings); until a
 * center saves one it uses OFFICIAL_CALENDAR: the State Council's schedules (国务院办公厅关于部分节假日安排的
 * 通知) for the years in OFFICIAL_CALENDAR_YEARS only — other years count weekends alone until a center adds
 * its dates. docs/credit.md.
 */
import dayjs from 'dayjs'

export interface WorkCalendar {
  /** 'YYYY-MM-DD' days off (法定节假日 and the days added to them by 调休) */
  holidays: string[]
  /** 'YYYY-MM-DD' weekend days that are working days (调休上班) */
  workdays: string[]
}

const span = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => dayjs(from).add(i, 'day').format('YYYY-MM-DD'))

/** The years whose official schedule OFFICIAL_CALENDAR holds. */
export const OFFICIAL_CALENDAR_YEARS = [2025, 2026] as const

/**
 * 2025: 国办发明电〔2024〕12号 (2024-11-12). 2026: the notice of 2025-11-04. Each holiday block and each
 * 调休 working day as the notice lists it.
 */
export const OFFICIAL_CALENDAR: WorkCalendar = {
  holidays: [
    // 2025
    '2025-01-01',
    ...span('2025-01-28', 8), // 春节 1.28–2.4
    ...span('2025-04-04', 3), // 清明 4.4–4.6
    ...span('2025-05-01', 5), // 劳动节 5.1–5.5
    ...span('2025-05-31', 3), // 端午 5.31–6.2
    ...span('2025-10-01', 8), // 国庆、中秋 10.1–10.8
    // 2026
    ...span('2026-01-01', 3), // 元旦 1.1–1.3
    ...span('2026-02-15', 9), // 春节 2.15–2.23
    ...span('2026-04-04', 3), // 清明 4.4–4.6
    ...span('2026-05-01', 5), // 劳动节 5.1–5.5
    ...span('2026-06-19', 3), // 端午 6.19–6.21
    ...span('2026-09-25', 3), // 中秋 9.25–9.27
    ...span('2026-10-01', 7), // 国庆 10.1–10.7
  ],
  workdays: [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ],
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDay(s: string): boolean {
  return DAY.test(s) && dayjs(s).format('YYYY-MM-DD') === s
}

/** What is wrong with a calendar, in Chinese, or null. */
export function calendarProblem(cal: WorkCalendar): string | null {
  for (const d of [...cal.holidays, ...cal.workdays]) {
    if (!isCalendarDay(d)) return `日期「${d}」不对，应写成 2026-10-01 的形式`
  }
  const off = new Set(cal.holidays)
  const both = cal.workdays.find((d) => off.has(d))
  if (both) return `${both} 不能既放假又上班`
  const weekday = cal.workdays.find((d) => {
    const wd = dayjs(d).day()
    return wd !== 0 && wd !== 6
  })
  if (weekday) return `调休上班日 ${weekday} 不是周末（平日本来就上班）`
  return null
}

/** Whether 'YYYY-MM-DD' is a working day under `cal`. */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true
  if (cal.holidays.includes(day)) return false
  const wd = dayjs(day).day()
  return wd !== 0 && wd !== 6
}
