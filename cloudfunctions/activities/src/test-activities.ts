/** Test support: activities stored directly in any state, and read back as stored. */
import { activities, type ActivityDoc } from '../../../core/contract/activities.collections'
import type { LocalCloud } from '../../../local-cloud/src'
import { DEMO_IDS } from '../../../scripts/seed'
import { activityDoc } from '../../../testing/activity-doc'

export type StoredActivity = Partial<ActivityDoc>

let serial = 0

/**
 * Stores an activity (by default at the first demo station, in two days, 10 places). Times are relative
 * to the real clock: function tests cannot pin the clock of the function instances.
 */
export async function storeActivity(cloud: LocalCloud, over: StoredActivity = {}): Promise<string> {
  const now = Date.now()
  const _id = `test-act-${process.pid}-${++serial}`
  const unitId = over.unitId ?? DEMO_IDS.firstStation
  const doc = activityDoc(
    {
      _id,
      unitId,
      unitPath:
        unitId === DEMO_IDS.firstStation ? [DEMO_IDS.center, 'u-qh-i01', unitId] : [DEMO_IDS.center, unitId],
      registrationRequired: true,
      capacity: 10,
      ...over,
    },
    now,
  )
  await cloud.db.insertMany(activities.name, [doc as unknown as Record<string, unknown>])
  return _id
}

export function readActivity(cloud: LocalCloud, id: string): ActivityDoc {
  return cloud.db.find(activities.name, { _id: id })[0] as unknown as ActivityDoc
}
