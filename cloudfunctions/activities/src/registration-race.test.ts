import { registrations as registrationsSpec } from '../../../core/contract/activities.collections'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES } from '../../../scripts/seed'
import { readActivity, storeActivity } from './test-activities'

/** Enough instances for real interleaving of the conditional updates; the runner queues the rest. */
const MAX_INSTANCES = 8
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ maxInstances: MAX_INSTANCES })
})
afterAll(async () => {
  await t.stop()
})

const { resident, elder } = DEMO_IDENTITIES

/**
 * Starts the function's instances one more at a time, so the burst meets warm instances running side by
 * side: cold starts all at once on a busy 2-core machine measure start-up, not the race.
 */
async function warmInstances(id: string): Promise<void> {
  for (let k = 1; k <= MAX_INSTANCES; k++) {
    await Promise.all(Array.from({ length: k }, () => t.as(resident).call('activities', 'get', { id })))
  }
}

describe('registration under concurrency', () => {
  it('gives exactly 50 of 500 people registering at once a place', async () => {
    const id = await storeActivity(t.cloud, { capacity: 50 })
    await warmInstances(id)
    const people = Array.from({ length: 500 }, (_, i) => `rush-${i}`)
    // Residents who have used the app before: the race is about places, not first-time user records.
    await t.cloud.db.insertMany(
      'users',
      people.map((_id) => ({ _id, grants: [], createdAt: new Date() })),
    )
    const results = await Promise.all(people.map((p) => t.as(p).call('activities', 'register', { id })))
    const ok = results.filter((r) => r.ok)
    const full = results.filter((r) => !r.ok && r.code === 'ACTIVITY_FULL')
    expect(ok).toHaveLength(50)
    expect(full).toHaveLength(450)
    const doc = readActivity(t.cloud, id)
    expect(doc.registeredCount).toBe(50)
    expect(new Set(doc.registrants).size).toBe(50)
    const regs = t.cloud.db.find(registrationsSpec.name, { activityId: id, status: 'registered' })
    expect(regs).toHaveLength(50)
    expect(new Set(regs.map((r) => r.openid))).toEqual(new Set(doc.registrants))
  }, 180_000)

  it('counts one person tapping 20 times at once once', async () => {
    const id = await storeActivity(t.cloud, { capacity: 5 })
    await warmInstances(id)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.as(elder).call('activities', 'register', { id })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.data.unchanged)).toHaveLength(1)
    expect(readActivity(t.cloud, id)).toMatchObject({ registeredCount: 1, registrants: [elder] })
  })
})
