/**
 * The monthly practice-day notice, end to end on the H5 build: the center admin sets tomorrow as the
 * practice day with its notice due from 00:00 today, a resident taps 订阅 on the home page (the local
 * cloud's stand-in for WeChat's prompt records the credit), the timer is fired on demand, the outbox
 * holds the notice, and the button now offers next month's subscription.
 */
import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { shanghai } from '../core/time'
import { DEFAULT_NOTICE_TEMPLATE } from '../core/notices/template'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { PHONE, SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { ELDER_LIMITS, STANDARD_LIMITS, measureSizes, sizeProblems } from './support/sizes'

const TEMPLATE = DEFAULT_NOTICE_TEMPLATE.id
const STATION = '幸福里社区新时代文明实践站'

let cloud: LocalCloud
let browser: Browser

async function withPhone<T>(
  options: Parameters<typeof newPhone>[1],
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const phone = await newPhone(browser, options)
  try {
    return await fn(await phone.newPage())
  } finally {
    await phone.close()
  }
}

/** Taps 保存实践日设置 and waits for the answer and the page's 已保存 line. */
async function saveSettings(page: Page): Promise<void> {
  const answered = page.waitForResponse(
    (r) =>
      r.url().includes('/api/functions/notices') &&
      (r.request().postDataJSON() as { data?: { action?: string } }).data?.action === 'setSettings',
  )
  await page.getByRole('button', { name: '保存实践日设置' }).click()
  const body = (await (await answered).json()) as { result?: { ok?: boolean } }
  expect(body.result?.ok).toBe(true)
  await page.getByText(/^已保存。下次提醒/).waitFor()
}

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

describe('monthly practice-day notice', () => {
  /** tomorrow, fixed when the file starts (a midnight passing during the run does not move it) */
  const practiceDay = shanghai(new Date()).add(1, 'day')
  test('the center admin makes tomorrow the practice day, its notice due now', async () => {
    // due now, and still due should midnight pass while the file runs (a notice due today would not be)
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'manager/pages/notices/index', DEMO_IDENTITIES.centerAdmin))
      await page.getByRole('heading', { level: 1, name: '实践日提醒' }).waitFor()
      await page.getByLabel('每月几日（1–31）').fill(String(practiceDay.date()))
      await page.getByLabel('提前几天提醒（0–7）').fill('1')
      await page.getByLabel('提醒发送时间').fill('00:00')
      await saveSettings(page)
      // the theme fields are the saved practice day's month and the next: the new day's month is there
      // now (before saving it was there only if the old practice day fell in the same month)
      await page.getByLabel(`${practiceDay.month() + 1}月主题`).fill('邻里守望 温暖同行')
      await saveSettings(page)
      expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    })
  })

  test('a resident subscribes on the home page; the button says so', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.resident))
      const card = page.getByRole('group', { name: '文明实践日提醒' })
      await card.getByText(/^下次文明实践日：.*主题「邻里守望 温暖同行」/).waitFor()
      await card.getByRole('button', { name: '点此订阅文明实践日提醒' }).click()
      // the month named is the practice day's own (tomorrow's): never "下月" for this month's
      await card.getByText(`✓ 已订阅${practiceDay.month() + 1}月文明实践日提醒`).waitFor()
      await card.getByText(/^订阅成功/).waitFor()
      expect(cloud.openapi.credits(DEMO_IDENTITIES.resident, TEMPLATE)).toBe(1)
      expect(await axeViolations(page)).toEqual([])
    })
  })

  test('subscribing on a station page makes the notice name that station', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, `pages/station/index?id=${DEMO_IDS.firstStation}`, DEMO_IDENTITIES.elder))
      const card = page.getByRole('group', { name: '文明实践日提醒' })
      await card.getByRole('button', { name: '点此订阅文明实践日提醒' }).click()
      await card.getByText(`提醒会写明${STATION}的实践日活动`).waitFor()
    })
  })

  test('the timer fired on demand sends each subscriber the notice once; the button offers next month', async () => {
    const before = cloud.outbox({ templateId: TEMPLATE }).length
    await cloud.fireTimer('notices')
    const mine = cloud.outbox({ touser: DEMO_IDENTITIES.resident, templateId: TEMPLATE })
    expect(mine).toHaveLength(1)
    expect(mine[0]!.page).toBe('pages/index/index')
    expect(mine[0]!.data.thing1!.value).toBe('邻里守望 温暖同行')
    expect(mine[0]!.data.time2!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
    expect(cloud.outbox({ touser: DEMO_IDENTITIES.elder, templateId: TEMPLATE })).toHaveLength(1)
    // the seeded subscribers got theirs too, and nobody twice
    const counts = new Map<string, number>()
    for (const m of cloud.outbox({ templateId: TEMPLATE }))
      counts.set(m.touser, (counts.get(m.touser) ?? 0) + 1)
    expect(counts.size).toBeGreaterThan(before)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(cloud.openapi.credits(DEMO_IDENTITIES.resident, TEMPLATE)).toBe(0)

    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.resident))
      const card = page.getByRole('group', { name: '文明实践日提醒' })
      const nextMonth = practiceDay.add(1, 'month').month() + 1
      await card.getByRole('button', { name: `点此订阅${nextMonth}月文明实践日提醒` }).waitFor()
      expect(await card.getByText(/已订阅/).count()).toBe(0)
    })
  })

  test('the admin sees the job: every count written out', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'manager/pages/notices/index', DEMO_IDENTITIES.centerAdmin))
      await page.getByText(/文明实践日提醒：邻里守望 温暖同行（已发送完）/).waitFor()
      await page.getByText(/^应发 \d+ 人：已送达 \d+ 人，未送达 0 人，待发送 0 人$/).waitFor()
      expect(await axeViolations(page)).toEqual([])
    })
  })
})

describe.each([
  ['375 × 812', PHONE],
  ['320 × 640', SMALL_PHONE],
])('elder mode at %s', (_label, viewport) => {
  test('the subscribe card on the home page meets the elder-mode sizes and passes axe', async () => {
    await withPhone({ viewport }, async (page) => {
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.elder))
      await page.getByRole('group', { name: '文明实践日提醒' }).waitFor()
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    })
  })
})
