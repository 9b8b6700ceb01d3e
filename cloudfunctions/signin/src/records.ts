/** How the signin function reads activities and shows its records (the documents: core/contract/signin.collections.ts). */
import type { LandingActivity, ServiceRecordView, SigninState } from '../../../core/contract'
import { activities, type ActivityDoc } from '../../../core/contract/activities.collections'
import type { ServiceDoc } from '../../../core/contract/signin.collections'
import type { Activity } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { from } from '../../../server/db'
import type { Db } from '../../../server/types'
import { SIGNIN_ERRORS, type SigninErrorCode } from '../../../core/contract/signin'
import { signInState, signInWindow } from '../../../core/signin/window'
import { epochMs, formatClock, formatDayLong, relativeDay } from '../../../core/time'

/** The activity fields this function reads (never the registrants). */
export const ACTIVITY_FIELDS = {
  unitId: true,
  unitPath: true,
  unitName: true,
  title: true,
  category: true,
  place: true,
  start: true,
  end: true,
  status: true,
  attendedCount: true,
  geofenceMeters: true,
} as const

/** An activity as this function reads it (ACTIVITY_FIELDS). */
export type SigninActivity = Pick<ActivityDoc, keyof typeof ACTIVITY_FIELDS | '_id'>

export function signinError(code: SigninErrorCode, message?: string): AppError {
  return new AppError(code, message ?? SIGNIN_ERRORS[code])
}

export async function loadActivity(db: Db, id: string): Promise<SigninActivity> {
  const found = await from(db, activities).byId(id, ACTIVITY_FIELDS)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return found
}

export function signinStateOf(a: Pick<Activity, 'start' | 'end' | 'status'>, now: Date): SigninState {
  const w = signInWindow(a)
  return { state: signInState(a, now), opensAt: epochMs(w.opensAt), closesAt: epochMs(w.closesAt) }
}

/** "今天上午9:00" / "11月25日 星期二 上午9:00" */
export function whenText(t: Date, now: Date): string {
  return `${relativeDay(t, now) ?? formatDayLong(t)}${formatClock(t)}`
}

/** Why the window is not open, in words; throws nothing when it is. */
export function requireOpenWindow(a: Pick<Activity, 'start' | 'end' | 'status'>, now: Date): void {
  const state = signInState(a, now)
  if (state === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，无需签到')
  if (state === 'upcoming') {
    const { opensAt } = signInWindow(a)
    throw signinError('SIGNIN_NOT_OPEN', `还没到签到时间，签到从${whenText(opensAt, now)}开始`)
  }
  if (state === 'closed') throw signinError('SIGNIN_CLOSED')
}

export function toServiceView(r: ServiceDoc): ServiceRecordView {
  return {
    _id: r._id,
    activityId: r.activityId,
    activityTitle: r.activityTitle,
    unitId: r.unitId,
    unitName: r.unitName,
    activityStart: epochMs(r.activityStart),
    activityEnd: epochMs(r.activityEnd),
    openid: r.openid,
    name: r.name,
    signInAt: epochMs(r.signInAt),
    signOutAt: r.signOutAt ? epochMs(r.signOutAt) : null,
    status: r.status,
    minutes: r.minutes,
    autoClosed: r.autoClosed,
    locationOverride: r.locationOverride,
    distanceMeters: r.distanceMeters === null ? null : Math.round(r.distanceMeters),
    confirmedByName: r.confirmedBy ? r.confirmedByName || MANAGER_ROLE : null,
    confirmedAt: r.confirmedAt ? epochMs(r.confirmedAt) : null,
    // the stored openid (`by`) stays in the record for the audit and out of every answer
    corrections: (r.corrections ?? []).map((c) => ({
      byName: c.byName || MANAGER_ROLE,
      at: epochMs(c.at),
      fromMinutes: c.fromMinutes,
      toMinutes: c.toMinutes,
      reason: c.reason,
    })),
  }
}

/** How a manager without a name is shown to others. */
export const MANAGER_ROLE = '专管员'

export function toLandingActivity(
  a: SigninActivity,
  now: Date,
  mine: LandingActivity['mine'],
): LandingActivity {
  return {
    _id: a._id,
    title: a.title,
    category: a.category,
    place: a.place,
    start: epochMs(a.start),
    end: epochMs(a.end),
    status: a.status,
    attendedCount: a.attendedCount ?? 0,
    signIn: signinStateOf(a, now),
    mine,
    geofenceMeters: a.geofenceMeters ?? null,
  }
}
