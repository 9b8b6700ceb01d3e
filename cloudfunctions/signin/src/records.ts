/** Documents of the signin function and how they are shown. */
import type { LandingActivity, ServiceRecordView, ServiceStatus, SigninState } from '../../../core/contract'
import type { Activity } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { one } from '../../../server/db'
import type { Db } from '../../../server/types'
import { SIGNIN_ERRORS, type SigninErrorCode } from '../../../core/contract/signin'
import { signInState, signInWindow } from '../../../core/signin/window'
import { formatClock, formatDayLong, relativeDay } from '../../../core/time'

/** 签到 of a resident; `_id` = `${activityId}_${openid}` makes "once per person" the unique _id. */
export interface AttendanceDoc {
  _id: string
  activityId: string
  openid: string
  name: string | null
  signedInAt: Date
}

/** A volunteer's service at one activity; `_id` = `${activityId}_${openid}`: one session per activity. */
export interface ServiceDoc {
  _id: string
  activityId: string
  activityTitle: string
  unitId: string
  unitName: string
  /** the activity's unitPath: who may confirm (a manager of any unit on it) */
  unitPath: string[]
  activityStart: Date
  activityEnd: Date
  openid: string
  name: string | null
  signInAt: Date
  signOutAt: Date | null
  status: ServiceStatus
  minutes: number | null
  autoClosed: boolean
  locationOverride: boolean
  distanceMeters: number | null
  /** the confirming manager's openid: kept for the audit, never answered */
  confirmedBy: string | null
  /** their name when they confirmed (older records have none) */
  confirmedByName?: string | null
  confirmedAt: Date | null
  corrections: Array<{
    by: string
    byName: string | null
    at: Date
    fromMinutes: number | null
    toMinutes: number
    reason: string
  }>
  /** bumped by every change after sign-out: manager edits are conditional on it */
  revision: number
}

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

export type ActivityDoc = Pick<Activity, keyof typeof ACTIVITY_FIELDS | '_id'>

export const ms = (d: Date | string | number): number => new Date(d).getTime()
export const recordId = (activityId: string, openid: string): string => `${activityId}_${openid}`

export function signinError(code: SigninErrorCode, message?: string): AppError {
  return new AppError(code, message ?? SIGNIN_ERRORS[code])
}

export async function loadActivity(db: Db, id: string): Promise<ActivityDoc> {
  const found = await one<ActivityDoc>(
    db.collection('activities').where({ _id: id }).field(ACTIVITY_FIELDS).limit(1).get(),
  )
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return found
}

/** The unit as auth.holdsOver sees it, from the activity's (or record's) own path. */
export function holdingUnit(a: { unitId: string; unitPath: string[]; unitName: string }) {
  return { _id: a.unitId, ancestors: a.unitPath.filter((id) => id !== a.unitId), name: a.unitName }
}

export function signinStateOf(a: Pick<Activity, 'start' | 'end' | 'status'>, now: Date): SigninState {
  const w = signInWindow(a)
  return { state: signInState(a, now), opensAt: ms(w.opensAt), closesAt: ms(w.closesAt) }
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
    activityStart: ms(r.activityStart),
    activityEnd: ms(r.activityEnd),
    openid: r.openid,
    name: r.name,
    signInAt: ms(r.signInAt),
    signOutAt: r.signOutAt ? ms(r.signOutAt) : null,
    status: r.status,
    minutes: r.minutes,
    autoClosed: r.autoClosed,
    locationOverride: r.locationOverride,
    distanceMeters: r.distanceMeters === null ? null : Math.round(r.distanceMeters),
    confirmedByName: r.confirmedBy ? r.confirmedByName || MANAGER_ROLE : null,
    confirmedAt: r.confirmedAt ? ms(r.confirmedAt) : null,
    // the stored openid (`by`) stays in the record for the audit and out of every answer
    corrections: (r.corrections ?? []).map((c) => ({
      byName: c.byName || MANAGER_ROLE,
      at: ms(c.at),
      fromMinutes: c.fromMinutes,
      toMinutes: c.toMinutes,
      reason: c.reason,
    })),
  }
}

/** How a manager without a name is shown to others. */
export const MANAGER_ROLE = '专管员'

export function toLandingActivity(a: ActivityDoc, now: Date, mine: LandingActivity['mine']): LandingActivity {
  return {
    _id: a._id,
    title: a.title,
    category: a.category,
    place: a.place,
    start: ms(a.start),
    end: ms(a.end),
    status: a.status,
    attendedCount: a.attendedCount ?? 0,
    signIn: signinStateOf(a, now),
    mine,
    geofenceMeters: a.geofenceMeters ?? null,
  }
}

/**
 * Inserts a document whose `_id` encodes a uniqueness rule; false when it already exists. The SDK's
 * duplicate-key error text differs between platforms, so any failure is checked by reading back.
 */
export async function insertUnique<T extends { _id: string }>(
  db: Db,
  collection: string,
  doc: T,
): Promise<{ inserted: true } | { inserted: false; existing: T }> {
  try {
    await db.collection(collection).add({ data: doc })
    return { inserted: true }
  } catch (err) {
    const existing = await one<T>(db.collection(collection).where({ _id: doc._id }).limit(1).get())
    if (existing) return { inserted: false, existing }
    throw err
  }
}
