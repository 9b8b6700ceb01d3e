/** The activities context's collections: activities (每周活动预告) and registrations (报名). */
import { registrationId, type ActivityRegistration } from '../activities/types'
import type { Activity } from '../domain'
import type { NoticeValues } from '../notices/template'
import type { ToldSummary } from './activities'
import { collection } from './collection'

/** A cancellation or change whose registrants are still being told (activities/tell.ts). */
export interface PendingEvent {
  /** 'cancel:<activityId>' or 'change:<activityId>:<ms>' */
  id: string
  kind: 'activityCancelled' | 'activityChanged'
  title: string
  body: string
  values: NoticeValues
  at: Date
}

/**
 * An activity as stored: `registrants` is always written by publish; pendingEvents and telling while
 * registrants are being told of a cancellation or change, told afterwards. Reads usually project the
 * people (registrants, attendees) and pendingEvents out.
 */
export type ActivityDoc = Activity & {
  registrants: string[]
  /** openids signed in (签到), counted in attendedCount in the same update (signin check-in) */
  attendees?: string[]
  pendingEvents?: PendingEvent[]
  telling?: boolean
  told?: ToldSummary | null
  /** 属于本月主题: the activity carries its month's plan theme (plans context; absent: no) */
  inMonthTheme?: boolean
}

export type RegistrationDoc = ActivityRegistration

export const activities = collection<ActivityDoc>()({
  name: 'activities',
  description:
    "Activities held by units (每周活动预告). unitPath = the unit's ancestors + itself; registrants = openids holding a registration (the atomic gate for capacity). Reads project registrants out. pendingEvents (with telling: true): cancellations/changes whose registrants are still being told; told: the last one's counts.",
  indexes: [
    { name: 'unitPath_start', keys: { unitPath: 1, start: 1 } },
    { name: 'unitId_start', keys: { unitId: 1, start: 1 } },
    { name: 'telling', keys: { telling: 1 } },
  ],
})

export const registrations = collection<RegistrationDoc>()({
  name: 'registrations',
  description:
    "报名: one document per person per activity, _id = `${activityId}_${openid}`. status registered | withdrawn; lockId/lockedUntil: the person's lock while a register/withdraw call runs (a lapsed lease is settled from the activity's registrants by the next call, 我的活动 or the timer).",
  indexes: [
    { name: 'openid_status_activityStart', keys: { openid: 1, status: 1, activityStart: 1 } },
    { name: 'activityId_status', keys: { activityId: 1, status: 1 } },
    { name: 'lockedUntil', keys: { lockedUntil: 1 } },
    { name: 'openid_lockedUntil', keys: { openid: 1, lockedUntil: 1 } },
  ],
  /** one document per person per activity */
  id: (activityId: string, openid: string): string => registrationId(activityId, openid),
})
