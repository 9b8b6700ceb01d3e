/**
 * The service loop through the real SDK and the local cloud: 点单 → 派单 → 接单 → 完成 → 评单, who sees
 * what, bad input refused with nothing written, the race for an order, escalation by the timer, figures.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OrderView } from '../../../core/contract/orders'
import { orderFixture } from '../../../core/orders/fixture'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

const { elder, resident, volunteer, stationManager, centerAdmin } = DEMO_IDENTITIES
const HOUR = 3_600_000
let t: TestCloud
let seq = 0
const requestId = () => `test${Date.now().toString(36)}${(seq++).toString().padStart(4, '0')}`

beforeAll(async () => {
  t = await startTestCloud()
}, 90_000)
afterAll(async () => {
  await t.stop()
})

const place = (openid: string, over: Record<string, unknown> = {}) =>
  t.as(openid).call('orders', 'place', {
    requestId: requestId(),
    category: '理发',
    wantedAt: Date.now() + 26 * HOUR,
    where: 'home',
    address: '幸福里 3 号楼 2 单元 501',
    phone: '13800000001',
    ...over,
  })

const inbox = (openid: string) =>
  t.cloud.db.find('inbox', { openid }) as Array<{ title: string; eventId: string }>
const ordersCount = () => t.cloud.db.find('orders').length
const statsOf = (unitId: string) =>
  t.cloud.db.find('order_stats', { unitId }) as Array<{
    month: string
    placed: number
    n: Record<string, number>
  }>

async function placed(openid: string = elder, over: Record<string, unknown> = {}): Promise<OrderView> {
  const res = await place(openid, over)
  if (!res.ok) throw new Error(`${res.code} ${res.message}`)
  return res.data
}

describe('the loop', () => {
  it('an elder orders, the station dispatches, a volunteer accepts and completes, the elder rates', async () => {
    const before = statsOf(DEMO_IDS.firstStation).reduce((n, s) => n + s.placed, 0)
    const order = await placed(elder)
    expect(order).toMatchObject({ state: 'submitted', category: '理发', unitId: DEMO_IDS.firstStation })
    expect(order.contact).toEqual({ address: '幸福里 3 号楼 2 单元 501', phone: '13800000001' })
    expect(order.can).toEqual(['cancel'])

    // the station's queue: waiting for dispatch, without contact
    const q = await t.as(stationManager).ok('orders', 'queue', {})
    const inQueue = q.waiting.find((o) => o._id === order._id)
    expect(inQueue).toMatchObject({ state: 'submitted', contact: null })
    expect(inQueue?.can).toEqual(expect.arrayContaining(['dispatch', 'escalate', 'reject', 'cancel']))
    // the manager's detail shows the contact
    expect((await t.as(stationManager).ok('orders', 'get', { id: order._id })).contact).not.toBeNull()

    const dispatched = await t
      .as(stationManager)
      .ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-06' })
    expect(dispatched).toMatchObject({ state: 'dispatched', teamName: '幸福里社区邻里守望队' })

    // a team member sees it, without the address, phone or full name
    const list = await t.as(volunteer).ok('orders', 'available', {})
    const seen = list.open.find((o) => o._id === order._id)
    expect(seen).toMatchObject({ contact: null, residentName: '李**', can: ['accept'] })
    expect((await t.as(volunteer).ok('orders', 'get', { id: order._id })).contact).toBeNull()

    const accepted = await t.as(volunteer).ok('orders', 'accept', { id: order._id })
    expect(accepted).toMatchObject({ state: 'accepted', holderName: '赵志强', residentName: '李桂兰' })
    expect(accepted.contact).toEqual({ address: '幸福里 3 号楼 2 单元 501', phone: '13800000001' })

    const done = await t
      .as(volunteer)
      .ok('orders', 'complete', { id: order._id, note: '理了平头', minutes: 40 })
    expect(done).toMatchObject({ state: 'done', minutes: 40 })

    const rated = await t.as(elder).ok('orders', 'rate', { id: order._id, stars: 5, comment: '小伙子手艺好' })
    expect(rated).toMatchObject({ state: 'rated', rating: { stars: 5, changes: 0 } })
    expect(rated.history.map((h) => h.event)).toEqual(['place', 'dispatch', 'accept', 'complete', 'rate'])

    // the rated order is service hours for the volunteer, in sign-in's records
    const records = t.cloud.db.find('service_records', { activityId: `order-${order._id}` })
    expect(records).toEqual([
      expect.objectContaining({
        openid: volunteer,
        minutes: 40,
        status: 'closed',
        activityTitle: '点单服务：理发',
      }),
    ])
    const hours = await t.as(volunteer).ok('signin', 'myHours', {})
    expect(hours.records.some((r) => r.activityId === `order-${order._id}`)).toBe(true)

    // every step told the next party
    const titles = (openid: string) =>
      inbox(openid)
        .filter((m) => m.eventId.includes(order._id))
        .map((m) => m.title)
    expect(titles(elder).sort()).toEqual(
      ['已提交：理发', '已派单：理发', '已接单：理发', '服务已完成：理发'].sort(),
    )
    expect(titles(stationManager).sort()).toEqual(['新订单：理发', '已接单：理发'].sort())
    expect(titles(volunteer).sort()).toEqual(['新派单：理发', '收到评价：理发'].sort())

    // figures: counted for the station, its institute and the center
    const figures = await t.as(stationManager).ok('orders', 'figures', { unitId: DEMO_IDS.firstStation })
    expect(figures.satisfaction).not.toBeNull()
    expect(statsOf(DEMO_IDS.firstStation).reduce((n, s) => n + s.placed, 0)).toBe(before + 1)
    const center = await t.as(centerAdmin).ok('orders', 'figures', { unitId: DEMO_IDS.center })
    expect(center.placed).toBeGreaterThanOrEqual(figures.placed)
  }, 60_000)

  it('a rating changes once within 7 days; rating before done and a third rating are refused', async () => {
    const order = await placed(elder)
    expect(await t.as(elder).call('orders', 'rate', { id: order._id, stars: 4 })).toMatchObject({
      ok: false,
      code: 'ORDER_NOT_DONE',
    })
    await t.as(stationManager).ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-06' })
    await t.as(volunteer).ok('orders', 'accept', { id: order._id })
    await t.as(volunteer).ok('orders', 'complete', { id: order._id, minutes: 30 })
    await t.as(elder).ok('orders', 'rate', { id: order._id, stars: 2 })
    const changed = await t
      .as(elder)
      .ok('orders', 'rate', { id: order._id, stars: 4, comment: '后来想想挺好' })
    expect(changed.rating).toMatchObject({ stars: 4, changes: 1 })
    const third = await t.as(elder).call('orders', 'rate', { id: order._id, stars: 1 })
    expect(third).toMatchObject({ ok: false, code: 'RATING_LOCKED' })
    // one service record, however often the rating changed
    expect(t.cloud.db.find('service_records', { activityId: `order-${order._id}` })).toHaveLength(1)
  }, 60_000)

  it('the holder hands it back; the team sees it again and another member can take it', async () => {
    const order = await placed(elder)
    await t.as(stationManager).ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-06' })
    await t.as(volunteer).ok('orders', 'accept', { id: order._id })
    const back = await t.as(volunteer).ok('orders', 'handBack', { id: order._id, reason: '临时要出差' })
    expect(back).toMatchObject({ state: 'dispatched', holderName: null, contact: null })
    const other = 'seed-volunteer-handback'
    await t.cloud.db.insertMany('users', [
      {
        _id: other,
        name: '孙明',
        grants: [{ role: 'volunteer', unitId: DEMO_IDS.firstStation }],
        teamIds: ['t-qh-06'],
        createdAt: new Date(),
      },
    ])
    expect(await t.as(other).ok('orders', 'accept', { id: order._id })).toMatchObject({ holderName: '孙明' })
  }, 60_000)

  it('the resident cancels with a reason; the station is told', async () => {
    const order = await placed(resident, { category: '代跑腿', where: 'station', address: '' })
    const res = await t.as(resident).ok('orders', 'cancel', { id: order._id, reason: '已经自己去办了' })
    expect(res).toMatchObject({ state: 'cancelled', reason: '已经自己去办了', can: [] })
    expect(
      inbox(stationManager).some((m) => m.eventId.includes(order._id) && m.title === '居民取消：代跑腿'),
    ).toBe(true)
    expect(
      await t.as(resident).call('orders', 'cancel', { id: order._id, reason: '再取消一次' }),
    ).toMatchObject({
      ok: false,
      code: 'ORDER_CLOSED',
    })
  }, 60_000)

  it('a retried submit answers the same order, counted once', async () => {
    const id = requestId()
    const n = ordersCount()
    const a = await placed(resident, { requestId: id })
    const b = await placed(resident, { requestId: id })
    expect(b._id).toBe(a._id)
    expect(ordersCount()).toBe(n + 1)
  }, 30_000)

  it('a station manager orders on a phone caller’s behalf', async () => {
    const order = await placed(stationManager, {
      unitId: DEMO_IDS.firstStation,
      byManager: true,
      forName: '周淑珍',
      phone: '0536-7219999',
    })
    expect(order).toMatchObject({ placedByRole: 'manager', residentName: '周淑珍' })
    const res = await place(resident, { unitId: DEMO_IDS.firstStation, byManager: true, forName: '周淑珍' })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  }, 30_000)
})

describe('bad input: a clear error, nothing written', () => {
  it.each([
    ['a category not in the list', { category: '算命' }, 'INVALID_INPUT'],
    ['a time in the past', { wantedAt: Date.now() - 2 * HOUR }, 'ORDER_TIME_PAST'],
    ['a time too far ahead', { wantedAt: Date.now() + 40 * 24 * HOUR }, 'ORDER_TIME_FAR'],
    ['a home visit without an address', { address: '' }, 'ADDRESS_REQUIRED'],
    ['a risky note', { note: '帮我联系网络赌场' }, 'CONTENT_RISKY'],
  ])('%s', async (_name, over, code) => {
    const n = ordersCount()
    const res = await place(elder, over)
    expect(res).toMatchObject({ ok: false, code })
    if (!res.ok) expect(res.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(ordersCount()).toBe(n)
  })

  it('a service the center does not offer', async () => {
    const menu = await t.as(centerAdmin).ok('orders', 'menu', { unitId: DEMO_IDS.center })
    const items = menu.items.map(({ category, description, teamIds, active }) => ({
      category,
      description,
      teamIds,
      active: category === '助浴' ? false : active,
    }))
    await t
      .as(centerAdmin)
      .ok('orders', 'setMenu', { centerId: DEMO_IDS.center, items, escalateAfterMinutes: 120 })
    try {
      const n = ordersCount()
      expect(await place(elder, { category: '助浴' })).toMatchObject({ ok: false, code: 'SERVICE_UNKNOWN' })
      expect(ordersCount()).toBe(n)
      // and a station manager may not edit the center's menu
      expect(
        await t
          .as(stationManager)
          .call('orders', 'setMenu', { centerId: DEMO_IDS.center, items, escalateAfterMinutes: 60 }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    } finally {
      await t.as(centerAdmin).ok('orders', 'setMenu', {
        centerId: DEMO_IDS.center,
        items: items.map((i) => ({ ...i, active: true })),
        escalateAfterMinutes: 120,
      })
    }
  }, 30_000)

  it('another person’s order: not shown, not cancelled, not rated', async () => {
    const order = await placed(elder)
    for (const res of [
      await t.as(resident).call('orders', 'get', { id: order._id }),
      await t.as(resident).call('orders', 'cancel', { id: order._id, reason: '我来取消' }),
      await t.as(resident).call('orders', 'rate', { id: order._id, stars: 1 }),
    ])
      expect(res).toMatchObject({ ok: false, code: 'ORDER_NOT_YOURS' })
    const stored = t.cloud.db.find('orders', { _id: order._id })[0] as { version: number; state: string }
    expect(stored).toMatchObject({ version: 1, state: 'submitted' })
  }, 30_000)

  it('a team that does not offer the service; a volunteer outside the team', async () => {
    const order = await placed(elder)
    expect(
      await t.as(stationManager).call('orders', 'dispatch', { id: order._id, teamId: 't-qh-01' }),
    ).toMatchObject({
      ok: false,
      code: 'TEAM_NOT_OFFERING',
    })
    await t.as(stationManager).ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-03' })
    const outsider = 'seed-volunteer-outsider'
    await t.cloud.db.insertMany('users', [
      {
        _id: outsider,
        grants: [{ role: 'volunteer', unitId: 'u-qh-i02' }],
        teamIds: ['t-qh-04'],
        createdAt: new Date(),
      },
    ])
    expect(await t.as(outsider).call('orders', 'accept', { id: order._id })).toMatchObject({
      ok: false,
      code: 'ORDER_NOT_YOURS',
    })
  }, 30_000)

  it('a note msgSecCheck holds for review is kept from volunteers', async () => {
    const words = JSON.parse(
      readFileSync(join(__dirname, '../../../local-cloud/src/openapi/sensitive-words.json'), 'utf8'),
    ) as {
      words: Array<{ word: string; suggest: string }>
    }
    const review = words.words.find((w) => w.suggest === 'review')!.word
    const order = await placed(elder, { note: `请带上${review}` })
    expect(order).toMatchObject({ noteHeld: true })
    await t.as(stationManager).ok('orders', 'dispatch', { id: order._id, teamId: 't-qh-06' })
    expect((await t.as(stationManager).ok('orders', 'get', { id: order._id })).note).toContain(review)
    expect((await t.as(volunteer).ok('orders', 'get', { id: order._id })).note).toBeNull()
  }, 30_000)
})

it('the timer escalates an undispatched order past its time to the institute, whose managers see it', async () => {
  const o = orderFixture('submitted', {
    _id: `o-escalate-${Date.now()}`,
    centerId: DEMO_IDS.center,
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
    queueUnitId: DEMO_IDS.firstStation,
    queueUnitName: '幸福里社区新时代文明实践站',
    queuePath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
    escalateAt: new Date(Date.now() - 60_000),
    wantedAt: new Date(Date.now() + 24 * HOUR),
    submittedAt: new Date(Date.now() - 3 * HOUR),
    placedBy: elder,
    residentId: elder,
    version: 1,
  })
  await t.cloud.db.insertMany('orders', [o as unknown as Record<string, unknown>])
  const report = await t.cloud.fireTimer<{ escalated: number }>('orders')
  expect(report.escalated).toBeGreaterThanOrEqual(1)
  const [stored] = t.cloud.db.find('orders', { _id: o._id }) as Array<{ queueUnitId: string; state: string }>
  expect(stored).toMatchObject({ queueUnitId: 'u-qh-i01', state: 'submitted' })
  const station = await t.as(stationManager).ok('orders', 'queue', {})
  expect(station.waiting.some((w) => w._id === o._id)).toBe(false)
  const institute = await t.as(centerAdmin).ok('orders', 'queue', { unitId: 'u-qh-i01' })
  expect(institute.waiting.find((w) => w._id === o._id)).toMatchObject({
    queueUnitName: '城关街道新时代文明实践所',
  })
  // the station manager (over the resident's station) may still dispatch it
  expect(await t.as(stationManager).ok('orders', 'dispatch', { id: o._id, teamId: 't-qh-06' })).toMatchObject(
    {
      state: 'dispatched',
    },
  )
  // a second run finds nothing more for it
  await t.cloud.fireTimer('orders')
  expect((t.cloud.db.find('orders', { _id: o._id })[0] as { queueUnitId: string }).queueUnitId).toBe(
    'u-qh-i01',
  )
}, 60_000)
