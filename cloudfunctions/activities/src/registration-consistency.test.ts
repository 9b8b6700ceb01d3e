import { registrations as registrationsSpec } from '../../../core/contract/activities.collections'
/**
 * Registration records always agree with the activity: registeredCount == registrants == records with
 * status 'registered' == what 我的活动 lists, under any interleaving of one person's 报名 and 取消报名, and
 * after a kill -9 at any point between the writes (the instance is SIGKILLed by a test hook,
 * server/crash-point.ts). Through the real wx-server-sdk and the local cloud's runner.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { readActivity, storeActivity } from './test-activities'

const MAX_INSTANCES = 16
/** Short leases, so a lock left by a killed call lapses within the test. */
const LEASE_MS = 1_000
const dir = mkdtempSync(join(tmpdir(), 'registration-kill-'))
const crashFile = join(dir, 'crash-points')

let t: TestCloud
beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    maxInstances: MAX_INSTANCES,
    functionEnv: { CRASH_POINTS_FILE: crashFile, REGISTRATION_LEASE_MS: String(LEASE_MS) },
  })
}, 90_000)
afterAll(async () => {
  await t.stop()
  rmSync(dir, { recursive: true, force: true })
})

interface Agreement {
  count: number
  registrants: string[]
  records: string[]
}

function agreement(id: string): Agreement {
  const doc = readActivity(t.cloud, id)
  const records = t.cloud.db
    .find(registrationsSpec.name, { activityId: id, status: 'registered' })
    .map((r) => r.openid as string)
  return { count: doc.registeredCount, registrants: [...doc.registrants].sort(), records: records.sort() }
}

function expectAgreement(id: string): Agreement {
  const a = agreement(id)
  expect(a.count).toBe(a.registrants.length)
  expect(a.records).toEqual(a.registrants)
  return a
}

async function listedIn我的活动(openid: string, id: string): Promise<boolean> {
  const mine = await t.as(openid).ok('activities', 'mine', {})
  return mine.upcoming.some((m) => m.activity._id === id)
}

/** Warm instances side by side, so the burst meets them running in parallel rather than cold starts. */
async function warmInstances(id: string): Promise<void> {
  for (let k = 4; k <= MAX_INSTANCES; k += 4) {
    await Promise.all(Array.from({ length: k }, () => t.as('warm').call('activities', 'get', { id })))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

describe('one person tapping 报名 and 取消报名 at once', () => {
  it('leaves count == records == 我的活动 for 10 people × (15 + 15) calls', async () => {
    const id = await storeActivity(t.cloud, { capacity: 50 })
    await warmInstances(id)
    const people = Array.from({ length: 10 }, (_, i) => `both-${i}`)
    await t.cloud.db.insertMany(
      'users',
      people.map((_id) => ({ _id, grants: [], createdAt: new Date() })),
    )
    const calls = shuffle(
      people.flatMap((p) => [
        ...Array.from({ length: 15 }, () => ({ p, action: 'register' as const })),
        ...Array.from({ length: 15 }, () => ({ p, action: 'withdraw' as const })),
      ]),
    )
    const results = await Promise.all(
      calls.map(({ p, action }) => t.as(p).call('activities', action, { id })),
    )
    // every call answered in words (a tap that waited too long is told to try again, never INTERNAL)
    for (const r of results) if (!r.ok) expect(r.code).toBe('CONFLICT')
    // and everyone's taps went through, some of them: the lock serialises, it does not starve
    for (const p of people) {
      expect(results.some((r, i) => r.ok && calls[i]!.p === p)).toBe(true)
    }
    const a = expectAgreement(id)
    for (const p of people) {
      expect(await listedIn我的活动(p, id)).toBe(a.registrants.includes(p))
    }
    // no lock left behind
    const locked = t.cloud.db.find(registrationsSpec.name, { activityId: id, lockId: { $ne: null } })
    expect(locked).toEqual([])
  }, 300_000)
})

describe('kill -9 at any point', () => {
  const points = [
    { point: 'register:after-gate', action: 'register' as const, before: false },
    { point: 'register:after-settle', action: 'register' as const, before: false },
    { point: 'withdraw:after-gate', action: 'withdraw' as const, before: true },
  ]

  it.each(points)(
    'settles a call killed at $point: no phantom, by the next call, 我的活动 or the timer',
    async ({ point, action, before }) => {
      const id = await storeActivity(t.cloud, { capacity: 10 })
      const people = ['k-a', 'k-b', 'k-c'].map((p) => `${p}-${point}`)
      if (before) for (const p of people) await t.as(p).ok('activities', 'register', { id })
      writeFileSync(crashFile, point)
      for (const p of people) {
        await expect(t.as(p).call('activities', action, { id })).rejects.toThrow(/exited|crash/i)
      }
      writeFileSync(crashFile, '')
      const member = action === 'register'
      // the gate passed for everyone before the kill: membership is the truth
      expect(readActivity(t.cloud, id).registrants.sort()).toEqual(member ? [...people].sort() : [])
      await sleep(LEASE_MS + 200)
      // one person looks at 我的活动, one taps again, the third is left to the timer
      const [viewer, retrier] = people
      expect(await listedIn我的活动(viewer!, id)).toBe(member)
      const again = await t.as(retrier!).ok('activities', action, { id })
      expect(again).toMatchObject({ registered: member, unchanged: true })
      await t.cloud.fireTimer('activities')
      const a = expectAgreement(id)
      expect(a.count).toBe(member ? 3 : 0)
      expect(t.cloud.db.find(registrationsSpec.name, { activityId: id, lockId: { $ne: null } })).toEqual([])
    },
    60_000,
  )

  it('keeps agreement when calls are killed at random points during a mixed burst', async () => {
    const id = await storeActivity(t.cloud, { capacity: 50 })
    const people = Array.from({ length: 6 }, (_, i) => `burst-${i}`)
    for (let round = 0; round < 3; round++) {
      writeFileSync(crashFile, points[round % points.length]!.point)
      await Promise.allSettled(
        shuffle(people.flatMap((p) => [p, p, p])).map((p, i) =>
          t.as(p).call('activities', i % 2 ? 'withdraw' : 'register', { id }),
        ),
      )
    }
    writeFileSync(crashFile, '')
    await sleep(LEASE_MS + 200)
    await t.cloud.fireTimer('activities')
    const a = expectAgreement(id)
    for (const p of people) expect(await listedIn我的活动(p, id)).toBe(a.registrants.includes(p))
  }, 120_000)
})
