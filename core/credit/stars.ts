/**
 * 星级志愿者: stars by confirmed service hours. Reaching a threshold puts the person in a manager's queue;
 * approval starts a public notice (公示) of some working days, after which the star is awarded.
 */
import { shanghai } from '../time'
import { isWorkingDay, OFFICIAL_CALENDAR, type WorkCalendar } from './calendar'

/** Default thresholds (hours) for stars 1–5. */
export const DEFAULT_STAR_HOURS = [100, 300, 600, 1000, 1500] as const
export const DEFAULT_NOTICE_WORKING_DAYS = 5

/** The star levels (1-based) whose threshold lies in (beforeMinutes, afterMinutes]. */
export function starsCrossed(
  thresholdHours: readonly number[],
  beforeMinutes: number,
  afterMinutes: number,
): number[] {
  const out: number[] = []
  thresholdHours.forEach((h, i) => {
    if (beforeMinutes < h * 60 && h * 60 <= afterMinutes) out.push(i + 1)
  })
  return out
}

/** The star level for this many minutes (0: none yet). */
export function starLevel(thresholdHours: readonly number[], minutes: number): number {
  return thresholdHours.filter((h) => h * 60 <= minutes).length
}

/**
 * The end of a notice of `days` working days starting the day after `from` (Shanghai): the instant the
 * last working day ends. Working days follow `calendar` (holidays off, 调休 weekends worked); without
 * one, weekends alone are skipped.
 */
export function noticeEnd(
  from: Date,
  days: number = DEFAULT_NOTICE_WORKING_DAYS,
  calendar: WorkCalendar = { holidays: [], workdays: [] },
): Date {
  let d = shanghai(from).startOf('day')
  let left = days
  // a year of days off at most: a calendar can never stall the loop
  for (let guard = 0; left > 0 && guard < 366 + days; guard++) {
    d = d.add(1, 'day')
    if (isWorkingDay(d.format('YYYY-MM-DD'), calendar)) left--
  }
  return d.add(1, 'day').toDate()
}

/** A center's star settings (credit_settings), or the defaults. */
export interface StarSettings extends WorkCalendar {
  /** hours for stars 1–5, ascending */
  starHours: number[]
  noticeWorkingDays: number
}

export function defaultStarSettings(): StarSettings {
  return {
    starHours: [...DEFAULT_STAR_HOURS],
    noticeWorkingDays: DEFAULT_NOTICE_WORKING_DAYS,
    holidays: [...OFFICIAL_CALENDAR.holidays],
    workdays: [...OFFICIAL_CALENDAR.workdays],
  }
}

/** What is wrong with star thresholds, in Chinese, or null. */
export function starHoursProblem(hours: readonly number[]): string | null {
  if (hours.length !== 5) return '请填写一星到五星共 5 个门槛'
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i]!
    if (!Number.isInteger(h) || h < 1 || h > 100000) return '星级门槛应为 1 到 100000 的整数小时'
    if (i > 0 && h <= hours[i - 1]!) return '星级门槛应逐级增大（二星多于一星，依此类推）'
  }
  return null
}
