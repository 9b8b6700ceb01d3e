import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { clearOfMidnight } from '../testing/clock'
import { weekKey } from '../core/time'
import { atShanghai, dateTimeFields } from '../core/activities/form'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { PHONE, SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { expectElderFriendly } from './support/elder'

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  // the seeded week (its 今天, its cancelled activity) must stay this week while the file runs
  await clearOfMidnight(60_000)
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

/** The day headings of the weekly list, Monday first. */
async function dayHeadings(page: Page): Promise<string[]> {
  return page.getByRole('heading', { level: 2 }).allInnerTexts()
}

/** The list buttons of the week whose status line says 报名中. */
function openForRegistration(page: Page) {
  return page.getByRole('listitem').getByRole('button').filter({ hasText: '状态：报名中' })
}

describe('an elderly resident (长辈模式)', () => {
  test('opens this week, goes to next week, opens an activity and registers', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS })
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.elder))
      await page.getByRole('button', { name: '本周活动' }).click()
      await page.getByRole('heading', { level: 1, name: '本周活动' }).waitFor()
      await page.getByText(/^地点：您附近/).waitFor()
      await page
        .getByText(/^状态：/)
        .first()
        .waitFor()
      // this week opens at today (the days already over wait behind a button)
      const days = (await dayHeadings(page)).filter((d) => /^\d+月\d+日 星期[一二三四五六日]/.test(d))
      expect(days[0]).toContain('（今天）')
      await expectElderFriendly(page)

      await page.getByRole('button', { name: '下一周' }).click()
      await page.getByRole('heading', { level: 1, name: '下周活动' }).waitFor()
      await openForRegistration(page).first().waitFor()
      await expectElderFriendly(page)

      const item = openForRegistration(page).first()
      const title = await item.locator('.list-item__title').innerText()
      await item.click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByRole('button', { name: '我要报名' }).waitFor()
      expect(await page.getByRole('button', { name: '朗读活动内容' }).count()).toBe(1)
      expect(await page.getByRole('link', { name: /拨打电话/ }).getAttribute('href')).toMatch(/^tel:\d+$/)
      expect(await page.locator('body').innerText()).toMatch(/时间\s*\S*\s*\d+月\d+日 星期/)
      await expectElderFriendly(page)

      await page.getByRole('button', { name: '我要报名' }).click()
      await page.getByText(/^报名成功！/).waitFor()
      await page.getByText('您已报名这个活动。').waitFor()
      await expectElderFriendly(page)

      await page.goto(appUrl(cloud, 'mine/pages/my/index'))
      await page.getByRole('switch', { name: /长辈模式/ }).waitFor()
      await expectElderFriendly(page)
      await page.getByRole('button', { name: /我的活动/ }).click()
      await page.getByRole('heading', { level: 1, name: '我的活动' }).waitFor()
      await page.getByRole('list', { name: '即将参加的活动' }).getByText(title).waitFor()
      await expectElderFriendly(page)
    } finally {
      await phone.close()
    }
  })

  test.each([
    ['375 × 812', PHONE],
    ['320 × 640', SMALL_PHONE],
  ])('reads a station week and a detail at %s without sideways scrolling', async (_label, viewport) => {
    const phone = await newPhone(browser, { viewport })
    try {
      const page = await phone.newPage()
      await page.goto(
        appUrl(cloud, `pages/week/index?unitId=${DEMO_IDS.firstStation}`, DEMO_IDENTITIES.elder),
      )
      await page.getByText('地点：幸福里社区新时代文明实践站').waitFor()
      // the seeded cancelled activity may fall on a day already over: show those days too
      await page
        .getByText(/^状态：/)
        .first()
        .waitFor()
      const earlier = page.getByRole('button', { name: /看本周已过去的日子/ })
      if (await earlier.count()) await earlier.click()
      await page
        .getByText(/^状态：已取消/)
        .first()
        .waitFor()
      await expectElderFriendly(page)
      const first = page.getByRole('listitem').getByRole('button').first()
      const title = await first.locator('.list-item__title').innerText()
      await first.click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByRole('link', { name: /拨打电话/ }).waitFor()
      await expectElderFriendly(page)
    } finally {
      await phone.close()
    }
  })

  test('still sees the last list on a dead network, and is told it may be old', async () => {
    const phone = await newPhone(browser)
    try {
      const page = await phone.newPage()
      const url = appUrl(cloud, `pages/week/index?unitId=${DEMO_IDS.firstStation}`, DEMO_IDENTITIES.elder)
      await page.goto(url)
      const first = page.getByRole('listitem').getByRole('button').first()
      await first.waitFor()
      const title = await first.locator('.list-item__title').innerText()
      await page.route('**/api/functions/**', (route) => route.abort())
      await page.reload()
      await page.getByText(/网络不太好，下面是.*保存的活动/).waitFor()
      await page.getByRole('listitem').getByText(title).first().waitFor()
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await phone.close()
    }
  })
})

describe('a station manager', () => {
  test('publishes an activity and it appears in the weekly list', async () => {
    const phone = await newPhone(browser)
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'mine/pages/my/index', DEMO_IDENTITIES.stationManager))
      await page.getByRole('button', { name: /管理活动/ }).click()
      await page.getByRole('heading', { level: 1, name: '管理活动' }).waitFor()
      await page
        .getByText(/^已报名 \d+ \/ \d+ 人/)
        .first()
        .waitFor()
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('button', { name: '发布新活动' }).click()
      await page.getByRole('heading', { level: 1, name: '发布活动' }).waitFor()

      // The rules answer in words before anything is sent.
      await page.getByRole('button', { name: '发布活动' }).click()
      await page.getByText('请填写活动名称').waitFor()
      expect(await axeViolations(page)).toEqual([])

      const start = Date.now() + 2 * 86_400_000
      const { date } = dateTimeFields(start)
      const title = `老年人防跌倒讲座 ${Date.now() % 10_000}`
      await page.getByLabel(/活动名称/).fill(title)
      await page.getByLabel('活动类别').selectOption('健康义诊')
      await page.getByLabel('开始日期').fill(date)
      await page.getByLabel('开始时间').fill('14:30')
      await page.getByLabel('结束日期').fill(date)
      await page.getByLabel('结束时间').fill('14:00')
      await page.getByLabel('活动地点').fill('党群服务中心一楼大厅')
      await page.getByLabel(/活动介绍/).fill('康复科医生讲解居家防跌倒的要点。')
      await page.getByLabel('需要报名').check()
      await page.getByLabel('报名人数上限').fill('40')
      await page.getByRole('button', { name: '发布活动' }).click()
      await page.getByText('结束时间应晚于开始时间').waitFor()

      await page.getByLabel('结束时间').fill('16:00')
      await page.getByRole('button', { name: '发布活动' }).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByText('状态：报名中，还剩 40 个名额（共 40 个）').waitFor()

      const week = weekKey(atShanghai(date, '14:30'))
      await page.goto(appUrl(cloud, `pages/week/index?unitId=${DEMO_IDS.firstStation}&week=${week}`))
      const listed = page.getByRole('listitem').getByRole('button').filter({ hasText: title })
      await listed.waitFor()
      expect(await listed.innerText()).toContain('时间：下午2:30–4:00')
    } finally {
      await phone.close()
    }
  })
})
