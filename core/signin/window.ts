/**
 * When people may sign in (签到) to an activity: from 30 minutes before its start to its end, both
 * ends included. Residents and volunteers share the window.
 */

export const SIGN_IN_OPENS_MINUTES_BEFORE = 30

export interface Timed {
  start: Date | string
  end: Date | string
}

export interface SignInWindow {
  opensAt: Date
  closesAt: Date
}

export type SignInState = 'upcoming' | 'open' | 'closed' | 'cancelled'

export function signInWindow(activity: Timed): SignInWindow {
  const start = new Date(activity.start).getTime()
  return {
    opensAt: new Date(start - SIGN_IN_OPENS_MINUTES_BEFORE * 60_000),
    closesAt: new Date(activity.end),
  }
}

export function signInState(activity: Timed & { status?: string }, now: Date): SignInState {
  if (activity.status === 'cancelled') return 'cancelled'
  const { opensAt, closesAt } = signInWindow(activity)
  const t = now.getTime()
  if (t < opensAt.getTime()) return 'upcoming'
  if (t > closesAt.getTime()) return 'closed'
  return 'open'
}

/**
 * The bounds an activity's start and end must satisfy for its window to be open at `now`, as a query
 * condition can test them in one atomic update: start ≤ now + 30 min and end ≥ now.
 */
export function openWindowBounds(now: Date): { startAtMost: Date; endAtLeast: Date } {
  return {
    startAtMost: new Date(now.getTime() + SIGN_IN_OPENS_MINUTES_BEFORE * 60_000),
    endAtLeast: now,
  }
}

/**
 * The activity a scan lands on among a station's activities of the day: of those open for sign-in, the
 * one already under way that started last; else the one opening soonest; else none.
 */
export function currentActivity<T extends Timed & { status?: string }>(
  activities: readonly T[],
  now: Date,
): T | undefined {
  const open = activities.filter((a) => signInState(a, now) === 'open')
  const t = now.getTime()
  const started = open.filter((a) => new Date(a.start).getTime() <= t)
  const byStart = (a: T, b: T) => new Date(a.start).getTime() - new Date(b.start).getTime()
  if (started.length) return [...started].sort(byStart)[started.length - 1]
  return [...open].sort(byStart)[0]
}
