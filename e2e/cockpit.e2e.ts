import type { Browser, Page } from 'playwright-core'
import type { StatsReport } from '../core/contract'
import type { Result } from '../core/errors'
import type { LocalCloud } from '../local-cloud/src'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

const ROUTE = 'desk/pages/cockpit/index'

async function wideScreen(as: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  await page.goto(appUrl(cloud, ROUTE, as))
  return page
}

/** The report the page shows, asked of the stats function directly as the same person. */
async function monthReport(openid: string): Promise<StatsReport> {
  const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const res = await cloud.callFunction<Result<StatsReport>>(
    'stats',
    { action: 'report', input: { unitId: DEMO_IDS.center, period: 'month', date } },
    { openid, appid: 'wx-e2e' },
  )
  if (!res.ok) throw new Error(res.message)
  return res.data
}

const cellTexts = (page: Page, caption: string) =>
  page
    .locator('table', { has: page.locator('caption', { hasText: caption }) })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())))

test('the center admin sees the map, the month, the funnel and the ranking from the same report', async () => {
  const page = await wideScreen(DEMO_IDENTITIES.centerAdmin)
  try {
    await page.getByRole('heading', { level: 1, name: '数据驾驶舱' }).waitFor()
    await page.getByRole('heading', { name: /^本月数据/ }).waitFor()
    await page.getByRole('img', { name: /阵地分布图/ }).waitFor()

    const units = cloud.db.find('units', { retired: { $ne: true } })
    const perLevel = (level: string) => units.filter((u) => u.level === level).length
    expect(await page.locator('svg.desk-map__plot circle').count()).toBe(units.length)
    await page.getByText(`新时代文明实践中心：1 个`).waitFor()
    await page.getByText(`新时代文明实践站：${perLevel('station')} 个`).waitFor()
    await page.getByText(`新时代文明实践点：${perLevel('point')} 个`).waitFor()

    const report = await monthReport(DEMO_IDENTITIES.centerAdmin)
    const figures = await page
      .locator('.desk-figure')
      .evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, '')))
    expect(figures).toEqual([
      `活动场次${report.figures.activities}场`,
      `参与人次${report.figures.attendances}人次`,
      `志愿服务${report.figures.serviceSessions}人次`,
      `服务时长${Math.round((report.figures.serviceMinutes / 60) * 10) / 10}小时`,
      `群众点单${report.orders!.placed}单`,
    ])

    const funnel = await cellTexts(page, '点单各环节数量')
    const s = report.orders!.byState
    expect(funnel.map((r) => [r[0], Number(r[1])])).toEqual([
      ['群众点单', report.orders!.placed],
      ['已派单', s.dispatched + s.accepted + s.done + s.rated],
      ['已接单', s.accepted + s.done + s.rated],
      ['已完成', s.done + s.rated],
      ['已评价', s.rated],
    ])

    const ranking = await cellTexts(page, '下级单位本月数据')
    expect(ranking).toEqual(
      report.children.map((c, i) => [
        String(i + 1),
        c.name,
        String(c.figures.activities),
        String(c.figures.attendances),
        String(Math.round((c.figures.serviceMinutes / 60) * 10) / 10),
      ]),
    )
    expect(ranking.length).toBe(perLevel('institute'))

    await page.getByText('各单位位置（表格）').click()
    expect((await cellTexts(page, '各单位位置')).length).toBe(units.length)
    expect(await axeViolations(page)).toEqual([])
  } finally {
    await page.context().close()
  }
})

test('a resident sees no figures', async () => {
  const page = await wideScreen(DEMO_IDENTITIES.resident)
  try {
    await page.getByText('数据驾驶舱仅供专管员使用。').waitFor()
    expect(await page.locator('svg.desk-map__plot').count()).toBe(0)
    expect(await axeViolations(page)).toEqual([])
  } finally {
    await page.context().close()
  }
})
