/**
 * The managers' desk in the browser: the center admin sets next month's theme in 年度计划, publishes an
 * activity at a station, residents check in, and 统计 shows the center's month exactly (against a scan of the raw documents: the seeded
 * year of history plus the new attendances, and +1 场 / +3 人次 against the page before); the Excel file
 * downloaded from the page holds the same numbers (read back with exceljs). A station manager sees only
 * their station's subtree. The page at 320 px, axe clean.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { activities as activitiesSpec, type ActivityDoc } from '../core/contract/activities.collections'
import { serviceRecords as serviceSpec, type ServiceDoc } from '../core/contract/signin.collections'
import { dateTimeFields } from '../core/activities/form'
import { monthRange, shanghai } from '../core/time'
import type { LocalCloud } from '../local-cloud/src'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { clearOfMidnight } from '../testing/clock'
import { axeViolations } from './support/axe'
import { SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { STANDARD_LIMITS, measureSizes, sizeProblems } from './support/sizes'

let cloud: LocalCloud
let browser: Browser
const dir = mkdtempSync(path.join(tmpdir(), 'stats-e2e-'))

beforeAll(async () => {
  // publish, check in and read the month within one Shanghai day (and month)
  await clearOfMidnight(5 * 60_000)
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 360_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const { centerAdmin, stationManager } = DEMO_IDENTITIES
const STATION_NAME = '幸福里社区新时代文明实践站'

interface PageFigures {
  activities: number
  attendances: number
  serviceSessions: number
  serviceHours: number
}

/** The 统计数字 list as the page writes it. */
async function pageFigures(page: Page): Promise<PageFigures> {
  const list = page.getByRole('list', { name: '统计数字' })
  await list.waitFor()
  const text = await list.innerText()
  const num = (label: string, unit: string) => {
    const m = new RegExp(`${label}\\s*([\\d.]+) ${unit}`).exec(text)
    if (!m) throw new Error(`no ${label} in: ${text}`)
    return Number(m[1])
  }
  return {
    activities: num('活动场次', '场'),
    attendances: num('参与人次', '人次'),
    serviceSessions: num('志愿服务', '人次'),
    serviceHours: num('服务时长', '小时'),
  }
}

/** The center's month from the raw documents (what the counters must equal). */
function rawMonth(unitId: string, now: number): PageFigures {
  const { start, end } = monthRange(now)
  const inside = (d: Date | string) => new Date(d) >= start && new Date(d) < end
  const acts = (cloud.db.find(activitiesSpec.name, {}) as unknown as ActivityDoc[]).filter(
    (a) => a.unitPath.includes(unitId) && inside(a.start),
  )
  const confirmed = (
    cloud.db.find(serviceSpec.name, { status: 'confirmed' }) as unknown as ServiceDoc[]
  ).filter((r) => r.unitPath.includes(unitId) && inside(r.activityStart))
  const minutes = confirmed.reduce((n, r) => n + (r.minutes ?? 0), 0)
  return {
    activities: acts.filter((a) => a.status === 'published').length,
    attendances: acts.reduce((n, a) => n + (a.attendedCount ?? 0), 0),
    serviceSessions: confirmed.length,
    serviceHours: Math.round((minutes / 60) * 10) / 10,
  }
}

async function openStats(page: Page, as: string): Promise<void> {
  await page.goto(appUrl(cloud, 'manager/pages/stats/index', as))
  await page.getByRole('heading', { level: 1, name: '统计' }).waitFor()
}

test('the center admin publishes, residents check in, 统计 and its Excel show the exact counts', async () => {
  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()

    // 年度计划: next month's theme
    const next = shanghai(Date.now()).startOf('month').add(1, 'month').format('YYYY-MM')
    const [year, n] = [next.slice(0, 4), Number(next.slice(5, 7))]
    await page.goto(appUrl(cloud, 'manager/pages/plan/index', centerAdmin))
    await page.getByRole('heading', { level: 1, name: /年度计划$/ }).waitFor()
    if (!(await page.getByRole('heading', { level: 1, name: `${year}年度计划` }).count()))
      await page.getByRole('button', { name: `看${year}年计划` }).click()
    await page.getByRole('heading', { level: 1, name: `${year}年度计划` }).waitFor()
    await page.getByRole('button', { name: `编辑${n}月计划` }).click()
    const theme = `文明新风进万家${n}月`
    await page.getByLabel(new RegExp(`^${n}月主题`)).fill(theme)
    await page.getByRole('button', { name: `保存${n}月计划` }).click()
    await page.getByText(new RegExp(`^已保存${n}月计划`)).waitFor()
    await page.getByText(`${n}月主题：${theme}`).waitFor()

    await openStats(page, centerAdmin)
    const before = await pageFigures(page)
    const now = Date.now()
    expect(before).toEqual(rawMonth(DEMO_IDS.center, now))
    // the seeded history gives the charts a shape
    expect(before.attendances).toBeGreaterThan(50)
    await page.getByRole('list', { name: '下级单位参与人次' }).getByRole('listitem').first().waitFor()
    expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
    expect(await axeViolations(page)).toEqual([])

    // publish at the first station, starting in a quarter of an hour: 签到 is open from 30 minutes before
    await page.goto(appUrl(cloud, 'manager/pages/activity-edit/index'))
    await page.getByRole('heading', { level: 1, name: '发布活动' }).waitFor()
    const start = Math.ceil((Date.now() + 15 * 60_000) / 60_000) * 60_000
    const from = dateTimeFields(start)
    const to = dateTimeFields(start + 60 * 60_000)
    const title = `统计测试宣讲 ${Date.now() % 10_000}`
    await page.getByLabel('举办单位').selectOption({ label: STATION_NAME })
    await page.getByLabel(/活动名称/).fill(title)
    await page.getByLabel('活动类别').selectOption('理论宣讲')
    await page.getByLabel('开始日期').fill(from.date)
    await page.getByLabel('开始时间').fill(from.time)
    await page.getByLabel('结束日期').fill(to.date)
    await page.getByLabel('结束时间').fill(to.time)
    await page.getByLabel('活动地点').fill('党群服务中心一楼大厅')
    await page.getByLabel(/活动介绍/).fill('讲讲身边的新变化、新政策。')
    await page.getByRole('button', { name: '发布活动' }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const [published] = cloud.db.find(activitiesSpec.name, { title }) as unknown as ActivityDoc[]
    expect(published?.unitId).toBe(DEMO_IDS.firstStation)

    // three residents check in from their phones (signin.checkIn, as the station landing calls it)
    for (const openid of ['seed-resident-101', 'seed-resident-102', DEMO_IDENTITIES.resident]) {
      const res = await cloud.callFunction<{ ok: boolean }>(
        'signin',
        { action: 'checkIn', input: { activityId: published!._id } },
        { openid },
      )
      expect(res).toMatchObject({ ok: true })
    }

    await openStats(page, centerAdmin)
    const after = await pageFigures(page)
    expect(after).toEqual(rawMonth(DEMO_IDS.center, Date.now()))
    expect(after.activities - before.activities).toBe(1)
    expect(after.attendances - before.attendances).toBe(3)

    // 导出 Excel: the browser downloads the file; its 汇总 holds the page's numbers
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: '导出 Excel 表格' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^青禾县新时代文明实践中心-\d{4}年\d{1,2}月统计\.xlsx$/)
    const file = path.join(dir, 'month.xlsx')
    await download.saveAs(file)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const summary = new Map<string, unknown>()
    book
      .getWorksheet('汇总')!
      .eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value))
    expect({
      activities: summary.get('活动场次'),
      attendances: summary.get('参与人次'),
      serviceSessions: summary.get('志愿服务人次'),
      serviceHours: summary.get('服务时长（小时）'),
    }).toEqual(after)
    // the 活动 sheet lists the new activity with its three check-ins
    const listed: number[] = []
    book.getWorksheet('活动')!.eachRow((row) => {
      if (row.getCell(1).value === title) listed.push(Number(row.getCell(8).value))
    })
    expect(listed).toEqual([3])
  } finally {
    await phone.close()
  }
}, 300_000)

test('a station manager sees only their station’s subtree', async () => {
  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    await openStats(page, stationManager)
    await page.getByText(STATION_NAME, { exact: true }).first().waitFor()
    const figures = await pageFigures(page)
    expect(figures).toEqual(rawMonth(DEMO_IDS.firstStation, Date.now()))
    const body = await page.locator('body').innerText()
    expect(body).not.toContain('青禾县新时代文明实践中心')
    expect(await page.getByRole('button', { name: /^返回上级/ }).count()).toBe(0)
    // the server refuses the center's figures to them whatever the page asks
    const refused = await cloud.callFunction<{ ok: boolean; code?: string }>(
      'stats',
      {
        action: 'report',
        input: { unitId: DEMO_IDS.center, period: 'month', date: dateTimeFields(Date.now()).date },
      },
      { openid: stationManager },
    )
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  } finally {
    await phone.close()
  }
}, 120_000)

test('the center admin drills into an institute and back, and moves to last year', async () => {
  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    await openStats(page, centerAdmin)
    await page.getByRole('button', { name: '查看城关街道新时代文明实践所' }).click()
    await page.getByRole('button', { name: '返回上级：青禾县新时代文明实践中心' }).waitFor()
    expect(await pageFigures(page)).toEqual(rawMonth('u-qh-i01', Date.now()))
    await page.getByRole('button', { name: '按年统计' }).click()
    await page.getByRole('button', { name: '上一年' }).click()
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1
    await page.getByText(`${year}年（${year}-01-01 至 ${year}-12-31）`).waitFor()
    await page.getByRole('group', { name: /^各月人次：/ }).waitFor()
    await page.getByRole('button', { name: '返回上级：青禾县新时代文明实践中心' }).click()
    await page.getByRole('button', { name: '查看城关街道新时代文明实践所' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
  } finally {
    await phone.close()
  }
}, 120_000)
