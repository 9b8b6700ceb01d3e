/** Test support: one complete activity document with neutral defaults, for tests and benchmarks to override. */
import type { ActivityDoc } from '../core/contract/activities.collections'
import type { Activity } from '../core/domain'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'

export type { ActivityDoc }

const HOUR = 3_600_000

/** At the first demo station, starting two days after `now`, published, nobody registered or signed in. */
export function activityDoc(
  over: Partial<ActivityDoc> & Pick<Activity, '_id'>,
  now = Date.now(),
): ActivityDoc {
  return {
    unitId: DEMO_IDS.firstStation,
    unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
    unitName: '幸福里社区新时代文明实践站',
    title: '测试活动',
    category: '科普',
    description: '测试用的活动',
    place: '活动室',
    start: new Date(now + 48 * HOUR),
    end: new Date(now + 50 * HOUR),
    registrationRequired: false,
    capacity: null,
    registeredCount: 0,
    registrants: [],
    volunteerSlots: 0,
    theme: null,
    practiceDay: false,
    coverFileId: null,
    contactPhone: '0536-7211001',
    status: 'published',
    cancelReason: null,
    attendedCount: 0,
    createdBy: DEMO_IDENTITIES.stationManager,
    createdAt: new Date(now),
    updatedAt: new Date(now),
    ...over,
  }
}
