/**
 * A backlog of confirmed service (a year of imported history, a day the timer was off) is worked off over
 * several runs: each run stops starting records when its budget is spent, saves the cursor where it
 * stopped, and the next run goes on from there. Every record is settled exactly once.
 */
import { creditCursors, creditLedger } from '../../../core/contract/credit.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDS } from '../../../scripts/seed'
import { activities } from '../../../core/contract/activities.collections'

const HOUR = 3_600_000
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]

let t: TestCloud
beforeAll(async () => {
  // 1 ms: every run settles exactly one record (a run always makes progress), then stops
  t = await startTestCloud({ functionEnv: { CREDIT_SETTLE_BUDGET_MS: '1' } })
})
afterAll(async () => {
  await t.stop()
})

type Report = { settled: number; points: number; more: boolean }

it('a backlog bigger than one run is settled over several runs, each record once, the cursor moving', async () => {
  const start = new Date(Date.now() - 5 * HOUR)
  const a = activityDoc({ _id: 'backlog-act', category: '科普', start })
  await t.cloud.db.insertMany(activities.name, [a as unknown as Record<string, unknown>])
  const people = ['backlog-1', 'backlog-2', 'backlog-3', 'backlog-4']
  const records: ServiceDoc[] = people.map((openid, i) => ({
    _id: `backlog-act_${openid}`,
    activityId: a._id,
    openid,
    activityTitle: '积压的服务',
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: start,
    activityEnd: new Date(start.getTime() + 3 * HOUR),
    name: '测试',
    signInAt: start,
    signOutAt: new Date(start.getTime() + 60 * 60_000),
    status: 'confirmed',
    minutes: 60,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: 10,
    confirmedBy: 'someone',
    // confirmed one after another, a minute apart
    confirmedAt: new Date(Date.now() - (people.length - i) * 60_000),
    corrections: [],
    revision: 1,
  }))
  await t.cloud.db.insertMany(serviceRecords.name, records as unknown as Record<string, unknown>[])
  const cursorAt = () =>
    (t.cloud.db.find(creditCursors.name, { _id: 'service' })[0] as { confirmedAt: Date } | undefined)
      ?.confirmedAt

  const runs: Report[] = []
  for (let i = 0; i < people.length; i++) runs.push(await t.cloud.fireTimer<Report>('credit'))
  // each run settled one record and said there was more (the demo seed's own records come first or not at
  // all: they are older than the cursor's lag or already settled by earlier runs)
  const settledHere = () => people.filter((p) => t.cloud.db.find(creditLedger.name, { openid: p }).length > 0)
  expect(runs.every((r) => r.settled >= 1)).toBe(true)
  expect(runs.slice(0, -1).every((r) => r.more)).toBe(true)
  // the cursor has reached at least the third record: it moved while runs stopped early
  expect(new Date(cursorAt()!).getTime()).toBeGreaterThanOrEqual(records[2]!.confirmedAt!.getTime())

  for (let i = 0; i < 10 && settledHere().length < people.length; i++) await t.cloud.fireTimer('credit')
  expect(settledHere()).toEqual(people)
  // and once: one line each, 1 h × 10 = 10 points
  for (const p of people) {
    const lines = t.cloud.db.find(creditLedger.name, { openid: p }) as { points: number }[]
    expect(lines.map((l) => l.points)).toEqual([10])
  }
  const last = await t.cloud.fireTimer<Report>('credit')
  expect(last.points).toBe(0)
})
