/** 每周活动预告 and the activity page on the weapp build: next week, opening a detail, 报名, the reminder. */
import type { LocalCloud } from '../../local-cloud/src'
import { shiftWeek, weekSpan } from '../../core/activities/week'
import { activityDoc } from '../../testing/activity-doc'
import { clearOfMidnight } from '../../testing/clock'
import { weekKey } from '../../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../scripts/seed'
import { callAction, startDemoCloud } from './support/cloud'
import { launchWeapp, newReader } from './support/session'

const DAY = 86_400_000
const NEXT_WEEK = { _id: 'weapp-next-week', title: '邻里守望座谈会（weapp）' }
const OPEN = { _id: 'weapp-register', title: '垃圾分类宣传（weapp 报名）' }

let cloud: LocalCloud
beforeAll(async () => {
  // the week shown and the week the activities fall in must not turn while the file runs
  await clearOfMidnight(120_000)
  cloud = await startDemoCloud()
  const now = Date.now()
  await cloud.db.insertMany('activities', [
    activityDoc(
      { ...NEXT_WEEK, start: new Date(now + 7 * DAY), end: new Date(now + 7 * DAY + 7_200_000) },
      now,
    ),
    activityDoc({ ...OPEN, registrationRequired: true, capacity: 10 }, now),
  ] as unknown as Record<string, unknown>[])
}, 200_000)
afterAll(async () => {
  await cloud?.stop()
})

describe('weekly list (weapp)', () => {
  test('下一周 shows next week; tapping an activity opens its page', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident)
    const page = await app.open('pages/week/index', { unitId: DEMO_IDS.firstStation })
    const thisWeek = weekKey(app.logic.clock.now())
    await page.findText(weekSpan(thisWeek))
    expect(page.has(NEXT_WEEK.title)).toBe(false)

    await page.tap('下一周')
    await page.findText(weekSpan(shiftWeek(thisWeek, 1)))
    const listWeek = app.wx
      .callsTo('cloud.callFunction')
      .map((c) => c.args as { name: string; data: { action: string; input: { week?: string } } })
      .filter((a) => a.name === 'activities' && a.data.action === 'listWeek')
    expect(listWeek.at(-1)?.data.input).toMatchObject({
      scope: { kind: 'unit', unitId: DEMO_IDS.firstStation },
      week: shiftWeek(thisWeek, 1),
    })
    await page.findText('回到本周')

    await page.tap(NEXT_WEEK.title)
    expect(app.wx.callsTo('navigateTo').at(-1)).toEqual({
      api: 'navigateTo',
      args: { url: `/pages/activity/index?id=${NEXT_WEEK._id}` },
      insideTap: true,
    })
    const detail = await app.until(() => app.page.route === 'pages/activity/index' && app.page, 'the detail')
    await detail.findText('活动介绍')
    expect(detail.byClass('page__title').map((n) => n.text())).toEqual([NEXT_WEEK.title])
    expect(app.stack.map((p) => p.route)).toEqual(['pages/week/index', 'pages/activity/index'])

    // back: the detail unloads, the list is as it was left
    const list = await app.back()
    expect(app.stack.map((p) => p.route)).toEqual(['pages/week/index'])
    expect(list.has(weekSpan(shiftWeek(thisWeek, 1)))).toBe(true)
    expect(list.has(NEXT_WEEK.title)).toBe(true)
  })

  test("the app's own clock decides the week it opens on (the clock is the harness's)", async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, { now: Date.now() + 7 * DAY })
    const page = await app.open('pages/week/index', { unitId: DEMO_IDS.firstStation })
    const week = weekKey(app.logic.clock.now())
    expect(week).toBe(shiftWeek(weekKey(Date.now()), 1))
    await page.findText(weekSpan(week))
    await page.findText(NEXT_WEEK.title)
    expect(page.has('回到本周')).toBe(false)
  })
})

describe('activity page (weapp)', () => {
  test('我要报名 asks for the change reminder inside the tap, then calls activities.register', async () => {
    const reader = newReader()
    const { changeTemplateId } = await callAction(cloud, reader, 'activities', 'get', { id: OPEN._id })
    const app = launchWeapp(cloud, reader, { scenario: { subscribeAnswer: 'accept' } })
    const page = await app.open('pages/activity/index', { id: OPEN._id })
    await page.tap('我要报名')
    await page.findText('报名成功')

    const calls = app.wx.calls
    const asks = calls.filter((c) => c.api === 'requestSubscribeMessage')
    expect(asks).toEqual([
      {
        api: 'requestSubscribeMessage',
        args: expect.objectContaining({ tmplIds: [changeTemplateId] }),
        insideTap: true,
      },
    ])
    const register = calls.findIndex(
      (c) =>
        c.api === 'cloud.callFunction' && (c.args as { data: { action: string } }).data.action === 'register',
    )
    expect(register).toBeGreaterThan(calls.indexOf(asks[0]!))
    expect(calls[register]?.args).toMatchObject({
      name: 'activities',
      data: { action: 'register', input: { id: OPEN._id, accepted: [changeTemplateId] } },
    })
    const answer = await callAction(cloud, reader, 'activities', 'get', { id: OPEN._id })
    expect(answer.registered).toBe(true)
    expect(page.has('您已报名这个活动')).toBe(true)
  })

  test('订阅文明实践日提醒: the subscribe request happens inside the tap, then notices.subscribe', async () => {
    const reader = newReader()
    const app = launchWeapp(cloud, reader, { scenario: { subscribeAnswer: 'accept' } })
    const page = await app.open('pages/activity/index', { id: OPEN._id })
    await page.tap('点此订阅文明实践日提醒')
    await page.findText('订阅成功')

    const calls = app.wx.calls
    const ask = calls.findIndex((c) => c.api === 'requestSubscribeMessage')
    const record = calls.findIndex(
      (c) =>
        c.api === 'cloud.callFunction' &&
        (c.args as { data: { action: string } }).data.action === 'subscribe',
    )
    expect(calls[ask]).toMatchObject({ insideTap: true, args: { tmplIds: [expect.any(String)] } })
    const templateId = (calls[ask]!.args as { tmplIds: string[] }).tmplIds[0]
    expect(record).toBeGreaterThan(ask)
    expect(calls[record]!.args).toMatchObject({
      name: 'notices',
      data: { action: 'subscribe', input: { templateId, stationId: DEMO_IDS.firstStation } },
    })
    const mine = await callAction(cloud, reader, 'notices', 'mySubscription', {})
    expect(mine).toMatchObject({ templateId })
  })
})
