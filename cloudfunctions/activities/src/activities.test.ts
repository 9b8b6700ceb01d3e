import type { ActivityListItem, InputOf } from '../../../core/contract'
import type { Activity } from '../../../core/domain'
import { startTestCloud, type TestCloud } from '../../../core/server/testing/function-cloud'
import { weekKey } from '../../../core/time'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

const { resident, elder, volunteer, stationManager, centerAdmin } = DEMO_IDENTITIES
const HOUR = 3_600_000
const DAY = 24 * HOUR

let serial = 0
/** An activity stored directly, in any state (times relative to the real clock: see feature-common). */
async function stored(over: Partial<Activity & { registrants: string[] }> = {}): Promise<string> {
  const now = Date.now()
  const _id = `test-act-${++serial}`
  const unitId = over.unitId ?? DEMO_IDS.firstStation
  await t.cloud.db.insertMany('activities', [
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
      start: new Date(now + 2 * DAY),
      end: new Date(now + 2 * DAY + 2 * HOUR),
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
      createdBy: stationManager,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      ...over,
    },
  ])
  return _id
}

function activityDoc(id: string): Activity & { registrants: string[] } {
  return t.cloud.db.find('activities', { _id: id })[0] as unknown as Activity & { registrants: string[] }
}

type CreateInput = InputOf<'activities', 'create'>
function draft(over: Partial<CreateInput> = {}): CreateInput {
  const start = Date.now() + 3 * DAY
  return {
    unitId: DEMO_IDS.firstStation,
    title: '冬季用电安全讲座',
    category: '科普',
    description: '电工师傅讲解冬季取暖用电安全。',
    place: '党群服务中心一楼大厅',
    start,
    end: start + 90 * 60_000,
    registrationRequired: true,
    capacity: 30,
    volunteerSlots: 2,
    theme: null,
    practiceDay: false,
    coverFileId: null,
    contactPhone: '0536-7211001',
    ...over,
  }
}

describe('listWeek', () => {
  it("lists a station's week with compact items and the neighbouring weeks", async () => {
    const week = weekKey(Date.now())
    const res = await t
      .as(elder)
      .ok('activities', 'listWeek', { scope: { kind: 'unit', unitId: DEMO_IDS.firstStation } })
    expect(res.week.start).toBe(week)
    expect(res.week.next).toBe(weekKey(Date.now(), 1))
    expect(res.week.prev).toBe(weekKey(Date.now(), -1))
    expect(res.scope).toMatchObject({
      kind: 'unit',
      name: '幸福里社区新时代文明实践站',
      phone: '0536-7211001',
    })
    expect(res.items.length).toBeGreaterThanOrEqual(4)
    const starts = res.items.map((i) => i.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    for (const item of res.items) {
      expect(item.unitId).toBe(DEMO_IDS.firstStation)
      expect(Object.keys(item).sort()).toEqual(
        [
          '_id',
          'title',
          'category',
          'unitId',
          'unitName',
          'place',
          'start',
          'end',
          'status',
          'registrationRequired',
          'capacity',
          'registeredCount',
          'practiceDay',
        ].sort(),
      )
    }
    expect(res.items.some((i) => i.status === 'cancelled')).toBe(true)
    expect(JSON.stringify(res).length).toBeLessThan(400 * res.items.length + 600)
  })

  it('moves to next week by any date of it', async () => {
    const next = weekKey(Date.now(), 1)
    const res = await t.as(elder).ok('activities', 'listWeek', {
      scope: { kind: 'unit', unitId: DEMO_IDS.firstStation },
      week: next,
    })
    expect(res.week.start).toBe(next)
    const monday = Date.parse(`${next}T00:00:00+08:00`)
    expect(res.items.length).toBeGreaterThanOrEqual(4)
    expect(res.items.every((i) => i.start >= monday && i.start < monday + 7 * DAY)).toBe(true)
  })

  it('includes the stations under an institute', async () => {
    const res = await t
      .as(resident)
      .ok('activities', 'listWeek', { scope: { kind: 'unit', unitId: 'u-qh-i03' } })
    const units = new Set(res.items.map((i) => i.unitId))
    expect(units.size).toBeGreaterThan(1)
    for (const id of units) expect(['u-qh-s09', 'u-qh-s10', 'u-qh-s11', 'u-qh-s12']).toContain(id)
  })

  it('lists the 15-minute circle: only the stations and points within the radius', async () => {
    const res = await t.as(resident).ok('activities', 'listWeek', {
      scope: { kind: 'nearby', ...DEMO_CENTER_COORDS },
    })
    if (res.scope.kind !== 'nearby') throw new Error('expected the nearby scope')
    const near = new Set(res.scope.stations.map((s) => s._id))
    expect(near.has(DEMO_IDS.firstStation)).toBe(true)
    expect(near.has('u-qh-s09')).toBe(false)
    expect(res.items.length).toBeGreaterThan(0)
    for (const item of res.items) expect(near.has(item.unitId)).toBe(true)
    const far = await t.as(resident).ok('activities', 'listWeek', {
      scope: { kind: 'nearby', latitude: 39.9, longitude: 116.4 },
    })
    expect(far.items).toEqual([])
  })

  it('says plainly when the station does not exist, and checks the week', async () => {
    const res = await t
      .as(resident)
      .call('activities', 'listWeek', { scope: { kind: 'unit', unitId: 'u-nope' } })
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const bad = await t.as(resident).call('activities', 'listWeek', {
      scope: { kind: 'unit', unitId: DEMO_IDS.firstStation },
      week: '11/25',
    })
    expect(bad).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { week: '日期格式应为 YYYY-MM-DD' },
    })
  })
})

describe('get', () => {
  it('answers what a person needs to go: time, place, address, phones, places, my registration', async () => {
    const id = await stored({ description: '带上老花镜', registeredCount: 1, registrants: [volunteer] })
    const res = await t.as(elder).ok('activities', 'get', { id })
    expect(res.activity).toMatchObject({
      _id: id,
      description: '带上老花镜',
      place: '活动室',
      unitAddress: '城关街道幸福里社区党群服务中心',
      unitPhone: '0536-7211001',
      contactPhone: '0536-7211001',
      capacity: 10,
      registeredCount: 1,
      coverUrl: null,
    })
    expect(res.activity).not.toHaveProperty('registrants')
    expect(res.registered).toBe(false)
    expect(res.canManage).toBe(false)
    expect((await t.as(volunteer).ok('activities', 'get', { id })).registered).toBe(true)
    expect((await t.as(stationManager).ok('activities', 'get', { id })).canManage).toBe(true)
    expect((await t.as(centerAdmin).ok('activities', 'get', { id })).canManage).toBe(true)
  })

  it('says plainly when the activity does not exist', async () => {
    const res = await t.as(elder).call('activities', 'get', { id: 'nope' })
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到这个活动，可能已被删除' })
  })
})

describe('register and withdraw', () => {
  it('registers once per person, idempotently, and records the registration', async () => {
    const id = await stored()
    const first = await t.as(elder).ok('activities', 'register', { id })
    expect(first).toEqual({ registered: true, registeredCount: 1, capacity: 10, unchanged: false })
    const again = await t.as(elder).ok('activities', 'register', { id })
    expect(again).toMatchObject({ registered: true, registeredCount: 1, unchanged: true })
    expect(activityDoc(id)).toMatchObject({ registeredCount: 1, registrants: [elder] })
    expect(t.cloud.db.find('registrations', { activityId: id })).toEqual([
      expect.objectContaining({
        _id: `${id}_${elder}`,
        openid: elder,
        status: 'registered',
        cancelNotice: null,
      }),
    ])
    expect((await t.as(elder).ok('activities', 'get', { id })).registered).toBe(true)
  })

  it('withdraws before the start, frees the place, and can register again', async () => {
    const id = await stored()
    await t.as(elder).ok('activities', 'register', { id })
    const out = await t.as(elder).ok('activities', 'withdraw', { id })
    expect(out).toMatchObject({ registered: false, registeredCount: 0, unchanged: false })
    expect(await t.as(elder).ok('activities', 'withdraw', { id })).toMatchObject({ unchanged: true })
    expect(activityDoc(id)).toMatchObject({ registeredCount: 0, registrants: [] })
    expect(t.cloud.db.find('registrations', { _id: `${id}_${elder}` })[0]).toMatchObject({
      status: 'withdrawn',
    })
    expect(await t.as(elder).ok('activities', 'register', { id })).toMatchObject({ registeredCount: 1 })
    expect(t.cloud.db.find('registrations', { _id: `${id}_${elder}` })[0]).toMatchObject({
      status: 'registered',
      withdrawnAt: null,
    })
  })

  it('refuses in words when full, cancelled, not needed, started or ended', async () => {
    const full = await stored({ capacity: 2, registeredCount: 2, registrants: ['x1', 'x2'] })
    const cancelled = await stored({ status: 'cancelled', cancelReason: '下雨' })
    const free = await stored({ registrationRequired: false, capacity: null })
    const started = await stored({ start: new Date(Date.now() - HOUR), end: new Date(Date.now() + HOUR) })
    const ended = await stored({ start: new Date(Date.now() - 3 * HOUR), end: new Date(Date.now() - HOUR) })
    const caller = t.as(resident)
    expect(await caller.call('activities', 'register', { id: full })).toMatchObject({
      ok: false,
      code: 'ACTIVITY_FULL',
      message: '名额已满，下次早点来报名',
    })
    expect(await caller.call('activities', 'register', { id: cancelled })).toMatchObject({
      ok: false,
      code: 'ACTIVITY_CANCELLED',
    })
    expect(await caller.call('activities', 'register', { id: free })).toMatchObject({
      ok: false,
      code: 'REGISTRATION_CLOSED',
      message: '这个活动无需报名，到时直接参加即可',
    })
    expect(await caller.call('activities', 'register', { id: started })).toMatchObject({
      ok: false,
      code: 'REGISTRATION_CLOSED',
      message: '活动已经开始，不能再报名',
    })
    expect(await caller.call('activities', 'register', { id: ended })).toMatchObject({
      ok: false,
      code: 'REGISTRATION_CLOSED',
    })
    expect(activityDoc(full).registeredCount).toBe(2)
  })

  it('does not let a registration be withdrawn once the activity has started', async () => {
    const id = await stored({
      start: new Date(Date.now() - HOUR),
      end: new Date(Date.now() + HOUR),
      registeredCount: 1,
      registrants: [elder],
    })
    expect(await t.as(elder).call('activities', 'withdraw', { id })).toMatchObject({
      ok: false,
      code: 'REGISTRATION_CLOSED',
    })
    expect(activityDoc(id).registeredCount).toBe(1)
  })

  it('repairs a registration record missing after a crash between the two writes', async () => {
    const id = await stored({ registeredCount: 1, registrants: [elder] })
    expect(t.cloud.db.find('registrations', { activityId: id })).toHaveLength(0)
    expect(await t.as(elder).ok('activities', 'register', { id })).toMatchObject({ unchanged: true })
    expect(t.cloud.db.find('registrations', { activityId: id })).toHaveLength(1)
    expect(activityDoc(id).registeredCount).toBe(1)
  })

  it('gives exactly 50 of 500 people registering at once a place', async () => {
    const id = await stored({ capacity: 50 })
    // Start every instance first: ten cold starts at once on a small machine can exceed the 5 s timeout.
    await Promise.all(Array.from({ length: 10 }, () => t.as(resident).ok('activities', 'get', { id })))
    const people = Array.from({ length: 500 }, (_, i) => `rush-${i}`)
    const results = await Promise.all(people.map((p) => t.as(p).call('activities', 'register', { id })))
    const ok = results.filter((r) => r.ok)
    const full = results.filter((r) => !r.ok && r.code === 'ACTIVITY_FULL')
    expect(ok).toHaveLength(50)
    expect(full).toHaveLength(450)
    const doc = activityDoc(id)
    expect(doc.registeredCount).toBe(50)
    expect(new Set(doc.registrants).size).toBe(50)
    const regs = t.cloud.db.find('registrations', { activityId: id, status: 'registered' })
    expect(regs).toHaveLength(50)
    expect(new Set(regs.map((r) => r.openid))).toEqual(new Set(doc.registrants))
  })

  it('counts one person tapping 20 times at once once', async () => {
    const id = await stored({ capacity: 5 })
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.as(elder).call('activities', 'register', { id })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && !r.data.unchanged)).toHaveLength(1)
    expect(activityDoc(id)).toMatchObject({ registeredCount: 1, registrants: [elder] })
  })
})

describe('mine', () => {
  it('lists what I registered for, coming ones first, withdrawn ones left out', async () => {
    const person = `mine-${Date.now()}`
    const soon = await stored({ start: new Date(Date.now() + DAY), end: new Date(Date.now() + DAY + HOUR) })
    const later = await stored({
      start: new Date(Date.now() + 4 * DAY),
      end: new Date(Date.now() + 4 * DAY + HOUR),
    })
    const dropped = await stored()
    for (const id of [later, soon, dropped]) await t.as(person).ok('activities', 'register', { id })
    await t.as(person).ok('activities', 'withdraw', { id: dropped })
    const res = await t.as(person).ok('activities', 'mine', {})
    expect(res.upcoming.map((m) => m.activity._id)).toEqual([soon, later])
    expect(res.past).toEqual([])
    expect(res.upcoming[0]!.registeredAt).toBeLessThanOrEqual(Date.now())
  })

  it("shows the demo elder's seeded registration", async () => {
    const res = await t.as(elder).ok('activities', 'mine', {})
    expect([...res.upcoming, ...res.past].some((m) => m.activity._id.startsWith('act-'))).toBe(true)
  })
})
