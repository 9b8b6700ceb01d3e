/**
 * The credit function through the real SDK: service → points under the rules, awards and deductions,
 * 爱心超市 redeem / hand over / cancel / expiry, and bad input answered with a code and nothing written.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { activities } from '../../../core/contract/activities.collections'
import {
  creditAccounts,
  creditLedger,
  creditStars,
  redemptions,
  shopItems,
} from '../../../core/contract/credit.collections'
import { volunteers, type VolunteerDoc } from '../../../core/contract/people.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { noticeEnd } from '../../../core/credit/stars'
import { formatDate } from '../../../core/time'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

const { stationManager, centerAdmin, volunteer, resident } = DEMO_IDENTITIES
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
const HOUR = 3_600_000

let t: TestCloud
type SdkDb = {
  collection(n: string): {
    doc(id: string): { update(o: { data: Record<string, unknown> }): Promise<unknown> }
  }
}
let db: SdkDb

beforeAll(async () => {
  t = await startTestCloud()
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
})

let serial = 0
const rid = () => `req${Date.now()}${++serial}`
const account = (openid: string) =>
  t.cloud.db.find(creditAccounts.name, { _id: openid })[0] as
    { balance: number; held: number; serviceMinutes: number } | undefined
const lines = (openid: string) => t.cloud.db.find(creditLedger.name, { openid })

/** Registers `openid` as a volunteer at home in the first station (adjust needs the person in the unit). */
async function enrol(openid: string, homeUnitPath: string[] = S01_PATH): Promise<string> {
  const number = `T${openid
    .replace(/[^a-z0-9]/gi, '')
    .slice(-10)
    .toUpperCase()}${++serial}`
  const doc: Partial<VolunteerDoc> = {
    _id: openid,
    number,
    name: '测试',
    homeUnitId: homeUnitPath.at(-1)!,
    homeUnitPath,
    homeUnitName: '测试站',
    centerId: homeUnitPath[0]!,
    status: 'active',
  }
  await t.cloud.db.insertMany(volunteers.name, [doc as Record<string, unknown>])
  return number
}

function record(over: Partial<ServiceDoc> & Pick<ServiceDoc, '_id' | 'activityId' | 'openid'>): ServiceDoc {
  const start = new Date(Date.now() - 5 * HOUR)
  return {
    activityTitle: '测试服务',
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: start,
    activityEnd: new Date(start.getTime() + 3 * HOUR),
    name: '测试',
    signInAt: start,
    signOutAt: new Date(start.getTime() + 150 * 60_000),
    status: 'confirmed',
    minutes: 150,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: 10,
    confirmedBy: stationManager,
    confirmedAt: new Date(),
    corrections: [],
    revision: 1,
    ...over,
  }
}

describe('service → points', () => {
  it('default rule: 2 h 30 min confirmed → 25 points, once however often the timer runs; a correction is a new line', async () => {
    const person = 'credit-svc-1'
    const a = activityDoc({ _id: 'credit-act-1', category: '科普', start: new Date(Date.now() - 5 * HOUR) })
    await t.cloud.db.insertMany(activities.name, [a as unknown as Record<string, unknown>])
    const r = record({ _id: `credit-act-1_${person}`, activityId: a._id, openid: person })
    await t.cloud.db.insertMany(serviceRecords.name, [r as unknown as Record<string, unknown>])

    await Promise.all([t.cloud.fireTimer('credit'), t.cloud.fireTimer('credit'), t.cloud.fireTimer('credit')])
    await t.cloud.fireTimer('credit')
    expect(lines(person)).toHaveLength(1)
    expect(lines(person)[0]).toMatchObject({ kind: 'service', points: 25, ruleId: `${DEMO_IDS.center}_v0` })
    expect(account(person)).toMatchObject({ balance: 25, serviceMinutes: 150 })

    // a manager corrects the hours to 3 h: the record is re-confirmed with a new revision
    await db
      .collection(serviceRecords.name)
      .doc(r._id)
      .update({ data: { minutes: 180, revision: 2, confirmedAt: new Date() } })
    await t.cloud.fireTimer('credit')
    await t.cloud.fireTimer('credit')
    const after = lines(person).sort((x, y) => String(x._id).localeCompare(String(y._id)))
    expect(after.map((l) => l.points)).toEqual([25, 5])
    expect(after[1]!.explanation).toContain('时长更正')
    expect(account(person)).toMatchObject({ balance: 30, serviceMinutes: 180 })

    const mine = await t.as(person).ok('credit', 'mine', {})
    expect(mine).toMatchObject({ balance: 30, held: 0, serviceHours: 3 })
    expect(mine.lines.map((l) => l.balanceAfter)).toEqual([30, 25])
  })

  it("a center's new rule version counts service from its date; older lines keep theirs", async () => {
    const today = formatDate(Date.now())
    const saved = await t.as(centerAdmin).ok('credit', 'saveRule', {
      centerId: DEMO_IDS.center,
      effectiveFrom: today,
      scale: [{ fromHours: 0, points: 20, hours: 1 }],
      capPerActivity: 30,
      capPerDay: null,
      categoryPercent: { 科普: 50 },
    })
    expect(saved.rule.version).toBe(1)
    const person = 'credit-svc-2'
    const start = new Date(Math.max(Date.now() - 5 * HOUR, new Date(`${today}T00:00:00+08:00`).getTime()))
    const a = activityDoc({ _id: 'credit-act-2', category: '科普', start })
    await t.cloud.db.insertMany(activities.name, [a as unknown as Record<string, unknown>])
    await t.cloud.db.insertMany(serviceRecords.name, [
      record({
        _id: `credit-act-2_${person}`,
        activityId: a._id,
        openid: person,
        activityStart: start,
        minutes: 240,
      }),
    ] as unknown as Record<string, unknown>[])
    await t.cloud.fireTimer('credit')
    // 4 h × 20 = 80, 科普 50% → 40, activity cap 30
    expect(lines(person)[0]).toMatchObject({ points: 30, ruleId: `${DEMO_IDS.center}_v1` })
    // the first test's line still names version 0
    expect(lines('credit-svc-1')[0]).toMatchObject({ ruleId: `${DEMO_IDS.center}_v0` })

    const read = await t.as(stationManager).ok('credit', 'rules', { centerId: DEMO_IDS.center })
    expect(read.current.version).toBe(1)
    // a station manager cannot change the center's rules; a past date is refused
    await expect(
      t.as(stationManager).call('credit', 'saveRule', { ...saved.rule, capPerActivity: null }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(centerAdmin).call('credit', 'saveRule', { ...saved.rule, effectiveFrom: '2020-01-01' }),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('manual awards and deductions', () => {
  it('a manager awards with a reason, once per request; never to themself; not below zero', async () => {
    const requestId = rid()
    const input = {
      unitId: DEMO_IDS.firstStation,
      openid: volunteer,
      points: 50,
      reason: '表现突出',
      requestId,
    }
    const [a, b] = await Promise.all([
      t.as(stationManager).ok('credit', 'adjust', input),
      t.as(stationManager).ok('credit', 'adjust', input),
    ])
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true])
    expect(lines(volunteer).filter((l) => l.sourceId === `adj_${stationManager}_${requestId}`)).toHaveLength(
      1,
    )
    const balance = account(volunteer)!.balance

    const self = await t
      .as(stationManager)
      .call('credit', 'adjust', { ...input, openid: stationManager, requestId: rid() })
    expect(self).toMatchObject({
      ok: false,
      code: 'SELF_AWARD',
      message: '不能给自己加减积分，请由其他专管员办理',
    })
    const over = await t
      .as(stationManager)
      .call('credit', 'adjust', { ...input, points: -(balance + 1), reason: '扣分测试', requestId: rid() })
    expect(over).toMatchObject({ ok: false, code: 'INSUFFICIENT_POINTS' })
    const zero = await t
      .as(stationManager)
      .call('credit', 'adjust', { ...input, points: 0, requestId: rid() })
    expect(zero).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const noReason = await t
      .as(stationManager)
      .call('credit', 'adjust', { ...input, reason: '', requestId: rid() })
    expect(noReason).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // another station's unit: out of scope
    const elsewhere = await t
      .as(stationManager)
      .call('credit', 'adjust', { ...input, unitId: 'u-qh-s02', requestId: rid() })
    expect(elsewhere).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(account(volunteer)!.balance).toBe(balance)
    expect(t.cloud.db.find(creditLedger.name, { reason: '扣分测试' })).toHaveLength(0)
  })

  it("only a person of the unit's subtree: found by volunteer number; another station's volunteer is refused, nothing written", async () => {
    const outsider = 'credit-adj-outsider'
    const number = await enrol(outsider, [DEMO_IDS.center, 'u-qh-i01', 'u-qh-s02'])
    const refused = await t.as(stationManager).call('credit', 'adjust', {
      unitId: DEMO_IDS.firstStation,
      volunteerNumber: number,
      points: 20,
      reason: '不属于本站',
      requestId: rid(),
    })
    expect(refused).toMatchObject({ ok: false, code: 'NOT_IN_UNIT' })
    expect(refused.ok ? '' : refused.message).toContain('不属于')
    // by openid as well
    await expect(
      t.as(stationManager).call('credit', 'adjust', {
        unitId: DEMO_IDS.firstStation,
        openid: outsider,
        points: 20,
        reason: '不属于本站',
        requestId: rid(),
      }),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_IN_UNIT' })
    expect(lines(outsider)).toHaveLength(0)
    expect(account(outsider)).toBeUndefined()
    // the center's admin manages both stations: allowed under the center
    const ok = await t.as(centerAdmin).ok('credit', 'adjust', {
      unitId: DEMO_IDS.center,
      volunteerNumber: number,
      points: 20,
      reason: '中心奖励',
      requestId: rid(),
    })
    expect(ok.line.points).toBe(20)
    // an unknown number, and neither number nor person
    await expect(
      t.as(stationManager).call('credit', 'adjust', {
        unitId: DEMO_IDS.firstStation,
        volunteerNumber: 'NO-SUCH-NUMBER',
        points: 5,
        reason: '测试',
        requestId: rid(),
      }),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await expect(
      t.as(stationManager).call('credit', 'adjust', {
        unitId: DEMO_IDS.firstStation,
        points: 5,
        reason: '测试',
        requestId: rid(),
      }),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('爱心超市', () => {
  async function newItem(price: number, stock: number, title = '洗衣液') {
    return (
      await t
        .as(stationManager)
        .ok('credit', 'saveItem', { unitId: DEMO_IDS.firstStation, title, price, stock })
    ).item
  }
  async function fund(openid: string, points: number) {
    await t.as(openid).ok('credit', 'mine', {}) // the first call creates their users record
    await enrol(openid)
    await t.as(centerAdmin).ok('credit', 'adjust', {
      unitId: DEMO_IDS.center,
      openid,
      points,
      reason: '测试充值',
      requestId: rid(),
    })
  }

  it('refuses a negative price or stock, and a resident editing', async () => {
    const bad = await t
      .as(stationManager)
      .call('credit', 'saveItem', { unitId: DEMO_IDS.firstStation, title: '毛巾', price: -5, stock: 3 })
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { price: '所需积分不能小于 1' } })
    const badStock = await t
      .as(stationManager)
      .call('credit', 'saveItem', { unitId: DEMO_IDS.firstStation, title: '毛巾', price: 5, stock: -1 })
    expect(badStock).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const byResident = await t
      .as(resident)
      .call('credit', 'saveItem', { unitId: DEMO_IDS.firstStation, title: '毛巾', price: 5, stock: 3 })
    expect(byResident).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(t.cloud.db.find(shopItems.name, { title: '毛巾' })).toHaveLength(0)
  })

  it('redeem holds the points and issues a code; two managers scanning at once hand it over once', async () => {
    const person = 'credit-shop-1'
    await fund(person, 100)
    const item = await newItem(30, 5)
    const listed = await t.as(person).ok('credit', 'items', { unitId: DEMO_IDS.firstStation })
    expect(listed.items.map((i) => i._id)).toContain(item._id)

    const requestId = rid()
    const [r1, r2] = await Promise.all([
      t.as(person).ok('credit', 'redeem', { itemId: item._id, requestId }),
      t.as(person).ok('credit', 'redeem', { itemId: item._id, requestId }),
    ])
    expect(r1.redemption._id).toBe(r2.redemption._id)
    expect(r1.redemption).toMatchObject({ status: 'held', price: 30 })
    expect(`p=${r1.redemption.code}`.length).toBeLessThanOrEqual(32)
    // the QR image on the person's page decodes to the scene the manager's scan expects
    const png = PNG.sync.read(
      Buffer.from(r1.redemption.qr!.replace(/^data:image\/png;base64,/, ''), 'base64'),
    )
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`p=${r1.redemption.code}`)
    expect(r1.redemption.qr!.length).toBeLessThan(3000)
    expect(account(person)).toMatchObject({ balance: 70, held: 30 })
    expect(t.cloud.db.find(shopItems.name, { _id: item._id })[0]).toMatchObject({ stock: 4 })

    const scans = await Promise.all([
      t.as(stationManager).call('credit', 'handOver', { code: `p=${r1.redemption.code}` }),
      t.as(centerAdmin).call('credit', 'handOver', { code: r1.redemption.code }),
    ])
    expect(scans.filter((s) => s.ok)).toHaveLength(1)
    expect(scans.find((s) => !s.ok)).toMatchObject({
      ok: false,
      code: 'CODE_USED',
      message: '这个取货码已经领取过了',
    })
    expect(account(person)).toMatchObject({ balance: 70, held: 0 })
    expect(t.cloud.db.find(shopItems.name, { _id: item._id })[0]).toMatchObject({
      stock: 4,
      handedOut: 1,
      claims: [],
    })
    // a manager of another station cannot hand over this station's goods
    const r3 = await t.as(person).ok('credit', 'redeem', { itemId: item._id, requestId: rid() })
    const stranger = await t.as(resident).call('credit', 'handOver', { code: r3.redemption.code })
    expect(stranger).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(t.as(stationManager).call('credit', 'handOver', { code: 'p=AAAA' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  it('redeeming more than the balance is refused with nothing written', async () => {
    const person = 'credit-shop-2'
    await fund(person, 10)
    const item = await newItem(30, 5, '电饭煲')
    const res = await t.as(person).call('credit', 'redeem', { itemId: item._id, requestId: rid() })
    expect(res).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_POINTS',
      message: '积分不足：可用 10 分，「电饭煲」需要 30 分',
    })
    expect(account(person)).toMatchObject({ balance: 10, held: 0 })
    expect(t.cloud.db.find(redemptions.name, { openid: person })).toHaveLength(0)
    expect(t.cloud.db.find(shopItems.name, { _id: item._id })[0]).toMatchObject({ stock: 5, claims: [] })
  })

  it('cancel returns points and stock; a cancelled or expired code cannot be handed over; expiry refunds', async () => {
    const person = 'credit-shop-3'
    await fund(person, 100)
    const item = await newItem(40, 2, '雨伞')
    const r = (await t.as(person).ok('credit', 'redeem', { itemId: item._id, requestId: rid() })).redemption
    const cancelled = await t.as(person).ok('credit', 'cancel', { id: r._id })
    expect(cancelled.redemption.status).toBe('cancelled')
    expect(cancelled.redemption.qr).toBeNull()
    expect(account(person)).toMatchObject({ balance: 100, held: 0 })
    expect(t.cloud.db.find(shopItems.name, { _id: item._id })[0]).toMatchObject({ stock: 2, claims: [] })
    await expect(t.as(stationManager).call('credit', 'handOver', { code: r.code })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_CANCELLED',
    })
    await expect(t.as(person).call('credit', 'cancel', { id: r._id })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_CANCELLED',
    })
    // someone else's redemption is not found
    await expect(t.as(resident).call('credit', 'cancel', { id: r._id })).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })

    const late = (await t.as(person).ok('credit', 'redeem', { itemId: item._id, requestId: rid() }))
      .redemption
    await db
      .collection(redemptions.name)
      .doc(late._id)
      .update({ data: { expiresAt: new Date(Date.now() - 1000) } })
    await expect(t.as(stationManager).call('credit', 'handOver', { code: late.code })).resolves.toMatchObject(
      {
        ok: false,
        code: 'CODE_EXPIRED',
      },
    )
    const report = await t.cloud.fireTimer<{ expired: number }>('credit')
    expect(report.expired).toBeGreaterThanOrEqual(1)
    expect(account(person)).toMatchObject({ balance: 100, held: 0 })
    expect(t.cloud.db.find(shopItems.name, { _id: item._id })[0]).toMatchObject({ stock: 2, claims: [] })
    const kinds = lines(person).map((l) => `${l.kind}:${l.points}`)
    expect(kinds.sort()).toEqual(['award:100', 'redeem:-40', 'redeem:-40', 'refund:40', 'refund:40'])
  })
})

describe('晾榜', () => {
  it("a unit's month: masked names, ties written, a person who hides is left out", async () => {
    const S02_PATH = [DEMO_IDS.center, 'u-qh-i01', 'u-qh-s02']
    const people: Array<[string, string, number]> = [
      ['board-a', '张三明', 60],
      ['board-b', '李四', 60],
      ['board-c', '王五', 120],
    ]
    await t.cloud.db.insertMany(
      serviceRecords.name,
      people.map(([openid, name, minutes]) =>
        record({
          _id: `board-act_${openid}`,
          activityId: 'board-act',
          openid,
          name,
          minutes,
          unitId: 'u-qh-s02',
          unitName: '文昌社区新时代文明实践站',
          unitPath: S02_PATH,
        }),
      ) as unknown as Record<string, unknown>[],
    )
    await t.cloud.fireTimer('credit')
    const month = formatDate(Date.now()).slice(0, 7)
    const board = await t.as(resident).ok('credit', 'board', { unitId: 'u-qh-s02', month })
    // the points are whatever the rule in force gave (an earlier test saves version 1 from today)
    const pts = (o: string) => account(o)!.balance
    expect(pts('board-c')).toBeGreaterThan(pts('board-a'))
    expect(pts('board-a')).toBe(pts('board-b'))
    expect(board.rows).toEqual([
      { rank: 1, rankText: '第 1 名', name: '王*', points: pts('board-c') },
      { rank: 2, rankText: '并列第 2 名', name: '张*明', points: pts('board-a') },
      { rank: 2, rankText: '并列第 2 名', name: '李*', points: pts('board-b') },
    ])
    await t.as('board-c').ok('credit', 'setBoardVisibility', { hidden: true })
    const after = await t.as('board-c').ok('credit', 'board', { unitId: 'u-qh-s02', month })
    expect(after.hidden).toBe(true)
    expect(after.rows.map((r) => `${r.rankText}:${r.name}`)).toEqual(['并列第 1 名:张*明', '并列第 1 名:李*'])
    expect(account('board-c')!.balance).toBe(board.rows[0]!.points)
    // the institute's board reaches its stations; another month is empty; a bad month is refused
    const institute = await t.as(resident).ok('credit', 'board', { unitId: 'u-qh-i01', month })
    expect(institute.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['张*明', '李*']))
    expect(
      (await t.as(resident).ok('credit', 'board', { unitId: 'u-qh-s02', month: '2020-01' })).rows,
    ).toEqual([])
    await expect(
      t.as(resident).call('credit', 'board', { unitId: 'u-qh-s02', month: '2026-13' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })
})

describe('星级志愿者', () => {
  it('crossing 100 h queues a star once; one manager approves (公示), then the timer awards it', async () => {
    const person = 'star-1'
    await t.as(person).ok('credit', 'mine', {}) // creates their users record, not an account
    // 99 h already counted
    await t.cloud.db.insertMany(creditAccounts.name, [
      {
        _id: person,
        balance: 0,
        held: 0,
        earned: 0,
        serviceMinutes: 99 * 60,
        servicePointsByDay: {},
        lines: 0,
        updatedAt: new Date(),
      },
    ])
    const r = record({
      _id: `star-act_${person}`,
      activityId: 'star-act',
      openid: person,
      name: '周星星',
      minutes: 120,
    })
    await t.cloud.db.insertMany(serviceRecords.name, [r as unknown as Record<string, unknown>])
    await t.cloud.fireTimer('credit')
    await t.cloud.fireTimer('credit')
    expect(t.cloud.db.find(creditStars.name, { openid: person })).toHaveLength(1)

    const queue = await t.as(stationManager).ok('credit', 'starQueue', {})
    const star = queue.stars.find((s) => s._id === `${person}_1`)
    expect(star).toMatchObject({ name: '周*星', level: 1, hours: 100, status: 'pending' })
    // outside the unit: not in the queue, cannot decide
    expect((await t.as(resident).call('credit', 'starQueue', {})).ok).toBe(false)
    const decisions = await Promise.all([
      t.as(stationManager).call('credit', 'decideStar', { id: star!._id, approve: true }),
      t.as(centerAdmin).call('credit', 'decideStar', { id: star!._id, approve: true }),
    ])
    expect(decisions.filter((d) => d.ok)).toHaveLength(1)
    expect(decisions.find((d) => !d.ok)).toMatchObject({ code: 'ALREADY_DECIDED' })
    // the 公示 is not over: not awarded yet
    await t.cloud.fireTimer('credit')
    expect((await t.as(person).ok('credit', 'mine', {})).stars).toBe(0)
    await db
      .collection(creditStars.name)
      .doc(star!._id)
      .update({ data: { noticeEndsAt: new Date(Date.now() - 1000) } })
    await t.cloud.fireTimer('credit')
    expect((await t.as(person).ok('credit', 'mine', {})).stars).toBe(1)
    expect(t.cloud.db.find(creditStars.name, { _id: star!._id })[0]).toMatchObject({ status: 'awarded' })
  })

  it("a center's own thresholds, 公示 length and calendar: reached stars queue, 公示 ends by its working days", async () => {
    const before = await t.as(stationManager).ok('credit', 'starSettings', { centerId: DEMO_IDS.center })
    expect(before.settings).toMatchObject({
      isDefault: true,
      starHours: [100, 300, 600, 1000, 1500],
      noticeWorkingDays: 5,
      officialYears: [2025, 2026],
    })
    expect(before.settings.holidays).toContain('2026-10-01')
    expect(before.settings.workdays).toContain('2026-10-10')

    const base = {
      centerId: DEMO_IDS.center,
      starHours: [50, 100, 600, 1000, 1500],
      noticeWorkingDays: 3,
      holidays: ['2030-01-02'],
      workdays: ['2030-01-05'],
    }
    // a station's manager cannot; bad thresholds or calendar are refused, nothing written
    await expect(t.as(stationManager).call('credit', 'saveStarSettings', base)).resolves.toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const descending = await t
      .as(centerAdmin)
      .call('credit', 'saveStarSettings', { ...base, starHours: [100, 50, 600, 1000, 1500] })
    expect(descending).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { starHours: expect.any(String) },
    })
    const weekdayWork = await t
      .as(centerAdmin)
      .call('credit', 'saveStarSettings', { ...base, workdays: ['2030-01-04'] })
    expect(weekdayWork).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(weekdayWork.ok ? '' : weekdayWork.message).toContain('不是周末')
    await expect(
      t.as(centerAdmin).call('credit', 'saveStarSettings', { ...base, noticeWorkingDays: 0 }),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(
      (await t.as(stationManager).ok('credit', 'starSettings', { centerId: DEMO_IDS.center })).settings
        .isDefault,
    ).toBe(true)

    // tomorrow is a day off in this center's calendar
    const tomorrow = formatDate(Date.now() + 86_400_000)
    const saved = await t
      .as(centerAdmin)
      .ok('credit', 'saveStarSettings', { ...base, holidays: [tomorrow], workdays: [] })
    expect(saved.settings).toMatchObject({
      isDefault: false,
      starHours: base.starHours,
      holidays: [tomorrow],
    })

    // 120 h already counted under the old 100 h threshold (no star queued yet): one more hour reaches
    // stars 1 and 2 under the lowered thresholds, each queued once
    const person = 'star-2'
    await t.cloud.db.insertMany(creditAccounts.name, [
      {
        _id: person,
        balance: 0,
        held: 0,
        earned: 0,
        serviceMinutes: 120 * 60,
        servicePointsByDay: {},
        lines: 0,
        updatedAt: new Date(),
      },
    ])
    const r = record({
      _id: `star-act2_${person}`,
      activityId: 'star-act2',
      openid: person,
      name: '吴星',
      minutes: 60,
    })
    await t.cloud.db.insertMany(serviceRecords.name, [r as unknown as Record<string, unknown>])
    await t.cloud.fireTimer('credit')
    await t.cloud.fireTimer('credit')
    const queued = t.cloud.db.find(creditStars.name, { openid: person })
    expect(queued.map((s) => `${s.level}:${s.hours}`).sort()).toEqual(['1:50', '2:100'])

    const at = Date.now()
    const approved = await t
      .as(stationManager)
      .ok('credit', 'decideStar', { id: `${person}_2`, approve: true })
    const expected = (ms: number) =>
      noticeEnd(new Date(ms), 3, { holidays: [tomorrow], workdays: [] }).getTime()
    expect([expected(at), expected(Date.now())]).toContain(approved.star.noticeEndsAt)
    const queue = await t.as(stationManager).ok('credit', 'starQueue', {})
    const statuses = queue.stars.map((s) => `${s._id}:${s.status}`)
    expect(statuses).toEqual(
      expect.arrayContaining([`${person}_1:pending`, `${person}_2:publicizing`, 'star-1_1:awarded']),
    )
    // pending first
    expect(queue.stars[0]!.status).toBe('pending')
  })
})
