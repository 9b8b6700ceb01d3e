import type { ActivityListItem, ManagedActivity, ToldSummary, WeekInfo } from '../../../../core/contract'
import { activities, type ActivityDoc } from '../../../../core/contract/activities.collections'
import type { Activity } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { epochMs } from '../../../../core/time'
import { from } from '../../../../server/db'
import type { Db } from '../../../../server/types'
import { shiftWeek } from '../../../../core/activities/week'

/** The projection of a list line: keeps the weekly list's payload small (never the registrants). */
export const LIST_FIELDS = {
  title: true,
  category: true,
  unitId: true,
  unitName: true,
  place: true,
  start: true,
  end: true,
  status: true,
  registrationRequired: true,
  capacity: true,
  registeredCount: true,
  practiceDay: true,
} as const

export const MANAGED_FIELDS = {
  ...LIST_FIELDS,
  volunteerSlots: true,
  attendedCount: true,
  told: true,
} as const

export function toListItem(a: Pick<Activity, keyof typeof LIST_FIELDS | '_id'>): ActivityListItem {
  return {
    _id: a._id,
    title: a.title,
    category: a.category,
    unitId: a.unitId,
    unitName: a.unitName,
    place: a.place,
    start: epochMs(a.start),
    end: epochMs(a.end),
    status: a.status,
    registrationRequired: a.registrationRequired,
    capacity: a.capacity,
    registeredCount: a.registeredCount,
    practiceDay: a.practiceDay,
  }
}

export function toManaged(
  a: Pick<Activity, keyof typeof LIST_FIELDS | 'volunteerSlots' | 'attendedCount' | '_id'> & {
    told?: ToldSummary | null
  },
): ManagedActivity {
  return {
    ...toListItem(a),
    volunteerSlots: a.volunteerSlots,
    attendedCount: a.attendedCount ?? 0,
    told: a.told ?? null,
  }
}

export function weekInfo(start: string): WeekInfo {
  return { start, prev: shiftWeek(start, -1), next: shiftWeek(start, 1) }
}

/** The activity without its people (registrants, attendees) and pending events, or NOT_FOUND in words. */
export async function loadActivity(db: Db, id: string): Promise<ActivityDoc> {
  const found = await from(db, activities).byId(id, {
    registrants: false,
    attendees: false,
    pendingEvents: false,
  })
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return found
}
