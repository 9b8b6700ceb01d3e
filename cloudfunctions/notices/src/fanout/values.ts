/** What one subscriber's notice says: the job's values, with their station's practice-day activity if any. */
import type { Activity } from '../../../../core/domain'
import type { NoticeValues } from '../../../../core/notices/template'
import type { SubscriptionDoc } from '../../../../core/contract/inbox.collections'
import type { JobDoc } from '../../../../core/contract/notices.collections'

export type PracticeActivityDoc = Pick<
  Activity,
  '_id' | 'title' | 'unitId' | 'unitName' | 'unitPath' | 'place' | 'start' | 'end' | 'contactPhone'
>

/** Each unit (and each of its ancestors) → the earliest practice-day activity held in it. */
export function activitiesByUnit(activities: PracticeActivityDoc[]): Map<string, PracticeActivityDoc> {
  const sorted = [...activities].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime())
  const byUnit = new Map<string, PracticeActivityDoc>()
  for (const a of sorted) for (const id of a.unitPath) if (!byUnit.has(id)) byUnit.set(id, a)
  return byUnit
}

export function valuesFor(
  job: Pick<JobDoc, 'kind' | 'values'>,
  sub: Pick<SubscriptionDoc, 'stationId' | 'stationName'>,
  byUnit: Map<string, PracticeActivityDoc>,
): NoticeValues {
  const v = job.values
  const base: NoticeValues = {
    theme: v.theme,
    time: { start: new Date(v.start), end: v.end ? new Date(v.end) : undefined },
    place: v.place,
    note: v.note,
    title: v.theme,
    center: v.center,
    station: v.station,
    phone: v.phone,
  }
  if (job.kind !== 'practiceDay' || !sub.stationId) return base
  const activity = byUnit.get(sub.stationId)
  if (!activity)
    return { ...base, place: sub.stationName ?? base.place, station: sub.stationName ?? base.station }
  return {
    ...base,
    time: { start: new Date(activity.start), end: new Date(activity.end) },
    place: activity.place,
    note: activity.title,
    title: activity.title,
    station: activity.unitName,
    phone: activity.contactPhone || base.phone,
  }
}
