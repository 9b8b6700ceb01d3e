/**
 * The service loop in the browser: an elderly resident orders 理发 in elder mode (four taps from the home
 * page, no typing), the station manager dispatches it from 点单派单, a volunteer takes it from 可接订单
 * and completes it, the resident rates it from the message that asks. Each party's 我的消息 shows each
 * step meant for them. Elder mode measured at 320 px, axe clean on the resident's pages.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { DEMO_IDENTITIES } from '../scripts/seed'
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

const { elder, volunteer, stationManager } = DEMO_IDENTITIES

async function inboxText(phone: BrowserContext, as: string): Promise<string> {
  const page = await phone.newPage()
  await page.goto(appUrl(cloud, 'mine/pages/inbox/index', as))
  await page.getByRole('heading', { level: 1, name: '我的消息' }).waitFor()
  await page.getByRole('listitem').first().waitFor()
  const text = await page.locator('body').innerText()
  await page.close()
  return text
}

test('an elder orders 理发, the station dispatches, a volunteer accepts and completes, the elder rates', async () => {
  const elderPhone = await newPhone(browser, { viewport: SMALL_PHONE })
  const managerPhone = await newPhone(browser, { viewport: SMALL_PHONE })
  const volunteerPhone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    // 1. the elder: home → 预约 → 理发 → a time → 提交预约: four taps, elder mode on
    const page = await elderPhone.newPage()
    await page.goto(appUrl(cloud, 'pages/index/index', elder))
    expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('true')
    let taps = 0
    const tap = async (name: string | RegExp) => {
      await page.getByRole('button', { name }).first().click()
      taps++
    }
    await tap(/^预约志愿服务/)
    await page.getByRole('heading', { name: '您需要什么服务？' }).waitFor()
    await expectElderFriendly(page)
    await tap(/^理发/)
    await page.getByRole('heading', { name: '理发：什么时候？' }).waitFor()
    await expectElderFriendly(page)
    const slot = (
      await page.getByRole('list', { name: '服务时间' }).getByRole('button').first().innerText()
    ).trim()
    await tap(slot)
    await page.getByRole('heading', { name: '请确认' }).waitFor()
    await expectElderFriendly(page)
    await tap('提交预约')
    await page.getByText(/^预约已提交！理发/).waitFor()
    expect(taps).toBe(4)
    await expectElderFriendly(page)
    const [order] = (
      cloud.db.find('orders', { placedBy: elder, category: '理发', state: 'submitted' }) as Array<{
        _id: string
        submittedAt: Date
      }>
    ).sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime())
    expect(order).toBeDefined()

    // 2. the station manager dispatches it from 点单派单
    const mp = await managerPhone.newPage()
    await mp.goto(appUrl(cloud, 'manager/pages/orders/index', stationManager))
    await mp.getByRole('heading', { name: /^待派单/ }).waitFor()
    await mp.goto(appUrl(cloud, `orders/pages/detail/index?id=${order!._id}`))
    await mp.getByRole('button', { name: '派给幸福里社区邻里守望队' }).click()
    await mp.getByText('已派单，服务队的志愿者会收到消息。').waitFor()
    expect(await axeViolations(mp)).toEqual([])

    // 3. a volunteer of the team takes it from 可接订单 and completes it
    const vp = await volunteerPhone.newPage()
    await vp.goto(appUrl(cloud, 'orders/pages/available/index', volunteer))
    const open = vp.getByRole('list', { name: '可接订单' })
    await open
      .getByRole('button', { name: /理发 · 李\*\*/ })
      .first()
      .waitFor()
    await vp.goto(appUrl(cloud, `orders/pages/detail/index?id=${order!._id}`))
    await vp.getByRole('button', { name: '我来接单' }).click()
    await vp.getByText('接单成功！请按时为居民服务。').waitFor()
    expect(await vp.locator('body').innerText()).toContain('李桂兰')
    await vp.getByRole('button', { name: '服务完成了' }).click()
    await vp.getByRole('button', { name: '60 分钟' }).click()
    await vp.getByText('已标记完成，等待居民评价。').waitFor()
    expect(await axeViolations(vp)).toEqual([])

    // 4. the elder reads 服务已完成 in 我的消息, opens it and gives five stars
    await page.goto(appUrl(cloud, 'mine/pages/inbox/index'))
    const message = page.getByRole('listitem').getByRole('button').filter({ hasText: '服务已完成：理发' })
    await message.first().waitFor()
    await expectElderFriendly(page)
    await message.first().click()
    await page.getByRole('heading', { name: '请为这次服务打分' }).waitFor()
    await expectElderFriendly(page)
    await page.getByRole('button', { name: '5 颗星' }).click()
    await page.getByText('谢谢您的评价！').waitFor()
    expect(await page.locator('body').innerText()).toContain('已评价')

    // each party's 我的消息 shows each step meant for them
    const elderInbox = await inboxText(elderPhone, elder)
    for (const title of ['已提交：理发', '已派单：理发', '已接单：理发', '服务已完成：理发'])
      expect(elderInbox).toContain(title)
    const managerInbox = await inboxText(managerPhone, stationManager)
    for (const title of ['新订单：理发', '已接单：理发']) expect(managerInbox).toContain(title)
    const volunteerInbox = await inboxText(volunteerPhone, volunteer)
    for (const title of ['新派单：理发', '收到评价：理发']) expect(volunteerInbox).toContain(title)

    // the volunteer's hours hold the order
    expect(cloud.db.find('service_records', { activityId: `order-${order!._id}` })).toHaveLength(1)
  } finally {
    await Promise.all([elderPhone.close(), managerPhone.close(), volunteerPhone.close()])
  }
}, 240_000)
