/**
 * 星级志愿者: stars by confirmed service hours. Reaching a threshold puts the person in a manager's queue;
 * approval starts a public notice (公示) of some working days, after which the star is awarded.
 */
import { shanghai } from '../time'

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
 * last working day ends. Weekends are skipped; statutory holidays and 调休 are not modelled.
 */
export function noticeEnd(from: Date, days: number = DEFAULT_NOTICE_WORKING_DAYS): Date {
  let d = shanghai(from).startOf('day')
  let left = days
  while (left > 0) {
    d = d.add(1, 'day')
    const wd = d.day()
    if (wd !== 0 && wd !== 6) left--
  }
  return d.add(1, 'day').toDate()
}
