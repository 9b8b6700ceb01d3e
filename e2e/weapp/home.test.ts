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
