/**
 * Promises kept, in the browser: a manager cancels an activity → the registrant's 我的消息 shows it (the
 * unread count on the home page), the WeChat stand-in's outbox holds the subscribe message for the one who
 * accepted 活动变更提醒 in the 报名 tap, the manager is told how many heard by message and how many only in
 * the inbox; 我的活动 shows it as 已取消 with the reason. Elder mode measured at 320 px, axe clean.
 */
import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { atShanghai } from '../core/activities/form'
import { DEFAULT_ACTIVITY_CHANGE_TEMPLATE } from '../core/activities/change-notice'
import { activityDoc } from '../testing/activity-doc'
import { clearOfMidnight } from '../testing/clock'
import { formatDate, weekKey } from '../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { expectElderFriendly } from './support/elder'

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

const { elder, resident, stationManager } = DEMO_IDENTITIES
const TEMPLATE = DEFAULT_ACTIVITY_CHANGE_TEMPLATE.id

test('cancel → the registrant reads it in 我的消息; a credit holder also gets the WeChat message', async () => {
  // at noon two days from now (Shanghai), at the first station
  const day = formatDate(Date.now() + 2 * 86_400_000)
  const start = atShanghai(day, '12:00')
  const id = `e2e-inbox-${Date.now()}`
  const title = '午间合唱排练'
  await cloud.db.insertMany('activities', [
    activityDoc({
      _id: id,
      title,
      unitId: DEMO_IDS.firstStation,
      registrationRequired: true,
      capacity: 20,
      start: new Date(start),
      end: new Date(start + 90 * 60_000),
    }) as unknown as Record<string, unknown>,
  ])
  // another resident registered without accepting the reminder
  await cloud.callFunction('activities', { action: 'register', input: { id } }, { openid: resident })

  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    // the elder registers: the tap also asks for 活动变更提醒 (the local cloud's stand-in accepts)
    await page.goto(appUrl(cloud, `pages/activity/index?id=${id}`, elder))
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    // noon is written 中午12:00
    expect(await page.locator('body').innerText()).toContain('中午12:00–下午1:30')
    await page.getByRole('button', { name: '我要报名' }).click()
    await page.getByText(/^报名成功！活动有变动时会发微信提醒/).waitFor()
    expect(cloud.openapi.credits(elder, TEMPLATE)).toBe(1)
    await expectElderFriendly(page)

    // the manager cancels it from 管理活动 and is told how the 2 registrants heard
    const manager = await newPhone(browser, { viewport: SMALL_PHONE })
    try {
      const mp = await manager.newPage()
      await mp.goto(appUrl(cloud, `manager/pages/activities/index?week=${weekKey(start)}`, stationManager))
      const card = mp.getByRole('group', { name: title })
      await card.getByRole('button', { name: `取消「${title}」` }).click()
      await card.getByLabel(/取消「.*」的原因/).fill('排练厅漏水维修')
      await card.getByRole('button', { name: '确定取消活动' }).click()
      await mp
        .getByText(
          `「${title}」已取消。已通知 2 位报名的人：1 位同时收到微信消息，1 位只在「我的消息」里（没有订阅提醒）。`,
        )
        .waitFor()
      expect(await axeViolations(mp)).toEqual([])

      // 报名名单 (签到表) stays available to the manager
      await mp.goto(appUrl(cloud, `manager/pages/registrants/index?id=${id}`))
      await mp.getByText('共 2 人报名。').waitFor()
      expect(await axeViolations(mp)).toEqual([])
    } finally {
      await manager.close()
    }

    // WeChat's stand-in: exactly one subscribe message, to the one who accepted
    const sent = cloud.outbox({ templateId: TEMPLATE })
    expect(sent.map((m) => m.touser)).toEqual([elder])
    expect(sent[0]!.data.thing4!.value).toBe('已取消：排练厅漏水维修')
    expect(sent[0]!.page).toBe(`pages/activity/index?id=${id}`)

    // the elder's home page counts it; 我的消息 shows it, elder-sized at 320 px
    await page.goto(appUrl(cloud, 'pages/index/index'))
    await page.getByRole('button', { name: '我的消息（1 条未读）' }).click()
    await page.getByRole('heading', { level: 1, name: '我的消息' }).waitFor()
    const message = page
      .getByRole('listitem')
      .getByRole('button')
      .filter({ hasText: `活动取消：${title}` })
    await message.waitFor()
    expect(await message.innerText()).toContain('原因：排练厅漏水维修')
    expect(await message.innerText()).toMatch(/未读/)
    await expectElderFriendly(page)

    // opening it goes to the activity, which says it is cancelled (not 您已报名)
    await message.click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByText('活动已取消：排练厅漏水维修').waitFor()
    expect(await page.getByText('您已报名这个活动。').count()).toBe(0)

    // read now: the home page no longer counts it
    await page.goto(appUrl(cloud, 'pages/index/index'))
    await page.getByRole('button', { name: '我的消息', exact: true }).waitFor()

    // 我的活动: under 已取消 with the reason, never under 即将参加
    await page.goto(appUrl(cloud, 'mine/pages/my-activities/index'))
    const cancelled = page.getByRole('list', { name: '已取消的活动' })
    await cancelled.getByText(title).waitFor()
    expect(await cancelled.innerText()).toContain('状态：已取消，原因：排练厅漏水维修')
    const upcoming = page.getByRole('list', { name: '即将参加的活动' })
    if (await upcoming.count()) expect(await upcoming.innerText()).not.toContain(title)
    await expectElderFriendly(page)
  } finally {
    await phone.close()
  }
}, 120_000)

test('the weekly list opens at today at 320 px, with 上一周 / 下一周 kept', async () => {
  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    await page.goto(appUrl(cloud, `pages/week/index?unitId=${DEMO_IDS.firstStation}`, elder))
    await page.getByText('地点：幸福里社区新时代文明实践站').waitFor()
    const days = (await page.getByRole('heading', { level: 2 }).allInnerTexts()).filter((d) =>
      /^\d+月\d+日 星期/.test(d),
    )
    expect(days[0]).toContain('（今天）')
    await page.getByRole('button', { name: '上一周' }).waitFor()
    await page.getByRole('button', { name: '下一周' }).waitFor()
    await expectElderFriendly(page)
    const earlier = page.getByRole('button', { name: /看本周已过去的日子/ })
    if (await earlier.count()) {
      await earlier.click()
      const all = (await page.getByRole('heading', { level: 2 }).allInnerTexts()).filter((d) =>
        /^\d+月\d+日 星期/.test(d),
      )
      expect(all).toHaveLength(7)
      expect(all[0]).toMatch(/星期一/)
      await expectElderFriendly(page)
    }
  } finally {
    await phone.close()
  }
}, 60_000)

test('the scan landing calls an activity 正在进行 only once it has started (320 px)', async () => {
  await clearOfMidnight(10 * 60_000)
  const now = Date.now()
  // in its sign-in window (which opens before the start) but not started: not 正在进行
  await cloud.db.insertMany('activities', [
    activityDoc({
      _id: `e2e-soon-${now}`,
      title: '三分钟后开始的讲座',
      start: new Date(now + 3 * 60_000),
      end: new Date(now + 63 * 60_000),
    }) as unknown as Record<string, unknown>,
  ])
  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    await page.goto(appUrl(cloud, 'pages/scan/index?scene=s%3DQH004', elder))
    const soonCard = page.getByRole('group', { name: '三分钟后开始的讲座' })
    await soonCard.getByRole('heading').waitFor()
    expect(await soonCard.getByRole('heading').innerText()).toBe('三分钟后开始的讲座')

    // one that started ten minutes ago is
    await cloud.db.insertMany('activities', [
      activityDoc({
        _id: `e2e-started-${now}`,
        title: '已经开始的讲座',
        start: new Date(now - 10 * 60_000),
        end: new Date(now + 50 * 60_000),
      }) as unknown as Record<string, unknown>,
    ])
    await page.reload()
    await page.getByRole('group', { name: '已经开始的讲座' }).getByText('正在进行：已经开始的讲座').waitFor()
    expect(
      await page
        .getByRole('group', { name: '三分钟后开始的讲座' })
        .getByText(/正在进行/)
        .count(),
    ).toBe(0)
  } finally {
    await phone.close()
  }
}, 60_000)
