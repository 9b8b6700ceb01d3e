/** The home page on the weapp build: stations near the reader, or all of them when location is refused. */
import type { LocalCloud } from '../../local-cloud/src'
import { DEMO_CENTER_COORDS, DEMO_IDENTITIES } from '../../scripts/seed'
import { demoUnits } from '../../scripts/seed/county'
import { startDemoCloud } from './support/cloud'
import { launchWeapp } from './support/session'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startDemoCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

const liveStations = () => demoUnits().filter((u) => u.level === 'station' && !u.retired)

/** What the seed puts within 1 km of the demo coordinates (stations and points), nearest first. */
function expectedNearby(): string[] {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const { latitude, longitude } = DEMO_CENTER_COORDS
  const metres = ([lng, lat]: number[]) => {
    const a =
      Math.sin(rad(lat! - latitude) / 2) ** 2 +
      Math.cos(rad(lat!)) * Math.cos(rad(latitude)) * Math.sin(rad(lng! - longitude) / 2) ** 2
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
  }
  return demoUnits()
    .filter((u) => (u.level === 'station' || u.level === 'point') && !u.retired)
    .map((u) => ({ name: u.name, d: metres(u.location.coordinates) }))
    .filter((u) => u.d <= 1000)
    .sort((a, b) => a.d - b.d)
    .map((u) => u.name)
}

describe('home page (weapp)', () => {
  test('location refused: says so and lists every station of the network', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, { scenario: { location: 'denied' } })
    const page = await app.open('pages/index/index')
    await page.findText('您没有允许使用位置')
    const expected = liveStations()
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((u) => u.name)
    const names = await page.waitFor(() => {
      const titles = page.byClass('list-item__title').map((n) => n.text())
      return titles.length > 0 && titles
    }, 'the station list')
    expect(names).toEqual(expected)
    // the aria attributes reach WeChat's template (config/plugins/weapp-aria.ts, both halves)
    const list = page.root.find((n) => n.attr('aria-role') === 'list')
    expect(list?.attr('aria-label')).toBe('全部实践站')
    expect(page.has('重新获取位置')).toBe(true)
    expect(app.wx.callsTo('getLocation')).toEqual([
      { api: 'getLocation', args: { type: 'gcj02' }, insideTap: false },
    ])
    expect(app.wx.callsTo('cloud.callFunction').map((c) => c.args)).toContainEqual({
      name: 'stations',
      data: { action: 'list', input: { limit: 100 } },
    })
  })

  test('location granted: the stations within 1 km, nearest first, with distances; a tap opens one', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, { scenario: { location: DEMO_CENTER_COORDS } })
    const page = await app.open('pages/index/index')
    const names = await page.waitFor(() => {
      const titles = page.byClass('list-item__title').map((n) => n.text())
      return titles.length > 0 && titles
    }, 'the nearby list')
    const byName = new Map(demoUnits().map((u) => [u.name, u]))
    expect(names.length).toBeGreaterThan(2)
    expect(names).toEqual(expectedNearby())
    const distances = page
      .byClass('list-item__line')
      .map((n) => n.text())
      .filter((l) => l.startsWith('距离您'))
    expect(distances).toHaveLength(names.length)
    expect(page.has('您没有允许使用位置')).toBe(false)
    const nearby = app.wx
      .callsTo('cloud.callFunction')
      .find((c) => JSON.stringify(c.args).includes('"nearby"'))
    expect(nearby?.args).toMatchObject({
      name: 'stations',
      data: { action: 'nearby', input: DEMO_CENTER_COORDS },
    })

    await page.tap(names[0]!)
    expect(app.wx.callsTo('navigateTo').at(-1)).toEqual({
      api: 'navigateTo',
      args: { url: `/pages/station/index?id=${byName.get(names[0]!)!._id}` },
      insideTap: true,
    })
    await app.until(() => app.page.route === 'pages/station/index', 'the station page')
  })
})

describe('station page (weapp)', () => {
  test('shows the station, its parent chain and the one-tap call; 本站本周活动 opens its week', async () => {
    const station = liveStations()[0]!
    const units = demoUnits()
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident)
    const page = await app.open('pages/station/index', { id: station._id })
    await page.findText(station.address)
    for (const text of [station.hours, station.phone]) expect(page.has(text)).toBe(true)
    expect(page.byClass('page__title').map((n) => n.text())).toEqual([station.name])
    const chain = station.ancestors.map((id) => units.find((u) => u._id === id)!.name)
    for (const name of chain) expect(page.has(name)).toBe(true)
    expect(app.wx.callsTo('setNavigationBarTitle').at(-1)?.args).toEqual({ title: station.name })

    await page.tap(/拨打电话/)
    expect(app.wx.callsTo('makePhoneCall')).toEqual([
      { api: 'makePhoneCall', args: { phoneNumber: station.phone }, insideTap: true },
    ])
    await page.tap('本站本周活动')
    await app.until(() => app.page.route === 'pages/week/index' && app.page, 'the week page')
    expect(app.page.query).toEqual({ unitId: station._id })
  })
})

describe('privacy consent (weapp)', () => {
  test('getLocation waits for consent; agreeing resumes it and the nearby stations show', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, {
      scenario: { privacy: 'ask', location: DEMO_CENTER_COORDS },
    })
    const page = await app.open('pages/index/index')
    await page.findText('同意并继续')
    expect(app.wx.heldCalls()).toEqual(['getLocation'])
    expect(page.has('正在获取您的位置')).toBe(true)

    await page.tap('同意并继续')
    await page.waitFor(() => !page.has('同意并继续'), 'the prompt to close')
    expect(app.wx.heldCalls()).toEqual([])
    const nearby = await page.waitFor(
      () =>
        page.find((n) => n.attr('aria-label') === '附近的实践站') ??
        page.find((n) => n.text().includes('您没有允许使用位置')),
      'the nearby list (or the refusal)',
    )
    expect(nearby.attr('aria-label')).toBe('附近的实践站')
    expect(
      nearby.findAll((n) => String(n.attr('class')) === 'list-item__title').map((n) => n.text()),
    ).toEqual(expectedNearby())
  })

  test('refusing fails the held call: the page says so and lists every station', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, {
      scenario: { privacy: 'ask', location: DEMO_CENTER_COORDS },
    })
    const page = await app.open('pages/index/index')
    await page.findText('同意并继续')
    await page.tap('不同意')
    await page.findText('您没有允许使用位置')
    expect(page.has('同意并继续')).toBe(false)
    await page.findText(liveStations()[0]!.name)
  })
})

describe('elder mode (weapp) follows getAppBaseInfo().fontSizeSetting', () => {
  test.each([
    ['standard font (17 px)', 17, '已关闭', 'page'],
    ['care-mode font (23.8 px)', 23.8, '已开启', 'page page--elder'],
  ])('%s', async (_label, fontSizeSetting, state, pageClass) => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident, { scenario: { fontSizeSetting } })
    const page = await app.open('pages/index/index')
    await page.findText(`长辈模式：${state}`)
    expect(page.root.find((n) => String(n.attr('class')).startsWith('page'))?.attr('class')).toBe(pageClass)
    expect(app.wx.callsTo('getAppBaseInfo')).toHaveLength(1)
  })

  test("the reader's own choice wins over the font and is kept for the next launch", async () => {
    const first = launchWeapp(cloud, DEMO_IDENTITIES.resident, { scenario: { fontSizeSetting: 23.8 } })
    const page = await first.open('pages/index/index')
    await page.tap('长辈模式：已开启')
    await page.findText('长辈模式：已关闭')
    const next = launchWeapp(cloud, DEMO_IDENTITIES.resident, {
      scenario: { fontSizeSetting: 23.8 },
      storage: first.wx.storage,
    })
    const again = await next.open('pages/index/index')
    await again.findText('长辈模式：已关闭')
  })
})
