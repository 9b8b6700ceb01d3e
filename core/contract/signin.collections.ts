/** The signin context's collections: residents' 签到, volunteers' service sessions, rotating-code keys. */
import type { ServiceStatus } from './signin'
import { collection } from './collection'

/** One session (or sign-in) per person per activity: the unique `_id` makes "once" hold under races. */
const perPersonPerActivity = (activityId: string, openid: string): string => `${activityId}_${openid}`

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
  /** the client IP of the sign-in (getWXContext().CLIENTIP; older records have none): docs/integrity.md */
  clientIp?: string | null
  /** the rotating code's 30-second step the sign-in used (one code view; older records have none) */
  codeStep?: number | null
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

/** A rotating code's key → its activity. */
export interface SigninKeyDoc {
  /** activityKey(activityId) (core/signin/token): the first 8 chars of a volunteer token */
  _id: string
  activityId: string
  createdAt: Date
}

export const attendance = collection<AttendanceDoc>()({
  name: 'attendance',
  description:
    "Residents' 签到: one per person per activity (_id = `${activityId}_${openid}`), counted in activities.attendedCount.",
  indexes: [
    { name: 'activity_signedin', keys: { activityId: 1, signedInAt: -1 } },
    { name: 'signedin', keys: { signedInAt: -1 } },
  ],
  id: perPersonPerActivity,
})

const ORDER_PREFIX = 'order-'

export const serviceRecords = collection<ServiceDoc>()({
  name: 'service_records',
  description:
    "Volunteers' service sessions: one per volunteer per activity (_id = `${activityId}_${openid}`), with credited minutes and the managers' corrections.",
  indexes: [
    { name: 'activity_signin', keys: { activityId: 1, signInAt: 1 } },
    { name: 'openid_signin', keys: { openid: 1, signInAt: -1 } },
    { name: 'status_end', keys: { status: 1, activityEnd: 1 } },
    { name: 'signin', keys: { signInAt: 1 } },
    { name: 'status_confirmed', keys: { status: 1, confirmedAt: 1 } },
  ],
  id: perPersonPerActivity,
  /** The activityId of the record a rated order earns (orders): there is no activity behind it. */
  orderActivityId: (orderId: string): string => `${ORDER_PREFIX}${orderId}`,
  /** The order behind a record's activityId, or null when the record is an activity's. */
  orderIdOf: (activityId: string): string | null =>
    activityId.startsWith(ORDER_PREFIX) ? activityId.slice(ORDER_PREFIX.length) : null,
})

export const signinKeys = collection<SigninKeyDoc>()({
  name: 'signin_keys',
  description: "Rotating volunteer codes: the token's 8-char key (_id) → its activity.",
  indexes: [],
})
