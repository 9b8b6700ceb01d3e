/** What an activity's state is called, in words (颜色从不单独表意: the word is always shown). */
import type { Activity } from '../domain'
import type { Instant } from '../time'

export const ACTIVITY_PHASES = ['registering', 'full', 'open', 'ongoing', 'ended', 'cancelled'] as const
export type ActivityPhase = (typeof ACTIVITY_PHASES)[number]

export const PHASE_WORDS: Record<ActivityPhase, string> = {
  registering: '报名中',
  full: '已满',
  /** not started, no registration needed: people just come */
  open: '无需报名',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

export type PhaseInput = Pick<
  Activity,
  'status' | 'registrationRequired' | 'capacity' | 'registeredCount'
> & {
  start: Instant
  end: Instant
}

const ms = (t: Instant): number => new Date(t).getTime()

/** Cancelled wins, then time (ongoing, ended), then places; registration closes when it starts. */
export function activityPhase(a: PhaseInput, now: Instant): ActivityPhase {
  if (a.status === 'cancelled') return 'cancelled'
  const t = ms(now)
  if (t >= ms(a.end)) return 'ended'
  if (t >= ms(a.start)) return 'ongoing'
  if (!a.registrationRequired) return 'open'
  return placesLeft(a) > 0 ? 'registering' : 'full'
}

export function phaseWord(a: PhaseInput, now: Instant): string {
  return PHASE_WORDS[activityPhase(a, now)]
}

/** Places left for registration; Infinity when registration is not needed. */
export function placesLeft(
  a: Pick<Activity, 'registrationRequired' | 'capacity' | 'registeredCount'>,
): number {
  if (!a.registrationRequired || a.capacity === null) return Infinity
  return Math.max(0, a.capacity - a.registeredCount)
}

/** "还剩 5 个名额", "名额已满", "共 30 个名额"; undefined when registration is not needed. */
export function placesText(
  a: Pick<Activity, 'registrationRequired' | 'capacity' | 'registeredCount'>,
): string | undefined {
  if (!a.registrationRequired || a.capacity === null) return undefined
  const left = placesLeft(a)
  return left === 0 ? `名额已满（共 ${a.capacity} 个）` : `还剩 ${left} 个名额（共 ${a.capacity} 个）`
}

/** Why a person cannot register now, in words; undefined when they can. */
export function registrationBlocker(a: PhaseInput, now: Instant): string | undefined {
  const phase = activityPhase(a, now)
  switch (phase) {
    case 'registering':
      return undefined
    case 'open':
      return '这个活动无需报名，到时直接参加即可'
    case 'full':
      return '名额已满，下次早点来报名'
    case 'ongoing':
      return '活动已经开始，不能再报名'
    case 'ended':
      return '活动已经结束'
    case 'cancelled':
      return '活动已取消'
  }
}

/** A registration can be withdrawn until the activity starts. */
export function canWithdraw(a: PhaseInput, now: Instant): boolean {
  return a.status === 'published' && ms(now) < ms(a.start)
}
