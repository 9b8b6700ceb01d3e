import { activities as activitiesSpec } from '../../../core/contract/activities.collections'
import { attendance as attendanceSpec } from '../../../core/contract/signin.collections'
/**
 * attendedCount agrees with the attendance records after kills: the signin instance is killed (SIGKILL,
 * server/crash-point.ts) between a resident's attendance record and its count, or right after the
 * count; people tap again or not; the timer reconciles. Instances freeze after return (issue 10).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

const dir = mkdtempSync(join(tmpdir(), 'signin-kill-'))
const crashFile = join(dir, 'crash-points')
const S01_PATH = ['u-qh-c01', 'u-qh-i01', 'u-qh-s01']

let t: TestCloud
beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    seed: false,
    maxInstances: 4,
    freeze: true,
    functionEnv: { CRASH_POINTS_FILE: crashFile, SIGNIN_SECRET: 'test-only-signin-secret-0123456789abcdef' },
  })
})
afterAll(async () => {
  await t.stop()
  rmSync(dir, { recursive: true, force: true })
})

const count = (id: string) => t.cloud.db.find(activitiesSpec.name, { _id: id })[0]!.attendedCount as number
const records = (id: string) => t.cloud.db.find(attendanceSpec.name, { activityId: id }).length

async function killedAt(point: string, fn: () => Promise<unknown>): Promise<void> {
  writeFileSync(crashFile, point)
  try {
    await expect(fn()).rejects.toThrow(/SIGKILL/)
  } finally {
    writeFileSync(crashFile, '')
  }
}

it('attendedCount equals the records after kills at each step, with and without taps again', async () => {
  const now = Date.now()
  const a = activityDoc(
    {
      _id: 'kill-att-1',
      unitPath: S01_PATH,
      title: '签到计数测试',
      category: '理论宣讲',
      description: '测试',
      start: new Date(now - 5 * 60_000),
      end: new Date(now + 60 * 60_000),
      volunteerSlots: 0,
    },
    now,
  )
  await t.cloud.db.insertMany(activitiesSpec.name, [a as unknown as Record<string, unknown>])
  const people = Array.from({ length: 12 }, (_, i) => `kill-resident-${i}`)
  const checkIn = (p: string) => t.as(p).call('signin', 'checkIn', { activityId: a._id })

  // 0–3: killed after their record, before the count; they never tap again
  for (const p of people.slice(0, 4)) await killedAt('checkin:after-insert', () => checkIn(p))
  // 4–5: killed after their record; they tap again, 20 times at once (answered 已签到)
  for (const p of people.slice(4, 6)) {
    await killedAt('checkin:after-insert', () => checkIn(p))
    const again = await Promise.all(Array.from({ length: 20 }, () => checkIn(p)))
    expect(again.every((r) => r.ok && r.data.status === 'already')).toBe(true)
  }
  // 6–7: killed right after the count: their call failed, but they are counted, once
  for (const p of people.slice(6, 8)) {
    await killedAt('checkin:after-count', () => checkIn(p))
    await expect(checkIn(p)).resolves.toMatchObject({ ok: true, data: { status: 'already' } })
  }
  // 8–11: nothing goes wrong
  for (const p of people.slice(8)) await expect(checkIn(p)).resolves.toMatchObject({ ok: true })

  expect(records(a._id)).toBe(12)
  // what the kills left: records the count does not include yet
  expect(count(a._id)).toBe(6)

  const report = await t.cloud.fireTimer<{ reconciled: number }>('signin')
  expect(report.reconciled).toBe(6)
  expect(count(a._id)).toBe(records(a._id))
  expect(
    [...(t.cloud.db.find(activitiesSpec.name, { _id: a._id })[0]!.attendees as string[])].sort(),
  ).toEqual([...people].sort())
  // reconciling again, or more taps, change nothing
  await t.cloud.fireTimer('signin')
  await Promise.all(people.map(checkIn))
  expect(count(a._id)).toBe(12)
})

it('repairs an activity counted before `attendees` existed without counting its people twice', async () => {
  const now = Date.now()
  const legacy = (id: string) => {
    const doc = activityDoc(
      {
        _id: id,
        unitPath: S01_PATH,
        title: '旧活动签到计数',
        category: '理论宣讲',
        description: '测试',
        start: new Date(now - 30 * 60_000),
        end: new Date(now + 60 * 60_000),
        volunteerSlots: 0,
      },
      now,
    ) as unknown as Record<string, unknown>
    delete doc.attendees
    return doc
  }
  const record = (activityId: string, openid: string, signedInAt: Date) => ({
    _id: `${activityId}_${openid}`,
    activityId,
    openid,
    name: null,
    signedInAt,
  })
  const inside = new Date(now - 10 * 60_000)
  // A: 3 counted the old way (no attendees), a 4th whose count a kill cut short, then a 5th checks in
  // with today's code (attendees: [its openid], count 4 + 1)
  // B: never touched since: 2 counted, a 3rd uncounted, and one signed long before its window (a failed
  // call's leftover) that is removed
  const aPeople = Array.from({ length: 5 }, (_, i) => `legacy-a-${i}`)
  const bPeople = Array.from({ length: 3 }, (_, i) => `legacy-b-${i}`)
  await t.cloud.db.insertMany(activitiesSpec.name, [
    { ...legacy('legacy-att-a'), attendedCount: 3 },
    { ...legacy('legacy-att-b'), attendedCount: 2 },
  ])
  await t.cloud.db.insertMany(attendanceSpec.name, [
    ...aPeople.slice(0, 4).map((p) => record('legacy-att-a', p, inside)),
    ...bPeople.map((p) => record('legacy-att-b', p, inside)),
    record('legacy-att-b', 'legacy-b-early', new Date(now - 5 * 3600_000)),
  ])
  await expect(
    t.as(aPeople[4]!).call('signin', 'checkIn', { activityId: 'legacy-att-a' }),
  ).resolves.toMatchObject({ ok: true })
  expect(count('legacy-att-a')).toBe(4)
  expect(t.cloud.db.find(activitiesSpec.name, { _id: 'legacy-att-a' })[0]!.attendees).toEqual([aPeople[4]])

  await t.cloud.fireTimer('signin')
  const attendees = (id: string) =>
    [
      ...((t.cloud.db.find(activitiesSpec.name, { _id: id })[0]!.attendees as string[] | undefined) ?? []),
    ].sort()
  expect(count('legacy-att-a')).toBe(5)
  expect(attendees('legacy-att-a')).toEqual([...aPeople].sort())
  expect(records('legacy-att-b')).toBe(3)
  expect(count('legacy-att-b')).toBe(3)
  expect(attendees('legacy-att-b')).toEqual([...bPeople].sort())

  // again, and everyone tapping again, change nothing
  await t.cloud.fireTimer('signin')
  await Promise.all(aPeople.map((p) => t.as(p).call('signin', 'checkIn', { activityId: 'legacy-att-a' })))
  expect(count('legacy-att-a')).toBe(5)
  expect(count('legacy-att-b')).toBe(3)
})
