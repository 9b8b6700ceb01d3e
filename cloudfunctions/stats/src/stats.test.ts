/**
 * Statistics counters are exact against a recount from the raw data (written here independently):
 * after live writes through the real functions (check-ins, hours confirmed and corrected, an activity
 * cancelled), after kills between an attendance write and its counter (server/crash-point.ts), and
 * after the nightly repair. Also: scope (managers see only their subtree), the ranking, bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { activities as activitiesSpec, type ActivityDoc } from '../../../core/contract/activities.collections'
import { creditLedger, type LedgerLine } from '../../../core/contract/credit.collections'
import { orders as ordersSpec } from '../../../core/contract/orders.collections'
import type { OrderDoc } from '../../../core/orders/model'
import { serviceRecords as serviceSpec, type ServiceDoc } from '../../../core/contract/signin.collections'
import type { PeriodKind, StatFigures, StatsReport } from '../../../core/contract/stats'
import { statsCounters, statsRepair } from '../../../core/contract/stats.collections'
import { countsAsConfirmed, ledgerDelta } from '../../../core/stats/figures'
import ExcelJS from 'exceljs'
import { formatDate, monthRange, weekRange, type Range } from '../../../core/time'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

const dir = mkdtempSync(join(tmpdir(), 'stats-'))
const crashFile = join(dir, 'crash-points')
const CENTER = DEMO_IDS.center
const INSTITUTE = 'u-qh-i01'
const STATION = DEMO_IDS.firstStation
const S01_PATH = [CENTER, INSTITUTE, STATION]

let t: TestCloud
beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    maxInstances: 4,
    freeze: true,
    functionEnv: { CRASH_POINTS_FILE: crashFile, SIGNIN_SECRET: 'test-only-signin-secret-0123456789abcdef' },
  })
  // one step per firing (so every run is sliced), a 3 s quiet wait between a scan and its apply, a new
  // run as soon as one finishes, no lease left by a killed firing (production: 40 s, 65 s, one run a
  // night, budget + 15 s)
  await t.cloud.db.insertMany(statsRepair.name, [
    { _id: 'settings', budgetMs: 1, quietMs: QUIET_MS, repeat: true, leaseMs: 1 },
  ])
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

function rangeOf(kind: PeriodKind, now: number): Range {
  if (kind === 'week') return weekRange(now)
  if (kind === 'month') return monthRange(now)
  const y = new Date(now + 8 * 3600_000).getUTCFullYear()
  return {
    start: new Date(Date.UTC(y, 0, 1) - 8 * 3600_000),
    end: new Date(Date.UTC(y + 1, 0, 1) - 8 * 3600_000),
  }
}

/**
 * The figures from the raw documents, by a plain scan (what the counters must equal): activities,
 * their counted check-ins and distinct attendees, confirmed service (and rated orders' records) with
 * distinct volunteers, orders by submission, ledger lines by kind.
 */
function recount(unitId: string, kind: PeriodKind, now: number): StatFigures {
  const { start, end } = rangeOf(kind, now)
  const inside = (d: Date | string) => new Date(d) >= start && new Date(d) < end
  const mine = <D extends { unitPath: string[] }>(docs: D[], at: (d: D) => Date | string) =>
    docs.filter((d) => d.unitPath.includes(unitId) && inside(at(d)))
  const acts = mine(t.cloud.db.find(activitiesSpec.name, {}) as unknown as ActivityDoc[], (a) => a.start)
  const confirmed = mine(
    t.cloud.db.find(serviceSpec.name, {}) as unknown as ServiceDoc[],
    (r) => r.activityStart,
  ).filter((r) => countsAsConfirmed(r.status, serviceSpec.orderIdOf(r.activityId) !== null))
  const lines = mine(t.cloud.db.find(creditLedger.name, {}) as unknown as LedgerLine[], (l) => l.at)
  const placed = mine(t.cloud.db.find(ordersSpec.name, {}) as unknown as OrderDoc[], (o) => o.submittedAt)
  const points = (k: keyof StatFigures) => lines.reduce((n, l) => n + (ledgerDelta(l)[k] ?? 0), 0)
  return {
    activities: acts.filter((a) => a.status === 'published').length,
    attendances: acts.reduce((n, a) => n + (a.attendedCount ?? 0), 0),
    serviceMinutes: confirmed.reduce((n, r) => n + (r.minutes ?? 0), 0),
    serviceSessions: confirmed.length,
    people: new Set(acts.flatMap((a) => a.attendees ?? [])).size,
    volunteers: new Set(confirmed.map((r) => r.openid)).size,
    ordersPlaced: placed.length,
    pointsIssued: points('pointsIssued'),
    pointsDeducted: points('pointsDeducted'),
    pointsRedeemed: points('pointsRedeemed'),
    pointsRefunded: points('pointsRefunded'),
  }
}

const QUIET_MS = 3000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Fired = {
  waiting: number
  leased: boolean
  more: boolean
  done: number
  total: number
  steps: Array<{ phase: string; report: Record<string, number> }>
}

/** Fires the stats timer until its run is done; answers every firing's answer. */
async function repairAll(max = 40): Promise<Fired[]> {
  const out: Fired[] = []
  for (let i = 0; i < max; i++) {
    const r = await t.cloud.fireTimer<Fired>('stats')
    out.push(r)
    if (r.leased && !r.more) return out
    if (r.steps?.length === 0) await sleep(500) // waiting for the quiet window
  }
  throw new Error(`the repair did not finish in ${max} firings: ${JSON.stringify(out.at(-1))}`)
}
const applied = (runs: Fired[], k: string) =>
  runs
    .flatMap((r) => r.steps ?? [])
    .filter((s) => s.phase === 'apply')
    .reduce((n, s) => n + (s.report[k] ?? 0), 0)

const report = (unitId: string, period: PeriodKind, now: number): Promise<StatsReport> =>
  t.as(DEMO_IDENTITIES.centerAdmin).ok('stats', 'report', { unitId, period, date: formatDate(now) })

async function expectExact(now: number): Promise<void> {
  for (const unitId of [CENTER, INSTITUTE, STATION]) {
    for (const period of ['week', 'month', 'year'] as const) {
      expect({ unitId, period, figures: (await report(unitId, period, now)).figures }).toEqual({
        unitId,
        period,
        figures: recount(unitId, period, now),
      })
    }
  }
}

it('counts exactly through live writes, kills between an attendance and its counter, and the repair', async () => {
  const now = Date.now()
  const a = activityDoc(
    {
      _id: 'stats-live-1',
      unitPath: S01_PATH,
      title: '统计测试活动',
      category: '理论宣讲',
      description: '测试',
      start: new Date(now - 5 * 60_000),
      end: new Date(now + 60 * 60_000),
      volunteerSlots: 2,
    },
    now,
  )
  // a second activity at the same station and hour: the same people coming again count once (人数)
  const b = { ...a, _id: 'stats-live-2', title: '统计测试活动二' }
  await t.cloud.db.insertMany(activitiesSpec.name, [a, b] as unknown as Record<string, unknown>[])
  const session = (openid: string, minutes: number): ServiceDoc =>
    ({
      _id: `${a._id}_${openid}`,
      activityId: a._id,
      activityTitle: a.title,
      unitId: STATION,
      unitName: a.unitName,
      unitPath: S01_PATH,
      activityStart: a.start,
      activityEnd: a.end,
      openid,
      name: '志愿者',
      signInAt: new Date(now - 4 * 60_000),
      signOutAt: new Date(now - 60_000),
      status: 'closed',
      minutes,
      autoClosed: false,
      locationOverride: false,
      distanceMeters: null,
      confirmedBy: null,
      confirmedAt: null,
      corrections: [],
      revision: 0,
    }) as ServiceDoc
  await t.cloud.db.insertMany(serviceSpec.name, [
    session('stats-vol-1', 45) as unknown as Record<string, unknown>,
    session('stats-vol-2', 30) as unknown as Record<string, unknown>,
  ])

  // the seed and the documents above were written without counters: the repair builds them
  const first = await repairAll()
  expect(applied(first, 'busy')).toBe(0)
  expect(applied(first, 'created')).toBeGreaterThan(0)
  await expectExact(now)

  // live writes: 4 check-ins, 2 killed after the count (before the counter), 1 after the record
  const checkIn = (p: string) => t.as(p).call('signin', 'checkIn', { activityId: a._id })
  for (const p of ['st-r1', 'st-r2', 'st-r3', 'st-r4'])
    await expect(checkIn(p)).resolves.toMatchObject({ ok: true })
  for (const p of ['st-k1', 'st-k2']) {
    await killedAt('checkin:after-count', () => checkIn(p))
    await expect(checkIn(p)).resolves.toMatchObject({ ok: true, data: { status: 'already' } }) // no double
  }
  await killedAt('checkin:after-insert', () => checkIn('st-k3'))
  await t.cloud.fireTimer('signin') // settles st-k3: counted once, counter bumped with it
  const before = (await report(STATION, 'week', now)).figures
  for (const p of ['st-r1', 'st-r2', 'st-r1']) await t.as(p).call('signin', 'checkIn', { activityId: b._id })
  const after = (await report(STATION, 'week', now)).figures
  expect([after.attendances - before.attendances, after.people - before.people]).toEqual([2, 0])
  // points: a manager's award (sent twice: one line) and a deduction, counted when their ledger
  // transaction commits
  const pointsBefore = (await report(STATION, 'month', now)).figures
  for (const [points, requestId] of [
    [30, 'st-award-1'],
    [-5, 'st-deduct-1'],
    [30, 'st-award-1'],
  ] as const)
    await t.as(DEMO_IDENTITIES.centerAdmin).ok('credit', 'adjust', {
      unitId: STATION,
      openid: DEMO_IDENTITIES.volunteer,
      points,
      reason: '统计测试加减分',
      requestId,
    })
  // hours: confirmed, confirmed again (no change), corrected upward, a second confirmed then corrected
  const manager = t.as(DEMO_IDENTITIES.stationManager)
  await manager.ok('signin', 'confirmHours', { recordId: `${a._id}_stats-vol-1` })
  await manager.ok('signin', 'confirmHours', { recordId: `${a._id}_stats-vol-1` })
  await t
    .as(DEMO_IDENTITIES.centerAdmin)
    .ok('signin', 'correctHours', { recordId: `${a._id}_stats-vol-1`, minutes: 60, reason: '提前到场布置' })
  await manager.ok('signin', 'correctHours', {
    recordId: `${a._id}_stats-vol-2`,
    minutes: 40,
    reason: '晚走十分钟',
  })

  const month = (await report(STATION, 'month', now)).figures
  const raw = recount(STATION, 'month', now)
  // exactly the two killed between write and counter: 2 人次 and 2 人数 short, nothing else off
  expect([raw.attendances - month.attendances, raw.people - month.people]).toEqual([2, 2])
  expect({ ...month, attendances: 0, people: 0 }).toEqual({ ...raw, attendances: 0, people: 0 })
  expect(month.serviceMinutes).toBe(60 + 40)
  expect([
    month.pointsIssued - pointsBefore.pointsIssued,
    month.pointsDeducted - pointsBefore.pointsDeducted,
  ]).toEqual([30, 5])

  const repaired = await repairAll()
  expect(applied(repaired, 'rewritten')).toBeGreaterThan(0)
  await expectExact(now)
  // a repair with nothing to mend rewrites nothing
  const again = await repairAll()
  expect(applied(again, 'rewritten') + applied(again, 'created')).toBe(0)
})

const attendeesOf = (id: string) =>
  ((t.cloud.db.find(activitiesSpec.name, { _id: id })[0] as unknown as ActivityDoc | undefined)?.attendees ??
    []) as string[]

it('the race: a bump held across the scan, and one landing between scan and apply, each count once', async () => {
  const now = Date.now()
  await repairAll()
  await expectExact(now)
  const checkIn = (p: string) => t.as(p).call('signin', 'checkIn', { activityId: 'stats-live-1' })

  // a check-in whose source (attendedCount, attendees) is written before the scan, its bump held after it
  writeFileSync(crashFile, 'hold:stats:before-bump')
  const held = checkIn('st-race-1')
  try {
    for (let i = 0; i < 100 && !attendeesOf('stats-live-1').includes('st-race-1'); i++) await sleep(50)
    expect(attendeesOf('stats-live-1')).toContain('st-race-1')
    const scan = await t.cloud.fireTimer<Fired>('stats')
    expect(scan.steps.map((x) => x.phase)).toEqual(['scan'])
    // within the quiet window the proposals wait (the held call could still land its bump)
    const early = await t.cloud.fireTimer<Fired>('stats')
    expect(early.steps.filter((x) => x.phase === 'apply')).toEqual([])
  } finally {
    writeFileSync(crashFile, '')
  }
  await expect(held).resolves.toMatchObject({ ok: true, data: { status: 'signed_in' } })
  // and a whole check-in after the scan, before the apply
  await expect(checkIn('st-race-2')).resolves.toMatchObject({ ok: true })

  const rest = await repairAll()
  expect(applied(rest, 'busy')).toBeGreaterThan(0) // the bumped documents were left alone
  await expectExact(now)
})

it('a repair killed after its scan or after its apply resumes and ends exact', async () => {
  const now = Date.now()
  await repairAll()
  // something to mend: a check-in killed between its count and its counters
  await killedAt('checkin:after-count', () =>
    t.as('st-crash-1').call('signin', 'checkIn', { activityId: 'stats-live-1' }),
  )
  expect(recount(STATION, 'week', now).people - (await report(STATION, 'week', now)).figures.people).toBe(1)
  for (const point of ['stats:repair-after-scan', 'stats:repair-after-apply']) {
    writeFileSync(crashFile, point)
    try {
      let killed = false
      for (let i = 0; i < 20 && !killed; i++) {
        killed = await t.cloud.fireTimer('stats').then(
          () => false,
          (err: Error) => /SIGKILL/.test(err.message),
        )
        if (!killed) await sleep(500)
      }
      expect(killed).toBe(true)
    } finally {
      writeFileSync(crashFile, '')
    }
    await repairAll()
    await expectExact(now)
  }
})

it('slices a run by center-year: one step a firing within the budget, resumed by the next firing', async () => {
  const now = Date.now()
  await repairAll()
  // a second center with a station and an activity, written without counters
  const c2 = { ...(t.cloud.db.find('units', { _id: CENTER })[0] as Record<string, unknown>) }
  const st2 = { ...(t.cloud.db.find('units', { _id: STATION })[0] as Record<string, unknown>) }
  await t.cloud.db.insertMany('units', [
    { ...c2, _id: 'stats-c2', name: '第二中心', parentId: null, ancestors: [], code: 'stats-c2' },
    {
      ...st2,
      _id: 'stats-c2-s1',
      name: '第二中心站',
      parentId: 'stats-c2',
      ancestors: ['stats-c2'],
      code: 'stats-c2-s1',
    },
  ])
  const a2 = activityDoc(
    {
      _id: 'stats-c2-a1',
      unitPath: ['stats-c2', 'stats-c2-s1'],
      title: '第二中心活动',
      category: '理论宣讲',
      description: '测试',
      start: new Date(now - 3600_000),
      end: new Date(now - 1800_000),
      volunteerSlots: 0,
    },
    now,
  )
  await t.cloud.db.insertMany(activitiesSpec.name, [
    { ...a2, attendedCount: 3, attendees: ['c2-p1', 'c2-p2', 'c2-p3'] } as unknown as Record<string, unknown>,
  ])
  const runs = await repairAll()
  const stepped = runs.filter((r) => r.steps?.length)
  expect(stepped.every((r) => r.steps.length === 1)).toBe(true) // the 1 ms budget: one step a firing
  const total = runs.at(-1)!.total
  expect(total).toBeGreaterThanOrEqual(2) // two centers (and, in January, two years each)
  expect(stepped).toHaveLength(2 * total) // a scan and an apply for each center-year
  expect(runs.slice(0, -1).every((r) => r.more)).toBe(true)
  await t.cloud.db.insertMany('users', [
    { _id: 'stats-c2-admin', grants: [{ role: 'manager', unitId: 'stats-c2' }] },
  ])
  for (const unitId of ['stats-c2', 'stats-c2-s1']) {
    const shown = await t
      .as('stats-c2-admin')
      .ok('stats', 'report', { unitId, period: 'year', date: formatDate(now) })
    expect(shown.figures).toEqual(recount(unitId, 'year', now))
    expect(shown.figures.people).toBe(3)
  }
  await expectExact(now)
})

it('a rated order is confirmed service once (a later confirm adds nothing); an order placed counts in its week', async () => {
  const now = Date.now()
  const { elder, volunteer, stationManager } = DEMO_IDENTITIES
  const before = (await report(CENTER, 'year', now)).figures
  const order = await t.as(elder).ok('orders', 'place', {
    requestId: `stats${now.toString(36)}`,
    category: '理发',
    wantedAt: now + 26 * 3600_000,
    where: 'home',
    address: '幸福里 3 号楼 2 单元 501',
    phone: '13800000001',
  })
  await t.as(stationManager).ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-06' })
  await t.as(volunteer).ok('orders', 'accept', { id: order._id })
  await t.as(volunteer).ok('orders', 'complete', { id: order._id, note: '理了平头', minutes: 40 })
  await t.as(elder).ok('orders', 'rate', { id: order._id, stars: 5, comment: '' })
  await t.as(elder).ok('orders', 'rate', { id: order._id, stars: 4, comment: '' }) // a changed rating: no new record
  const after = (await report(CENTER, 'year', now)).figures
  expect([
    after.ordersPlaced - before.ordersPlaced,
    after.serviceSessions - before.serviceSessions,
    after.serviceMinutes - before.serviceMinutes,
  ]).toEqual([1, 1, 40])
  const record = t.cloud.db.find(serviceSpec.name, {
    activityId: serviceSpec.orderActivityId(order._id),
  })[0] as unknown as ServiceDoc
  await t.as(DEMO_IDENTITIES.centerAdmin).ok('signin', 'confirmHours', { recordId: record._id })
  expect((await report(CENTER, 'year', now)).figures).toEqual(after)
  await expectExact(now)
  await repairAll()
  await expectExact(now)
})

it('an activity cancelled leaves the count of its month at once, once', async () => {
  const now = Date.now()
  const future = (
    t.cloud.db.find(activitiesSpec.name, { status: 'published' }) as unknown as ActivityDoc[]
  ).find((x) => x.unitPath.includes(STATION) && new Date(x.start).getTime() > now + 3600_000)
  expect(future).toBeDefined()
  const at = new Date(future!.start).getTime()
  const before = (await report(STATION, 'month', at)).figures.activities
  await t
    .as(DEMO_IDENTITIES.stationManager)
    .ok('activities', 'cancel', { id: future!._id, reason: '场地临时维修，改期另行通知' })
  await t
    .as(DEMO_IDENTITIES.stationManager)
    .ok('activities', 'cancel', { id: future!._id, reason: '场地临时维修，改期另行通知' })
  expect((await report(STATION, 'month', at)).figures.activities).toBe(before - 1)
  await expectExact(at)
})

it('ranks the children, each exact, and keeps managers to their subtree', async () => {
  const now = Date.now()
  const center = await report(CENTER, 'month', now)
  expect(center.children.length).toBeGreaterThan(1)
  for (const c of center.children) expect(c.figures).toEqual(recount(c.unitId, 'month', now))
  const keys = center.children.map((c) => [c.figures.attendances, c.figures.activities])
  expect(keys).toEqual([...keys].sort((x, y) => y[0]! - x[0]! || y[1]! - x[1]!))
  expect(center.months).toHaveLength(12)
  expect(center.orders).not.toBeNull()

  const station = t.as(DEMO_IDENTITIES.stationManager)
  await expect(
    station.call('stats', 'report', { unitId: CENTER, period: 'month', date: formatDate(now) }),
  ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  await expect(
    station.call('stats', 'report', { unitId: STATION, period: 'week', date: formatDate(now) }),
  ).resolves.toMatchObject({ ok: true })
  await expect(
    t
      .as(DEMO_IDENTITIES.resident)
      .call('stats', 'report', { unitId: STATION, period: 'week', date: formatDate(now) }),
  ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  await expect(
    station.call('stats', 'report', { unitId: STATION, period: 'month', date: '2026-13-01' }),
  ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { date: '日期不存在' } })
  expect(t.cloud.db.find(statsCounters.name, { unitId: STATION }).length).toBeGreaterThan(0)
})

it('exports the period as Excel through storage; the file read back equals the report', async () => {
  const now = Date.now()
  const input = { unitId: STATION, period: 'month' as const, date: formatDate(now) }
  const manager = t.as(DEMO_IDENTITIES.stationManager)
  const [shown, file] = await Promise.all([
    manager.ok('stats', 'report', input),
    manager.ok('stats', 'export', input),
  ])
  expect(file.url).toMatch(/^https?:\/\//)
  expect(file.name).toMatch(/统计\.xlsx$/)
  const res = await fetch(file.url!)
  expect(res.ok).toBe(true)
  const bytes = Buffer.from(await res.arrayBuffer())
  expect(bytes.length).toBe(file.bytes)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '下级单位', '活动', '志愿者', '点单'])

  const summary = new Map<string, unknown>()
  book.getWorksheet('汇总')!.eachRow((row, n) => {
    if (n > 1) summary.set(String(row.getCell(1).value), row.getCell(2).value)
  })
  expect(summary.get('单位')).toBe(shown.unit.name)
  expect(summary.get('活动场次')).toBe(shown.figures.activities)
  expect(summary.get('参与人次')).toBe(shown.figures.attendances)
  expect(summary.get('志愿服务人次')).toBe(shown.figures.serviceSessions)
  expect(summary.get('服务时长（分钟）')).toBe(shown.figures.serviceMinutes)
  expect(summary.get('点单数')).toBe(shown.orders!.placed)
  expect(summary.get('参与人数')).toBe(shown.figures.people)
  expect(summary.get('活跃志愿者')).toBe(shown.figures.volunteers)
  expect(summary.get('发放积分')).toBe(shown.figures.pointsIssued)

  // the listings agree with the figures: attendance column sums to 人次, volunteer minutes to 服务时长
  const activities = book.getWorksheet('活动')!
  expect(activities.getRow(1).values).toEqual([
    undefined,
    '活动名称',
    '举办单位',
    '类别',
    '开始时间',
    '结束时间',
    '状态',
    '报名人数',
    '签到人次',
  ])
  let attended = 0
  let held = 0
  activities.eachRow((row, n) => {
    if (n === 1) return
    attended += Number(row.getCell(8).value)
    if (row.getCell(6).value === '已发布') held++
  })
  expect(activities.rowCount - 1).toBe(file.rows.activities)
  expect(attended).toBe(shown.figures.attendances)
  expect(held).toBe(shown.figures.activities)
  let minutes = 0
  book.getWorksheet('志愿者')!.eachRow((row, n) => {
    if (n > 1) minutes += Number(row.getCell(3).value)
  })
  expect(minutes).toBe(shown.figures.serviceMinutes)

  await expect(manager.call('stats', 'export', { ...input, unitId: CENTER })).resolves.toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
})
