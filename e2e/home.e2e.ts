import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES } from '../scripts/seed'
import { demoUnits } from '../scripts/seed/county'
import { axeViolations } from './support/axe'
import { PHONE, SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { ELDER_LIMITS, STANDARD_LIMITS, measureSizes, sizeProblems } from './support/sizes'

const NEARBY_RADIUS_M = 1000

/** What the seed says should be near the demo coordinates: stations and points within 1 km, nearest first. */
function expectedNearby(): string[] {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const metres = (lat: number, lng: number) => {
    const a =
      Math.sin(rad(lat - DEMO_CENTER_COORDS.latitude) / 2) ** 2 +
      Math.cos(rad(lat)) *
        Math.cos(rad(DEMO_CENTER_COORDS.latitude)) *
        Math.sin(rad(lng - DEMO_CENTER_COORDS.longitude) / 2) ** 2
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
  }
  return demoUnits()
    .filter((u) => (u.level === 'station' || u.level === 'point') && !u.retired)
    .map((u) => ({ name: u.name, d: metres(u.location.coordinates[1], u.location.coordinates[0]) }))
    .filter((u) => u.d <= NEARBY_RADIUS_M)
    .sort((a, b) => a.d - b.d)
    .map((u) => u.name)
}

async function listedNames(page: Page, listName: string): Promise<string[]> {
  const list = page.getByRole('list', { name: listName })
  await list.waitFor()
  return list.locator('.list-item__title').allInnerTexts()
}

async function openFirstStation(page: Page, listName: string): Promise<string> {
  const first = page.getByRole('list', { name: listName }).getByRole('button').first()
  const name = await first.locator('.list-item__title').innerText()
  await first.click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await page.getByRole('link', { name: /拨打电话/ }).waitFor()
  return name
}

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

describe('home page', () => {
  test('with location shared, lists the seeded stations within 1 km, nearest first, with distances', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS })
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index'))
      const expected = expectedNearby()
      expect(expected.length).toBeGreaterThan(2)
      expect(await listedNames(page, '附近的实践站')).toEqual(expected)
      const lines = await page
        .getByRole('list', { name: '附近的实践站' })
        .locator('.list-item__line')
        .allInnerTexts()
      expect(lines.filter((line) => /^距离您(约 \d+ 米|不到 100 米)$/.test(line))).toHaveLength(
        expected.length,
      )
      expect(await page.title()).toBe('文明实践')
      expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('false')
      expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await phone.close()
    }
  })

  test('with location refused, says so and lists every station of the network', async () => {
    const phone = await newPhone(browser)
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index'))
      const all = demoUnits()
        .filter((u) => u.level === 'station' && !u.retired)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => u.name)
      expect(await listedNames(page, '全部实践站')).toEqual(all)
      await page.getByText('您没有允许使用位置').waitFor()
      expect(await page.getByRole('list', { name: '附近的实践站' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: '重新获取位置' }).isVisible()).toBe(true)
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await phone.close()
    }
  })

  test('the 长辈模式 switch turns elder mode on and the page grows', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS })
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index'))
      await listedNames(page, '附近的实践站')
      const switchButton = page.getByRole('switch', { name: /长辈模式/ })
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS).length).toBeGreaterThan(0)
      await switchButton.click()
      expect(await switchButton.getAttribute('aria-checked')).toBe('true')
      expect(await switchButton.innerText()).toContain('已开启')
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
      // the choice is kept for the next visit
      await page.reload()
      await listedNames(page, '附近的实践站')
      expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('true')
    } finally {
      await phone.close()
    }
  })
})

describe('demo identity bar (H5 only)', () => {
  test('?as= presets the identity the local cloud sees; choosing another one switches and is kept', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS })
    try {
      const page = await phone.newPage()
      const identities: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('/api/functions/')) identities.push(request.postDataJSON().identity.openid)
      })
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.elder))
      await listedNames(page, '附近的实践站')
      // every call the page makes (stations, the subscribe button) goes as the chosen identity
      expect([...new Set(identities)]).toEqual([DEMO_IDENTITIES.elder])
      expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('true')

      identities.length = 0
      await Promise.all([
        page.waitForEvent('load'),
        page.getByLabel('演示身份（仅本地）').selectOption(DEMO_IDENTITIES.volunteer),
      ])
      await listedNames(page, '附近的实践站')
      expect(page.url()).not.toContain('as=')
      expect(await page.getByLabel('演示身份（仅本地）').inputValue()).toBe(DEMO_IDENTITIES.volunteer)
      expect([...new Set(identities)]).toEqual([DEMO_IDENTITIES.volunteer])
      // leaving 长辈居民 turns elder mode back off
      expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('false')
    } finally {
      await phone.close()
    }
  })
})

describe('station page', () => {
  test('tapping a station opens its page: details, parent chain, children and a one-tap call', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS })
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index'))
      await listedNames(page, '附近的实践站')
      const name = await openFirstStation(page, '附近的实践站')

      const units = demoUnits()
      const station = units.find((u) => u.name === name)!
      const body = await page.locator('body').innerText()
      for (const text of [station.address, station.hours, station.phone]) expect(body).toContain(text)
      expect(await page.getByRole('link', { name: /拨打电话/ }).getAttribute('href')).toBe(
        `tel:${station.phone.replace(/[^\d+]/g, '')}`,
      )
      const chain = station.ancestors.map((id) => units.find((u) => u._id === id)!.name)
      expect(await listedNames(page, '上级单位')).toEqual(chain)
      const children = units.filter((u) => u.parentId === station._id && !u.retired).map((u) => u.name)
      if (children.length > 0) expect((await listedNames(page, '下属站点')).sort()).toEqual(children.sort())
      expect(await page.title()).toBe(name)
      expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await phone.close()
    }
  })
})

describe.each([
  ['375 × 812', PHONE],
  ['320 × 640', SMALL_PHONE],
])('elder mode (长辈居民) at %s', (_label, viewport) => {
  test('home and station pages meet the elder-mode sizes and pass axe', async () => {
    const phone = await newPhone(browser, { geolocation: DEMO_CENTER_COORDS, viewport })
    try {
      const page = await phone.newPage()
      await page.goto(appUrl(cloud, 'pages/index/index', DEMO_IDENTITIES.elder))
      await listedNames(page, '附近的实践站')
      expect(await page.getByRole('switch', { name: /长辈模式/ }).getAttribute('aria-checked')).toBe('true')
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])

      await openFirstStation(page, '附近的实践站')
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    } finally {
      await phone.close()
    }
  })
})
