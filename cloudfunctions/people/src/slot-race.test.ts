import type { VolunteerDoc } from '../../../core/contract/people.collections'
import { DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { storeActivity } from '../../activities/src/test-activities'

/** Enough instances for real interleaving of the conditional updates; the runner queues the rest. */
const MAX_INSTANCES = 8
const PEOPLE = 300
const SLOTS = 7

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ maxInstances: MAX_INSTANCES })
  // registered volunteers who have used the app before: the race is about slots, not first records
  const now = new Date()
  const openids = Array.from({ length: PEOPLE }, (_, i) => `slot-rush-${i}`)
  await t.cloud.db.insertMany(
    'users',
    openids.map((_id) => ({
      _id,
      grants: [{ role: 'volunteer', unitId: DEMO_IDS.firstStation }],
      createdAt: now,
    })),
  )
  await t.cloud.db.insertMany(
    'volunteers',
    openids.map((_id, i): VolunteerDoc => ({
      _id,
      number: `RUSH-${String(i).padStart(6, '0')}`,
      name: '抢岗位',
      phone: '13800000000',
      homeUnitId: DEMO_IDS.firstStation,
      homeUnitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
      homeUnitName: '幸福里社区新时代文明实践站',
      centerId: DEMO_IDS.center,
      specialities: ['其他'],
      idNumberCipher: null,
      idNumberMasked: null,
      consentVersion: 'test',
      consentedAt: now,
      status: 'active',
      joinedAt: now,
      updatedAt: now,
      leftAt: null,
    })) as unknown as Record<string, unknown>[],
  )
}, 90_000)
afterAll(async () => {
  await t.stop()
})

/** Warm instances side by side, so the burst measures the race rather than cold starts. */
async function warmInstances(activityId: string): Promise<void> {
  for (let k = 1; k <= MAX_INSTANCES; k++) {
    await Promise.all(
      Array.from({ length: k }, () => t.as('slot-rush-0').call('people', 'slotState', { activityId })),
    )
  }
}

const slotsDoc = (id: string) =>
  t.cloud.db.find('volunteer_slots', { _id: id })[0] as unknown as { taken: number; volunteers: string[] }

describe('volunteer slots under concurrency', () => {
  it(`gives exactly ${SLOTS} of ${PEOPLE} volunteers signing up at once a slot`, async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: SLOTS })
    await warmInstances(activityId)
    const results = await Promise.all(
      Array.from({ length: PEOPLE }, (_, i) =>
        t.as(`slot-rush-${i}`).call('people', 'signUpSlot', { activityId }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(SLOTS)
    expect(results.filter((r) => !r.ok && r.code === 'SLOTS_FULL')).toHaveLength(PEOPLE - SLOTS)
    const doc = slotsDoc(activityId)
    expect(doc.taken).toBe(SLOTS)
    expect(new Set(doc.volunteers).size).toBe(SLOTS)
    const signups = t.cloud.db.find('slot_signups', { activityId, status: 'signed' })
    expect(new Set(signups.map((s) => s.openid))).toEqual(new Set(doc.volunteers))
  }, 240_000)

  it('frees a cancelled slot for exactly one of the volunteers waiting for it', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 2 })
    await t.as('slot-rush-0').ok('people', 'signUpSlot', { activityId })
    await t.as('slot-rush-1').ok('people', 'signUpSlot', { activityId })
    const [cancel, ...rush] = await Promise.all([
      t.as('slot-rush-0').call('people', 'cancelSlot', { activityId }),
      ...Array.from({ length: 40 }, (_, i) =>
        t.as(`slot-rush-${i + 2}`).call('people', 'signUpSlot', { activityId }),
      ),
    ])
    expect(cancel.ok).toBe(true)
    const doc = slotsDoc(activityId)
    expect(doc.taken).toBe(doc.volunteers.length)
    expect(doc.volunteers).toContain('slot-rush-1')
    expect(doc.volunteers).not.toContain('slot-rush-0')
    // the freed slot went to at most one waiting volunteer (none if every sign-up ran before the cancel)
    expect(rush.filter((r) => r.ok).length).toBe(doc.volunteers.length - 1)
    expect(doc.taken).toBeLessThanOrEqual(2)
  }, 120_000)

  it('counts one volunteer tapping 20 times at once once', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 5 })
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.as('slot-rush-9').call('people', 'signUpSlot', { activityId })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(slotsDoc(activityId)).toMatchObject({ taken: 1, volunteers: ['slot-rush-9'] })
  })
})
