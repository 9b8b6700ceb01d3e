/**
 * 志愿+信用 in the browser: the station manager confirms a volunteer's 2 h 30 min in 现场签到, the credit
 * timer (fired on demand) turns them into 25 points under the default rule (10 per hour), the volunteer
 * sees the points and the line in 我的积分, redeems 洗衣液一瓶 in 爱心超市, the manager hands it over by
 * typing the pickup code, a second hand-over of the same code is refused; stock and balance are exact on
 * every page. The volunteer's pages (我的积分, 爱心超市, 积分榜) in elder mode at 320 px, axe clean.
 */
import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { shanghai } from '../core/time'
import { activityDoc } from '../testing/activity-doc'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { expectElderFriendly } from './support/elder'

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
  // The demo's year of history holds ~1,000 confirmed service records that were never settled; the
  // first timer run over that backlog outlasts the function's 20-s timeout (see the report of issue 15).
  // A running deployment's timer has long passed them: its cursor (settle.ts) stands at an hour ago.
  await cloud.db.insertMany('credit_cursors', [
    { _id: 'service', confirmedAt: new Date(Date.now() - 3_600_000) },
  ])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

const { volunteer, stationManager } = DEMO_IDENTITIES
const ITEM = { _id: 'item_demo_soap', title: '洗衣液一瓶', price: 50 }

interface Account {
  balance: number
  held: number
}
const account = (): Account => cloud.db.find('credit_accounts', { _id: volunteer })[0] as unknown as Account
const stock = (): number =>
  (cloud.db.find('credit_items', { _id: ITEM._id })[0] as unknown as { stock: number }).stock

test('confirmed hours become points, the volunteer redeems, the manager hands over once', async () => {
  // a session yesterday 09:00–11:30 (Shanghai), signed out, waiting for the manager's confirmation
  const day = shanghai().subtract(1, 'day').startOf('day')
  const start = day.add(9, 'hour').toDate()
  const end = day.add(11, 'hour').add(30, 'minute').toDate()
  const activityId = `e2e-credit-${Date.now()}`
  const title = '社区环境清洁'
  await cloud.db.insertMany('activities', [
    activityDoc({ _id: activityId, title, start, end, volunteerSlots: 2 }) as unknown as Record<
      string,
      unknown
    >,
  ])
  const name = (cloud.db.find('users', { _id: volunteer })[0] as { name: string }).name
  const first = account()
  const stock0 = stock()
  await cloud.db.insertMany('service_records', [
    {
      _id: `${activityId}_${volunteer}`,
      activityId,
      activityTitle: title,
      unitId: DEMO_IDS.firstStation,
      unitName: '幸福里社区新时代文明实践站',
      unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
      activityStart: start,
      activityEnd: end,
      openid: volunteer,
      name,
      signInAt: start,
      signOutAt: end,
      status: 'closed',
      minutes: 150,
      autoClosed: false,
      locationOverride: false,
      distanceMeters: 12,
      confirmedBy: null,
      confirmedAt: null,
      corrections: [],
      revision: 1,
    },
  ])

  const managerPhone = await newPhone(browser)
  const volunteerPhone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    // 1. the station manager confirms the hours in 现场签到
    const mp = await managerPhone.newPage()
    await mp.goto(appUrl(cloud, `manager/pages/attendance/index?activityId=${activityId}`, stationManager))
    await mp.getByRole('button', { name: `确认 ${name} 的时长` }).click()
    await mp.getByText(/（已确认）/).waitFor()

    // 2. the credit timer settles it: 2 h 30 min × 10 per hour = 25 points, one line
    const report = await cloud.fireTimer<{ settled: number; points: number }>('credit')
    expect(report).toMatchObject({ settled: 1, points: 25 })
    expect(account().balance).toBe(first.balance + 25)
    const again = await cloud.fireTimer<{ settled: number }>('credit')
    expect(again.settled).toBe(0)
    expect(cloud.db.find('credit_ledger', { sourceId: `${activityId}_${volunteer}` })).toHaveLength(1)

    // 3. the volunteer turns elder mode on and reads 我的积分
    const vp = await volunteerPhone.newPage()
    await vp.goto(appUrl(cloud, 'pages/index/index', volunteer))
    const elderSwitch = vp.getByRole('switch', { name: /长辈模式/ })
    if ((await elderSwitch.getAttribute('aria-checked')) !== 'true') await elderSwitch.click()
    expect(await elderSwitch.getAttribute('aria-checked')).toBe('true')

    await vp.goto(appUrl(cloud, 'mine/pages/credit/index', volunteer))
    await vp.getByText(`可用 ${first.balance + 25} 分`, { exact: true }).waitFor()
    const lines = vp.getByRole('list', { name: '积分记录' }).getByRole('listitem')
    await expect(lines.first().innerText()).resolves.toContain('志愿服务 +25 分')
    const firstLine = await lines.first().innerText()
    expect(firstLine).toContain(`「${title}」服务 2 小时 30 分钟，折合 25 分`)
    expect(firstLine).toContain(`之后余额 ${first.balance + 25} 分`)
    await expectElderFriendly(vp)

    // 4. 爱心超市: the home station's goods; redeem 洗衣液一瓶 (50 分)
    await vp.getByRole('button', { name: '去爱心超市兑换' }).click()
    await vp.getByText(`我的可用积分：${first.balance + 25} 分`).waitFor()
    const items = vp.getByRole('list', { name: '可兑换的物品' })
    const row = items.getByRole('listitem').filter({ hasText: ITEM.title })
    await row.getByText(`需要 ${ITEM.price} 分 · 还剩 ${stock0} 件`).waitFor()
    await expectElderFriendly(vp)
    await row.getByRole('button', { name: `兑换${ITEM.title}，需要 ${ITEM.price} 分` }).click()
    const after = first.balance + 25 - ITEM.price
    await vp.getByText(`我的可用积分：${after} 分`).waitFor()
    await row.getByText(`需要 ${ITEM.price} 分 · 还剩 ${stock0 - 1} 件`).waitFor()
    // the row's note survives the goods' reload (the rows stay mounted), next to the new stock
    await row.getByText('已兑换，取货码在下方「我的兑换」').waitFor()
    const mine = vp.getByRole('list', { name: '我的兑换' }).getByRole('listitem')
    const held = mine.filter({ hasText: `${ITEM.title}（待领取）` })
    // the code as the person reads it out: 16 characters in groups of four
    const shown = (await held.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/).innerText()).trim()
    const code = shown.replace(/\s/g, '')
    expect(account()).toMatchObject({ balance: after, held: ITEM.price })
    expect(stock()).toBe(stock0 - 1)
    await expectElderFriendly(vp)

    // 5. the station manager types the code in 爱心超市管理 and hands it over
    await mp.goto(appUrl(cloud, 'manager/pages/credit/index', stationManager))
    await mp.getByLabel('或输入取货码（16 位）').fill(shown)
    await mp.getByRole('button', { name: '确认发放' }).click()
    await mp.getByRole('status').getByText(`已发放「${ITEM.title}」（${shown}）`).waitFor()
    expect(await axeViolations(mp)).toEqual([])
    // the manager's goods list shows the stock left
    const editor = mp.getByRole('group', { name: `修改「${ITEM.title}」` })
    await expect(editor.getByLabel('库存（件）').inputValue()).resolves.toBe(String(stock0 - 1))

    // a second hand-over of the same code is refused, nothing changes
    await mp.reload()
    await mp.getByLabel('或输入取货码（16 位）').fill(code)
    await mp.getByRole('button', { name: '确认发放' }).click()
    await mp.getByText('这个取货码已经领取过了').waitFor()
    expect(await mp.getByText(/^已发放/).count()).toBe(0)
    expect(account()).toMatchObject({ balance: after, held: 0 })
    expect(stock()).toBe(stock0 - 1)
    expect(cloud.db.find('credit_redemptions', { code })).toEqual([
      expect.objectContaining({ status: 'handed' }),
    ])

    // 6. the volunteer sees it handed over; balance and stock exact
    await vp.reload()
    await mine.filter({ hasText: `${ITEM.title}（已领取）` }).waitFor()
    await vp.getByText(`我的可用积分：${after} 分`).waitFor()
    await row.getByText(`需要 ${ITEM.price} 分 · 还剩 ${stock0 - 1} 件`).waitFor()
    await expectElderFriendly(vp)

    await vp.goto(appUrl(cloud, 'mine/pages/credit/index', volunteer))
    await vp.getByText(`可用 ${after} 分`, { exact: true }).waitFor()
    const redeemLine = await lines.first().innerText()
    expect(redeemLine).toContain(`兑换 −${ITEM.price} 分`)
    expect(redeemLine).toContain(`之后余额 ${after} 分`)
    await expectElderFriendly(vp)

    // 7. 积分榜 of the home station this month: the masked name and the month's service and award points
    const monthStart = shanghai().startOf('month').valueOf()
    const monthPoints = (
      cloud.db.find('credit_ledger', { openid: volunteer }) as unknown as Array<{
        kind: string
        points: number
        at: Date
      }>
    )
      .filter(
        (l) => ['service', 'award', 'deduct'].includes(l.kind) && new Date(l.at).getTime() >= monthStart,
      )
      .reduce((sum, l) => sum + l.points, 0)
    expect(monthPoints).toBeGreaterThanOrEqual(25)
    await vp.getByRole('button', { name: '本站本月积分榜' }).click()
    const masked = `${name[0]}*${name[name.length - 1]}`
    const boardList = vp.getByRole('list', { name: '积分榜' })
    const board = boardList.getByRole('listitem').filter({ hasText: masked })
    await board.getByText(`${monthPoints} 分`, { exact: true }).waitFor()
    expect(await boardList.innerText()).not.toContain(name)
    await expectElderFriendly(vp)
  } finally {
    await Promise.all([managerPhone.close(), volunteerPhone.close()])
  }
}, 240_000)
