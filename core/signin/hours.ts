/**
 * Volunteer service time (志愿服务时长). Hours become credit with real value, so the rule is explicit:
 * 1. the service is the overlap of [sign-in, sign-out] with [activity start, activity end];
 * 2. counted in whole minutes (seconds dropped);
 * 3. then rounded to the nearest quarter hour: a remainder of 8 minutes or more rounds up, 7 or less
 *    rounds down (so 7 minutes of overlap credits nothing, 8 credits 15).
 */

export const ROUNDING_MINUTES = 15
/** A correction can credit at most this much for one activity. */
export const MAX_CREDITED_MINUTES = 24 * 60
/** A manager's correction needs a reason of 2 to this many characters (kept in the audit trail). */
export const CORRECTION_REASON_MAX = 100

type Instant = Date | string | number

export function overlapMinutes(signIn: Instant, signOut: Instant, start: Instant, end: Instant): number {
  const from = Math.max(new Date(signIn).getTime(), new Date(start).getTime())
  const to = Math.min(new Date(signOut).getTime(), new Date(end).getTime())
  return to > from ? Math.floor((to - from) / 60_000) : 0
}

export function roundToQuarterHour(minutes: number): number {
  const whole = Math.max(0, Math.floor(minutes))
  return Math.floor((whole + 7) / ROUNDING_MINUTES) * ROUNDING_MINUTES
}

/** The credited minutes for one service session. */
export function creditedMinutes(
  signIn: Instant,
  signOut: Instant,
  activity: { start: Instant; end: Instant },
): number {
  return roundToQuarterHour(overlapMinutes(signIn, signOut, activity.start, activity.end))
}

/** "2小时30分", "45分钟", "0分钟" */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}分钟`
  return m === 0 ? `${h}小时` : `${h}小时${m}分`
}

/** Hours with up to two decimals, as volunteer platforms list them: 150 → "2.5". */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100)
}
