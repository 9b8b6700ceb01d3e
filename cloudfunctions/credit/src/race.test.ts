/**
 * 爱心超市 under concurrency and kills: 200 people redeem an item with stock 20 at once (exactly 20 held,
 * balances exact); instances killed (SIGKILL, server/crash-point.ts) between taking stock and holding
 * the points, after a redemption ended but before its stock came back, and in the middle of a settlement
 * run: a retry or the timer finishes, and nothing is counted twice or lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  creditAccounts,
  creditLedger,
  redemptions,
  shopItems,
  type CreditAccount,
} from '../../../core/contract/credit.collections'
import { orders } from '../../../core/contract/orders.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { formatDate } from '../../../core/time'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

const dir = mkdtempSync(join(tmpdir(), 'credit-kill-'))
const crashFile = join(dir, 'crash-points')
const { stationManager } = DEMO_IDENTITIES
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]

let t: TestCloud
type SdkDb = {
  collection(n: string): {
    doc(id: string): { update(o: { data: Record<string, unknown> }): Promise<unknown> }
  }
}
let db: SdkDb

beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({ maxInstances: 8, freeze: true, functionEnv: { CRASH_POINTS_FILE: crashFile } })
  Object.assign(process.env, t.cloud.sdkEnv())
  jest.isolateModules(() => {
    const sdk = jest.requireActual<{
      init(o: object): void
      DYNAMIC_CURRENT_ENV: unknown
      database(): SdkDb
    }>('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    db = sdk.database()
  })
})
afterAll(async () => {
  await t.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function killedAt(point: string, fn: () => Promise<unknown>): Promise<void> {
  writeFileSync(crashFile, point)
  try {
    await expect(fn()).rejects.toThrow(/SIGKILL/)
  } finally {
    writeFileSync(crashFile, '')
  }
}

const account = (openid: string) =>
  t.cloud.db.find(creditAccounts.name, { _id: openid })[0] as unknown as CreditAccount
const item = (id: string) =>
  t.cloud.db.find(shopItems.name, { _id: id })[0] as { stock: number; claims: string[]; handedOut: number }

async function fundDirectly(openids: string[], balance: number) {
  const now = new Date()
  await t.cloud.db.insertMany(
    creditAccounts.name,
    openids.map((o) => ({
      _id: o,
      balance,
      held: 0,
      earned: balance,
      serviceMinutes: 0,
      servicePointsByDay: {},
      lines: 0,
      updatedAt: now,
    })),
  )
}

async function newItem(title: string, price: number, stock: number) {
  return (
    await t
      .as(stationManager)
      .ok('credit', 'saveItem', { unitId: DEMO_IDS.firstStation, title, price, stock })
  ).item
}

it('200 redemptions at once of an item with stock 20: exactly 20 held, balances exact', async () => {
  const people = Array.from({ length: 200 }, (_, i) => `race-${i}`)
  await fundDirectly(people, 50)
  const it20 = await newItem('爱心米', 30, 20)
  const results = await Promise.all(
    people.map((p) => t.as(p).call('credit', 'redeem', { itemId: it20._id, requestId: `race${p}x` })),
  )
  const ok = results.filter((r) => r.ok)
  const codes = new Set(results.map((r) => (r.ok ? 'OK' : r.code)))
  expect(ok).toHaveLength(20)
  expect([...codes].sort()).toEqual(['OK', 'SOLD_OUT'])
  expect(item(it20._id)).toMatchObject({ stock: 0 })
  expect(item(it20._id).claims).toHaveLength(20)
  const balances = people.map((p) => account(p))
  expect(balances.filter((a) => a.balance === 20 && a.held === 30)).toHaveLength(20)
  expect(balances.filter((a) => a.balance === 50 && a.held === 0)).toHaveLength(180)
  expect(t.cloud.db.find(creditLedger.name, { sourceId: { $regex: '^race-' } })).toHaveLength(20)
  expect(t.cloud.db.find(redemptions.name, { itemId: it20._id, status: 'held' })).toHaveLength(20)
  // every claim is a held redemption
  const held = new Set(
    t.cloud.db.find(redemptions.name, { itemId: it20._id, status: 'held' }).map((r) => r._id),
  )
  expect(item(it20._id).claims.every((c) => held.has(c))).toBe(true)
}, 120_000)

it('killed between taking stock and holding points: the same request resumes once; an abandoned one is returned by the timer', async () => {
  const [p1, p2] = ['kill-shop-1', 'kill-shop-2']
  await fundDirectly([p1, p2], 100)
  const it5 = await newItem('爱心面', 40, 5)

  await killedAt('credit:redeem-after-claim', () =>
    t.as(p1).call('credit', 'redeem', { itemId: it5._id, requestId: 'killresume01' }),
  )
  expect(item(it5._id).stock).toBe(4)
  expect(account(p1)).toMatchObject({ balance: 100, held: 0 })
  const again = await Promise.all(
    Array.from({ length: 5 }, () =>
      t.as(p1).call('credit', 'redeem', { itemId: it5._id, requestId: 'killresume01' }),
    ),
  )
  expect(again.every((r) => r.ok && r.data.redemption.status === 'held')).toBe(true)
  expect(item(it5._id).stock).toBe(4)
  expect(account(p1)).toMatchObject({ balance: 60, held: 40 })

  // p2 is killed and never taps again: after the claim timeout the timer gives the stock back
  await killedAt('credit:redeem-after-claim', () =>
    t.as(p2).call('credit', 'redeem', { itemId: it5._id, requestId: 'killabandon1' }),
  )
  expect(item(it5._id).stock).toBe(3)
  await db
    .collection(redemptions.name)
    .doc(`${p2}_killabandon1`)
    .update({ data: { createdAt: new Date(Date.now() - 10 * 60_000) } })
  const report = await t.cloud.fireTimer<{ recovered: number }>('credit')
  expect(report.recovered).toBe(1)
  expect(item(it5._id)).toMatchObject({ stock: 4 })
  expect(account(p2)).toMatchObject({ balance: 100, held: 0 })
  await t.cloud.fireTimer('credit')
  expect(item(it5._id)).toMatchObject({ stock: 4 })

  // killed after a cancel's refund committed, before its stock came back: the timer returns it, once
  const r = await t.as(p1).ok('credit', 'redeem', { itemId: it5._id, requestId: 'killcancel01' })
  expect(item(it5._id).stock).toBe(3)
  await killedAt('credit:ended-before-stock', () =>
    t.as(p1).call('credit', 'cancel', { id: r.redemption._id }),
  )
  expect(account(p1)).toMatchObject({ balance: 60, held: 40 })
  expect(item(it5._id).stock).toBe(3)
  await t.cloud.fireTimer('credit')
  await t.cloud.fireTimer('credit')
  expect(item(it5._id).stock).toBe(4)
  expect(item(it5._id).claims).toEqual([`${p1}_killresume01`])
}, 120_000)

it('a settlement run killed after each record: every record ends with exactly one line', async () => {
  const start = new Date(Date.now() - 6 * 3_600_000)
  const records: ServiceDoc[] = Array.from({ length: 5 }, (_, i) => ({
    _id: `kill-act_kill-svc-${i}`,
    activityId: 'kill-act',
    activityTitle: '测试服务',
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: start,
    activityEnd: new Date(start.getTime() + 3 * 3_600_000),
    openid: `kill-svc-${i}`,
    name: null,
    signInAt: start,
    signOutAt: start,
    status: 'confirmed',
    minutes: 60 * (i + 1),
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: stationManager,
    confirmedAt: new Date(),
    corrections: [],
    revision: 1,
  }))
  await t.cloud.db.insertMany(serviceRecords.name, records as unknown as Record<string, unknown>[])
  // each run dies right after its first settled record (the cursor is never saved)
  for (let i = 0; i < 5; i++) {
    writeFileSync(crashFile, 'credit:settled:1')
    await expect(t.cloud.fireTimer('credit')).rejects.toThrow(/SIGKILL/)
  }
  writeFileSync(crashFile, '')
  await t.cloud.fireTimer('credit')
  for (const [i, r] of records.entries()) {
    const lines = t.cloud.db.find(creditLedger.name, { sourceId: r._id })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ points: 10 * (i + 1) })
    expect(account(r.openid)).toMatchObject({ balance: 10 * (i + 1), serviceMinutes: 60 * (i + 1) })
  }
}, 120_000)

it('a rating changed after settlement re-settles the bonus difference as a new line, once per change, through kills', async () => {
  const { centerAdmin } = DEMO_IDENTITIES
  const today = formatDate(Date.now())
  // good rating (≥ 4 stars) earns 5 more points from today on
  await t.as(centerAdmin).ok('credit', 'saveRule', {
    centerId: DEMO_IDS.center,
    effectiveFrom: today,
    scale: [{ fromHours: 0, points: 10, hours: 1 }],
    capPerActivity: null,
    capPerDay: null,
    goodRatingBonus: 5,
    goodRatingStars: 4,
  })
  const start = new Date(Math.max(Date.now() - 2 * 3_600_000, new Date(`${today}T00:00:00+08:00`).getTime()))
  const rated = new Date()
  // [order, first stars, later stars]: 5→2 loses the bonus, 3→4 gains it, 5→4 keeps it (no line)
  const cases: Array<[string, number, number]> = [
    ['rr-o1', 5, 2],
    ['rr-o2', 3, 4],
    ['rr-o3', 5, 4],
  ]
  await t.cloud.db.insertMany(
    orders.name,
    cases.map(([id, stars]) => ({ _id: id, rating: { stars, comment: '', at: rated, changes: 0 } })),
  )
  const recordOf = (orderId: string): ServiceDoc => ({
    _id: `${serviceRecords.orderActivityId(orderId)}_rr-${orderId}`,
    activityId: serviceRecords.orderActivityId(orderId),
    activityTitle: '上门理发',
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: start,
    activityEnd: new Date(start.getTime() + 3_600_000),
    openid: `rr-${orderId}`,
    name: null,
    signInAt: start,
    signOutAt: start,
    status: 'confirmed',
    minutes: 60,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: stationManager,
    confirmedAt: new Date(),
    corrections: [],
    revision: 1,
  })
  const records = cases.map(([id]) => recordOf(id))
  await t.cloud.db.insertMany(serviceRecords.name, records as unknown as Record<string, unknown>[])
  await t.cloud.fireTimer('credit')
  const balances = () => records.map((r) => account(r.openid).balance)
  expect(balances()).toEqual([15, 10, 15])

  // each resident changes the rating once (orders allow one change within 7 days)
  for (const [id, , later] of cases) {
    await db
      .collection(orders.name)
      .doc(id)
      .update({ data: { rating: { stars: later, comment: '', at: rated, changes: 1 } } })
  }
  // a run dies right after its first re-settled record; then two runs at once meet on the other two
  writeFileSync(crashFile, 'credit:rerated:1')
  await expect(t.cloud.fireTimer('credit')).rejects.toThrow(/SIGKILL/)
  writeFileSync(crashFile, '')
  await Promise.all([t.cloud.fireTimer('credit'), t.cloud.fireTimer('credit'), t.cloud.fireTimer('credit')])
  await t.cloud.fireTimer('credit')
  expect(balances()).toEqual([10, 15, 15])
  const rerateLines = (r: ServiceDoc) =>
    t.cloud.db.find(creditLedger.name, { sourceId: r._id }).filter((l) => l.points !== 10 && l.points !== 15)
  expect(rerateLines(records[0]!).map((l) => l.points)).toEqual([-5])
  expect(rerateLines(records[1]!).map((l) => l.points)).toEqual([5])
  expect(rerateLines(records[2]!)).toEqual([])
  expect(String(rerateLines(records[0]!)[0]!.explanation)).toContain('评价由 5 星改为 2 星')
  // every line of a record: the first settlement and at most one correction; the first line unchanged
  for (const r of records) {
    const all = t.cloud.db.find(creditLedger.name, { sourceId: r._id })
    expect(all.length).toBeLessThanOrEqual(2)
  }
  expect(t.cloud.db.find(creditLedger.name, { sourceId: records[0]!._id, points: 15 })).toHaveLength(1)
}, 120_000)
