import {
  activities as activitiesSpec,
  registrations as registrationsSpec,
} from '../../../core/contract/activities.collections'
import type { ActivityListItem, InputOf } from '../../../core/contract'
import { clearOfMidnight } from '../../../testing/clock'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { weekKey } from '../../../core/time'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { readActivity, storeActivity, type StoredActivity } from './test-activities'

let t: TestCloud
beforeAll(async () => {
  // the seeded week must still be this week when the first tests read it
  await clearOfMidnight(30_000)
  t = await startTestCloud()
}, 90_000)
afterAll(async () => {
  await t.stop()
})

const { resident, elder, volunteer, stationManager, centerAdmin } = DEMO_IDENTITIES
const HOUR = 3_600_000
const DAY = 24 * HOUR

const stored = (over: StoredActivity = {}) => storeActivity(t.cloud, over)
const activityDoc = (id: string) => readActivity(t.cloud, id)

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
    expect(t.cloud.db.find(registrationsSpec.name, { activityId: id })).toEqual([
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
    expect(t.cloud.db.find(registrationsSpec.name, { _id: `${id}_${elder}` })[0]).toMatchObject({
      status: 'withdrawn',
    })
    expect(await t.as(elder).ok('activities', 'register', { id })).toMatchObject({ registeredCount: 1 })
    expect(t.cloud.db.find(registrationsSpec.name, { _id: `${id}_${elder}` })[0]).toMatchObject({
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
    expect(t.cloud.db.find(registrationsSpec.name, { activityId: id })).toHaveLength(0)
    expect(await t.as(elder).ok('activities', 'register', { id })).toMatchObject({ unchanged: true })
    expect(t.cloud.db.find(registrationsSpec.name, { activityId: id })).toHaveLength(1)
    expect(activityDoc(id).registeredCount).toBe(1)
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

describe('create', () => {
  it('publishes an activity for a managed unit, and it appears in the weekly list', async () => {
    const start = Date.now() + 8 * DAY
    const { id } = await t.as(stationManager).ok('activities', 'create', draft({ start, end: start + HOUR }))
    const doc = activityDoc(id)
    expect(doc).toMatchObject({
      unitId: DEMO_IDS.firstStation,
      unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
      unitName: '幸福里社区新时代文明实践站',
      status: 'published',
      registeredCount: 0,
      registrants: [],
      createdBy: stationManager,
      contentCheck: 'pass',
    })
    expect(new Date(doc.start).getTime()).toBe(start)
    const list = await t.as(elder).ok('activities', 'listWeek', {
      scope: { kind: 'unit', unitId: DEMO_IDS.firstStation },
      week: weekKey(start),
    })
    expect(list.items.find((i) => i._id === id)).toMatchObject({ title: '冬季用电安全讲座', capacity: 30 })
  })

  it('lets a station manager publish for a point under the station, and a center admin anywhere', async () => {
    const point = await t.as(stationManager).ok('activities', 'create', draft({ unitId: 'u-qh-p01' }))
    expect(activityDoc(point.id).unitPath).toEqual([
      DEMO_IDS.center,
      'u-qh-i01',
      DEMO_IDS.firstStation,
      'u-qh-p01',
    ])
    const far = await t.as(centerAdmin).ok('activities', 'create', draft({ unitId: 'u-qh-s12' }))
    expect(activityDoc(far.id).unitName).toBe('王家庄新时代文明实践站')
  })

  it('refuses units the manager does not manage, and everyone who is not a manager', async () => {
    const other = await t.as(stationManager).call('activities', 'create', draft({ unitId: 'u-qh-s02' }))
    expect(other).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    if (!other.ok) expect(other.message).toMatch(/文昌社区/)
    for (const who of [resident, elder, volunteer]) {
      expect(await t.as(who).call('activities', 'create', draft())).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
    }
  })

  it('answers clear Chinese messages per field', async () => {
    const caller = t.as(stationManager)
    const start = Date.now() + 2 * DAY
    const cases: Array<[Partial<CreateInput>, string, string]> = [
      [{ end: start - HOUR, start }, 'end', '结束时间应晚于开始时间'],
      [{ capacity: 0 }, 'capacity', '人数上限至少为 1'],
      [{ capacity: null }, 'capacity', '需要报名的活动请填写人数上限'],
      [{ title: '字'.repeat(41) }, 'title', '活动名称不能超过 40 个字'],
      [{ place: '' }, 'place', '请填写活动地点'],
      [{ contactPhone: '110' }, 'contactPhone', '联系电话格式不对，例如 0536-7211001 或 13800000000'],
      [{ category: '打麻将' as CreateInput['category'] }, 'category', '请选择活动类别'],
      [{ start: Date.now() - HOUR, end: Date.now() + HOUR }, 'start', '开始时间已经过去，请选择以后的时间'],
    ]
    for (const [over, field, message] of cases) {
      const res = await caller.call('activities', 'create', draft(over))
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message })
      if (!res.ok) expect(res.fields?.[field]).toBe(message)
    }
  })

  it('refuses text that fails the content check (msgSecCheck)', async () => {
    const res = await t
      .as(stationManager)
      .call('activities', 'create', draft({ description: '欢迎来参加赌博活动' }))
    expect(res).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
  })
})

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

describe('uploadCover', () => {
  it('stores a small image in cloud storage, and the detail shows it', async () => {
    const up = await t.as(stationManager).ok('activities', 'uploadCover', {
      unitId: DEMO_IDS.firstStation,
      contentType: 'image/png',
      dataBase64: PNG_1X1,
    })
    expect(up.fileId).toMatch(/^cloud:\/\/.+\/activity-covers\/u-qh-s01\/.+\.png$/)
    const served = await fetch(up.url!)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(PNG_1X1, 'base64'))
    const { id } = await t.as(stationManager).ok('activities', 'create', draft({ coverFileId: up.fileId }))
    const detail = await t.as(elder).ok('activities', 'get', { id })
    expect(detail.activity.coverUrl).toBe(up.url)
  })

  it('refuses bytes that are not the image they claim, and units not managed', async () => {
    const fake = Buffer.from('<html>not an image</html>').toString('base64').replace(/=+$/, '')
    expect(
      await t.as(stationManager).call('activities', 'uploadCover', {
        unitId: DEMO_IDS.firstStation,
        contentType: 'image/png',
        dataBase64: fake,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '这不是一张图片，请重新选择' })
    expect(
      await t.as(stationManager).call('activities', 'uploadCover', {
        unitId: 'u-qh-s05',
        contentType: 'image/png',
        dataBase64: PNG_1X1,
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('coverFileId', () => {
  it("accepts only this environment's cloud files: no URL, no other environment's file", async () => {
    const pixel = await t
      .as(stationManager)
      .call('activities', 'create', draft({ coverFileId: 'https://tracker.example/p.gif' }))
    expect(pixel).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { coverFileId: '封面只能用上传到本小程序云存储的图片' },
    })
    const elsewhere = await t
      .as(stationManager)
      .call('activities', 'create', draft({ coverFileId: 'cloud://another-env.6a6b/activity-covers/x.png' }))
    expect(elsewhere).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { coverFileId: '封面只能用上传到本小程序云存储的图片，请重新上传' },
    })
    // an old record holding a URL is not shown to residents
    const legacy = await stored({ coverFileId: 'https://tracker.example/p.gif' })
    expect((await t.as(elder).ok('activities', 'get', { id: legacy })).activity.coverUrl).toBeNull()
  })
})

describe('registrants (签到表)', () => {
  it('shows managers of the unit or above the names and phones given; nobody else', async () => {
    const id = await stored({ capacity: 10 })
    await t.cloud.db.insertMany('users', [
      { _id: 'reg-named', name: '王秀英', phone: '13800000001', grants: [], createdAt: new Date() },
      { _id: 'reg-plain', grants: [], createdAt: new Date() },
    ])
    await t.as('reg-named').ok('activities', 'register', { id })
    await t.as('reg-plain').ok('activities', 'register', { id })
    for (const manager of [stationManager, centerAdmin]) {
      const list = await t.as(manager).ok('activities', 'registrants', { id })
      expect(list.items.map(({ name, phone }) => ({ name, phone }))).toEqual([
        { name: '王秀英', phone: '13800000001' },
        { name: null, phone: null },
      ])
      expect(list.activity._id).toBe(id)
    }
    for (const who of [resident, volunteer, 'reg-named']) {
      expect(await t.as(who).call('activities', 'registrants', { id })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
    }
    const elsewhere = await stored({ unitId: 'u-qh-s05' })
    expect(await t.as(stationManager).call('activities', 'registrants', { id: elsewhere })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })
})

describe('registrants of a very large activity', () => {
  it('lists the first 1000 with their own registration times and says the list is cut', async () => {
    // shown: the first 1000 in registrants; their records sort (and were stored) after the others'
    const shown = Array.from({ length: 1000 }, (_, i) => `z-shown-${String(i).padStart(4, '0')}`)
    const rest = Array.from({ length: 200 }, (_, i) => `a-rest-${String(i).padStart(3, '0')}`)
    const id = await stored({ capacity: 1200, registeredCount: 1200, registrants: [...shown, ...rest] })
    const base = Date.now() - DAY
    const record = (openid: string, k: number) => ({
      _id: `${id}:${openid}`,
      activityId: id,
      openid,
      status: 'registered',
      registeredAt: new Date(base + k * 1000),
      updatedAt: new Date(base + k * 1000),
    })
    await t.cloud.db.insertMany(registrationsSpec.name, [
      ...rest.map((p, k) => record(p, 2000 + k)),
      ...shown.map((p, k) => record(p, 1000 - k)),
    ])
    const list = await t.as(stationManager).ok('activities', 'registrants', { id })
    expect(list.truncated).toBe(true)
    expect(list.activity.registeredCount).toBe(1200)
    expect(list.items).toHaveLength(1000)
    // every one shown has the time of their own record, earliest first
    expect(list.items.map((r) => r.registeredAt)).toEqual(shown.map((_, k) => base + (k + 1) * 1000))
  })
})

describe('update', () => {
  it('edits an activity and moves its registrations with the new time', async () => {
    const { id } = await t.as(stationManager).ok('activities', 'create', draft())
    await t.as(elder).ok('activities', 'register', { id })
    const start = Date.now() + 5 * DAY
    await t.as(stationManager).ok('activities', 'update', {
      ...draft({ title: '冬季用电安全讲座（改期）', start, end: start + HOUR }),
      id,
    })
    const doc = activityDoc(id)
    expect(doc.title).toBe('冬季用电安全讲座（改期）')
    expect(new Date(doc.start).getTime()).toBe(start)
    expect(doc.registeredCount).toBe(1)
    const reg = t.cloud.db.find(registrationsSpec.name, { _id: `${id}_${elder}` })[0]!
    expect(new Date(reg.activityStart as Date).getTime()).toBe(start)
  })

  it('keeps registrations already made: capacity not below them, registration not switched off', async () => {
    const id = await stored({ registeredCount: 3, registrants: ['a', 'b', 'c'] })
    const { unitId: _u, ...rest } = draft({ capacity: 2 })
    const low = await t.as(stationManager).call('activities', 'update', { ...rest, id })
    expect(low).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { capacity: '已有 3 人报名，人数上限不能少于 3' },
    })
    const off = await t.as(stationManager).call('activities', 'update', {
      ...rest,
      registrationRequired: false,
      capacity: null,
      id,
    })
    expect(off).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    if (!off.ok) expect(off.fields?.registrationRequired).toMatch(/已有 3 人报名/)
    expect(activityDoc(id).capacity).toBe(10)
  })

  it("refuses another station's activity and a cancelled one", async () => {
    const theirs = await stored({ unitId: 'u-qh-s09' })
    const { unitId: _u, ...rest } = draft()
    expect(await t.as(stationManager).call('activities', 'update', { ...rest, id: theirs })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const gone = await stored({ status: 'cancelled' })
    expect(await t.as(stationManager).call('activities', 'update', { ...rest, id: gone })).toMatchObject({
      ok: false,
      code: 'ACTIVITY_CANCELLED',
    })
  })
})

describe('cancel', () => {
  it('cancels, tells who registered, shows 已取消, and closes registration', async () => {
    const id = await stored()
    for (const who of [elder, resident, volunteer]) await t.as(who).ok('activities', 'register', { id })
    await t.as(volunteer).ok('activities', 'withdraw', { id })
    const res = await t.as(stationManager).ok('activities', 'cancel', { id, reason: '场地维修，改期举行' })
    expect(res).toMatchObject({ cancelled: true, toTell: 2, unchanged: false })
    expect(res.told).toMatchObject({ toTell: 2, told: 2, byMessage: 0, inboxOnly: 2, done: true })
    expect(activityDoc(id)).toMatchObject({
      status: 'cancelled',
      cancelReason: '场地维修，改期举行',
      cancelledBy: stationManager,
      telling: false,
    })
    const told = t.cloud.db.find('inbox', { eventId: `cancel:${id}` })
    expect(told.map((r) => r.openid).sort()).toEqual([elder, resident].sort())
    expect(await t.as(stationManager).ok('activities', 'cancel', { id, reason: '再点一次' })).toMatchObject({
      cancelled: true,
      toTell: 2,
      unchanged: true,
    })
    expect(t.cloud.db.find('inbox', { eventId: `cancel:${id}` })).toHaveLength(2)
    expect(await t.as('late-comer').call('activities', 'register', { id })).toMatchObject({
      ok: false,
      code: 'ACTIVITY_CANCELLED',
    })
    const detail = await t.as(elder).ok('activities', 'get', { id })
    expect(detail.activity).toMatchObject({ status: 'cancelled', cancelReason: '场地维修，改期举行' })
  })

  it('tells someone whose registration document was never written (the activity is the truth)', async () => {
    const id = await stored({ registeredCount: 1, registrants: ['lost-write'] })
    const res = await t.as(centerAdmin).ok('activities', 'cancel', { id, reason: '天气原因' })
    expect(res.toTell).toBe(1)
    expect(t.cloud.db.find('inbox', { eventId: `cancel:${id}` })).toEqual([
      expect.objectContaining({ openid: 'lost-write', push: 'noCredit' }),
    ])
  })

  it('asks for a reason, and refuses non-managers', async () => {
    const id = await stored()
    expect(await t.as(stationManager).call('activities', 'cancel', { id, reason: '' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { reason: '请填写取消原因' },
    })
    expect(await t.as(resident).call('activities', 'cancel', { id, reason: '不想办了' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(activityDoc(id).status).toBe('published')
  })
})

describe('managed and editor', () => {
  it("lists a station manager's week with registration counts", async () => {
    const res = await t.as(stationManager).ok('activities', 'managed', {})
    expect(res.items.length).toBeGreaterThanOrEqual(4)
    expect(res.items.every((i) => i.unitId === DEMO_IDS.firstStation || i.unitId === 'u-qh-p01')).toBe(true)
    expect(res.items.every((i) => typeof i.registeredCount === 'number' && 'volunteerSlots' in i)).toBe(true)
    const all = await t.as(centerAdmin).ok('activities', 'managed', {})
    expect(new Set(all.items.map((i) => i.unitId)).size).toBeGreaterThan(5)
    const one = await t.as(centerAdmin).ok('activities', 'managed', { unitId: 'u-qh-s09' })
    expect(one.items.every((i) => i.unitId === 'u-qh-s09')).toBe(true)
    expect(await t.as(stationManager).call('activities', 'managed', { unitId: 'u-qh-s09' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })

  it('offers the units a manager may publish for, and the activity to edit', async () => {
    const mine = await t.as(stationManager).ok('activities', 'editor', {})
    expect(mine.units.map((u) => u._id)).toEqual([DEMO_IDS.firstStation, 'u-qh-p01'])
    expect(mine.activity).toBeNull()
    const admin = await t.as(centerAdmin).ok('activities', 'editor', {})
    expect(admin.units[0]!._id).toBe(DEMO_IDS.center)
    expect(admin.units).toHaveLength(19)
    const id = await stored({ title: '要编辑的活动' })
    const edit = await t.as(stationManager).ok('activities', 'editor', { id })
    expect(edit.activity).toMatchObject({ _id: id, title: '要编辑的活动', unitId: DEMO_IDS.firstStation })
    const theirs = await stored({ unitId: 'u-qh-s09' })
    expect(await t.as(stationManager).call('activities', 'editor', { id: theirs })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })
})

describe('every action × every role', () => {
  const EVERYONE = [resident, elder, volunteer, stationManager, centerAdmin]
  const MANAGERS = new Set<string>([stationManager, centerAdmin])

  it.each(EVERYONE)('answers %s as its roles allow', async (who) => {
    const caller = t.as(who)
    const id = await stored()
    const { unitId: _u, ...rest } = draft()
    const calls: Array<[string, () => Promise<{ ok: boolean; code?: string }>, boolean]> = [
      [
        'listWeek',
        () =>
          caller.call('activities', 'listWeek', { scope: { kind: 'unit', unitId: DEMO_IDS.firstStation } }),
        true,
      ],
      ['get', () => caller.call('activities', 'get', { id }), true],
      ['register', () => caller.call('activities', 'register', { id }), true],
      ['withdraw', () => caller.call('activities', 'withdraw', { id }), true],
      ['mine', () => caller.call('activities', 'mine', {}), true],
      ['managed', () => caller.call('activities', 'managed', {}), false],
      ['editor', () => caller.call('activities', 'editor', { id }), false],
      ['create', () => caller.call('activities', 'create', draft()), false],
      ['update', () => caller.call('activities', 'update', { ...rest, id }), false],
      [
        'uploadCover',
        () =>
          caller.call('activities', 'uploadCover', {
            unitId: DEMO_IDS.firstStation,
            contentType: 'image/png',
            dataBase64: PNG_1X1,
          }),
        false,
      ],
      ['cancel', () => caller.call('activities', 'cancel', { id, reason: '测试取消' }), false],
    ]
    for (const [name, call, anyone] of calls) {
      const res = await call()
      const allowed = anyone || MANAGERS.has(who)
      expect([name, res.ok ? 'ok' : res.code]).toEqual([name, allowed ? 'ok' : 'FORBIDDEN'])
    }
  })

  it('refuses a call without a WeChat identity', async () => {
    expect(await t.as(null).raw('activities', { action: 'mine', input: {} })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })
})

describe('indexes', () => {
  it('serves the weekly list, 我的活动 and the manager list from declared indexes on a big collection', async () => {
    const now = Date.now()
    const bulk = Array.from({ length: 400 }, (_, i) => ({
      _id: `bulk-${i}`,
      unitId: `u-bulk-${i % 40}`,
      unitPath: [DEMO_IDS.center, `u-bulk-${i % 40}`],
      unitName: '批量站点',
      title: '批量活动',
      category: '科普',
      description: '',
      place: '某处',
      start: new Date(now + ((i % 60) - 30) * DAY),
      end: new Date(now + ((i % 60) - 30) * DAY + HOUR),
      registrationRequired: false,
      capacity: null,
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
      createdBy: centerAdmin,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    }))
    await t.cloud.db.insertMany(activitiesSpec.name, bulk)
    const regs = bulk.map((a) => ({
      _id: `${a._id}_bulk-person`,
      activityId: a._id,
      openid: 'bulk-person',
      unitId: a.unitId,
      status: 'registered',
      activityStart: a.start,
      registeredAt: new Date(now),
      withdrawnAt: null,
      cancelNotice: null,
      updatedAt: new Date(now),
    }))
    await t.cloud.db.insertMany(registrationsSpec.name, regs)
    const before = t.cloud.stats().db.unindexedQueries
    const items: ActivityListItem[] = []
    const unitWeek = await t
      .as(elder)
      .ok('activities', 'listWeek', { scope: { kind: 'unit', unitId: DEMO_IDS.firstStation } })
    items.push(...unitWeek.items)
    await t.as(elder).ok('activities', 'listWeek', { scope: { kind: 'nearby', ...DEMO_CENTER_COORDS } })
    await t.as('bulk-person').ok('activities', 'mine', {})
    await t.as(stationManager).ok('activities', 'managed', {})
    await t.as(elder).ok('activities', 'get', { id: items[0]!._id })
    await t.as(elder).call('activities', 'register', { id: items[0]!._id })
    const id = await stored()
    await t.as(stationManager).ok('activities', 'cancel', { id, reason: '测试索引' })
    expect(t.cloud.stats().db.unindexed).toEqual([])
    expect(t.cloud.stats().db.unindexedQueries).toBe(before)
  })
})
