import type { ActivityListItem, ManagedActivity, ToldSummary, WeekInfo } from '../../../../core/contract'
import type { Activity, Unit } from '../../../../core/domain'
import { AppError } from '../../../../core/errors'
import { one } from '../../../../server/db'
import type { Db } from '../../../../server/types'
import { shiftWeek } from '../../../../core/activities/week'
import type { PendingEvent } from '../tell'

/**
 * Activity documents as stored: `registrants` is always written by this function; pendingEvents and
 * telling while registrants are being told of a cancellation or change (tell.ts), told afterwards.
 */
export type ActivityDoc = Activity & {
  registrants: string[]
  pendingEvents?: PendingEvent[]
  telling?: boolean
  told?: ToldSummary | null
}

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

export const ms = (d: Date | string | number): number => new Date(d).getTime()

export function toListItem(a: Pick<Activity, keyof typeof LIST_FIELDS | '_id'>): ActivityListItem {
  return {
    _id: a._id,
    title: a.title,
    category: a.category,
    unitId: a.unitId,
    unitName: a.unitName,
    place: a.place,
    start: ms(a.start),
    end: ms(a.end),
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
  const found = await one<ActivityDoc>(
    db
      .collection('activities')
      .where({ _id: id })
      .field({ registrants: false, attendees: false, pendingEvents: false })
      .limit(1)
      .get(),
  )
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return found
}

export async function loadUnit(db: Db, id: string): Promise<Unit | undefined> {
  return one<Unit>(db.collection('units').where({ _id: id }).limit(1).get())
}

/** The unit as auth.holdsOver sees it, from the activity's own path (no extra read). */
export function holdingUnit(a: Pick<Activity, 'unitId' | 'unitPath' | 'unitName'>) {
  return { _id: a.unitId, ancestors: a.unitPath.filter((id) => id !== a.unitId), name: a.unitName }
}
