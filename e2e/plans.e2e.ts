/**
 * The plan chain end to end on the H5 build: the center admin sets next month's theme and a key date
 * (with its responsible station) on 年度计划, publishes an activity at that station on the key date —
 * the form shows the month's theme with 属于本月主题 switched on — and the station's month view shows
 * the activity carrying the theme and the key date held.
 */
import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { addMonths, monthKeyOf } from '../core/notices/schedule'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'

const STATION = '幸福里社区新时代文明实践站'

let cloud: LocalCloud
let browser: Browser

async function withPhone<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const phone = await newPhone(browser, {})
  try {
    return await fn(await phone.newPage())
  } finally {
    await phone.close()
  }
}

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

describe('年有计划、月有主题、周有活动', () => {
  const next = addMonths(monthKeyOf(new Date()), 1)
  const monthName = `${Number(next.slice(5, 7))}月`
  const theme = `邻里守望 温暖同行 ${Date.now() % 10_000}`
  const keyDate = `${next}-18`
  const title = `邻里节手工课 ${Date.now() % 10_000}`

  test('the center admin sets next month’s theme and a key date with its responsible station', async () => {
    await withPhone(async (page) => {
      await page.goto(appUrl(cloud, 'mine/pages/my/index', DEMO_IDENTITIES.centerAdmin))
      await page.getByRole('button', { name: /^年度计划/ }).click()
      await page.getByRole('heading', { level: 1, name: /年度计划$/ }).waitFor()
      if (next.slice(0, 4) !== String(new Date().getFullYear())) {
        await page.getByRole('button', { name: `看${next.slice(0, 4)}年计划` }).click()
        await page.getByRole('heading', { level: 1, name: `${next.slice(0, 4)}年度计划` }).waitFor()
      }
      await page.getByRole('button', { name: `编辑${monthName}计划` }).click()
      await page.getByLabel(`${monthName}主题（不超过 40 个字）`).fill(theme)
      const keys = await page.getByLabel(/^重要日期\d+：日期$/).count()
      await page.getByRole('button', { name: '添加重要日期', exact: true }).click()
      const n = keys + 1
      await page.getByLabel(`重要日期${n}：日期`).fill(keyDate)
      await page.getByLabel(`重要日期${n}：名称`).fill('邻里节')
      await page.getByLabel(`重要日期${n}：责任单位`).selectOption({ label: STATION })
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('button', { name: `保存${monthName}计划` }).click()
      await page.getByText(new RegExp(`^已保存${monthName}计划`)).waitFor()
      const card = page.getByRole('group', { name: `${monthName}计划` })
      await card.getByText(`${monthName}主题：${theme}`).waitFor()
      await card
        .getByText(`${Number(next.slice(5, 7))}月18日 邻里节（重要日期）· 责任单位：${STATION}`)
        .waitFor()
      expect(await axeViolations(page)).toEqual([])
    })
  })

  test('an activity published on the key date carries the month’s theme', async () => {
    await withPhone(async (page) => {
      await page.goto(appUrl(cloud, 'manager/pages/activity-edit/index', DEMO_IDENTITIES.centerAdmin))
      await page.getByRole('heading', { level: 1, name: '发布活动' }).waitFor()
      await page.getByLabel('举办单位').selectOption({ label: STATION })
      await page.getByLabel(/活动名称/).fill(title)
      await page.getByLabel('开始日期').fill(keyDate)
      await page.getByLabel('开始时间').fill('14:30')
      await page.getByLabel('结束日期').fill(keyDate)
      await page.getByLabel('结束时间').fill('16:00')
      await page.getByLabel('活动地点').fill('幸福里社区活动室')
      await page.getByLabel(/活动介绍/).fill('邻里一起做手工，认识新朋友。')
      await page.getByText(`本月主题：${theme}`).waitFor()
      expect(await page.getByLabel('属于本月主题').isChecked()).toBe(true)
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('button', { name: '发布活动' }).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
    })
  })

  test('the station’s month view shows the plan against what was held', async () => {
    await withPhone(async (page) => {
      await page.goto(
        appUrl(
          cloud,
          `manager/pages/plan-month/index?unitId=${DEMO_IDS.firstStation}&month=${next}`,
          DEMO_IDENTITIES.stationManager,
        ),
      )
      const card = page.getByRole('group', { name: `${STATION}${monthName}主题` })
      await card.getByText(theme).waitFor()
      // the seeded activities carry no theme: the one just published is the only one
      await card.getByText('属于本月主题').locator('..').getByText('1 场').waitFor()
      await page
        .getByText(`${Number(next.slice(5, 7))}月18日 邻里节（重要日期）· 责任单位：${STATION} · 已举办 1 场`)
        .waitFor()
      expect(await axeViolations(page)).toEqual([])
    })
  })
})
