/** Test support: activities stored directly in any state, and read back as stored. */
import type { Activity } from '../../../core/domain'
import type { LocalCloud } from '../../../local-cloud/src'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

export type StoredActivity = Partial<Activity & { registrants: string[] }>

const HOUR = 3_600_000
let serial = 0

/**
 * Stores an activity (by default at the first demo station, in two days, 10 places). Times are relative
 * to the real clock: function tests cannot pin the clock of the function instances.
 */
export async function storeActivity(cloud: LocalCloud, over: StoredActivity = {}): Promise<string> {
  const now = Date.now()
  const _id = `test-act-${process.pid}-${++serial}`
  const unitId = over.unitId ?? DEMO_IDS.firstStation
  await cloud.db.insertMany('activities', [
    {
      _id,
      unitId,
      unitPath:
        unitId === DEMO_IDS.firstStation ? [DEMO_IDS.center, 'u-qh-i01', unitId] : [DEMO_IDS.center, unitId],
      unitName: '幸福里社区新时代文明实践站',
      title: '测试活动',
      category: '科普',
      description: '测试用的活动',
      place: '活动室',
      start: new Date(now + 48 * HOUR),
      end: new Date(now + 50 * HOUR),
      registrationRequired: true,
      capacity: 10,
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
    },
  ])
  return _id
}

export function readActivity(cloud: LocalCloud, id: string): Activity & { registrants: string[] } {
  return cloud.db.find('activities', { _id: id })[0] as unknown as Activity & { registrants: string[] }
}
