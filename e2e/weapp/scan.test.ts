/** A station's mini-program code opens pages/scan/index with its `scene`: the landing and 签到 on weapp. */
import type { LocalCloud } from '../../local-cloud/src'
import { activityDoc } from '../../testing/activity-doc'
import { clearOfMidnight } from '../../testing/clock'
import { stationScene } from '../../core/signin/scene'
import { dayRange } from '../../core/time'
import { DEMO_IDS } from '../../scripts/seed'
import { demoUnits } from '../../scripts/seed/county'
import { callAction, startDemoCloud } from './support/cloud'
import { launchWeapp, newReader } from './support/session'

const STATION = demoUnits().find((u) => u._id === DEMO_IDS.firstStation)!
const UNDER_WAY = { _id: 'weapp-signin-now', title: '防范养老诈骗讲座（weapp 签到）' }

let cloud: LocalCloud
beforeAll(async () => {
  // the landing lists today's activities: today must not turn while the file runs
  await clearOfMidnight(120_000)
  cloud = await startDemoCloud()
  const now = Date.now()
  await cloud.db.insertMany('activities', [
    activityDoc(
      {
        ...UNDER_WAY,
        start: new Date(Math.max(now - 20 * 60_000, dayRange(now).start.getTime())),
        end: new Date(now + 90 * 60_000),
      },
      now,
    ),
  ] as unknown as Record<string, unknown>[])
}, 200_000)
afterAll(async () => {
  await cloud?.stop()
})

/** What WeChat passes to onLoad when a mini-program code is scanned: the scene, URI-encoded. */
const fromCode = (scene: string) => ({ scene: encodeURIComponent(scene) })

describe('scan landing (weapp)', () => {
  test('the station code lands on the station; 签到 signs the reader in', async () => {
    const reader = newReader()
    const app = launchWeapp(cloud, reader)
    const page = await app.open('pages/scan/index', fromCode(stationScene(STATION.code)))
    await page.findText(`正在进行：${UNDER_WAY.title}`)
    expect(page.byClass('page__title').map((n) => n.text())).toEqual([STATION.name])
    expect(page.has(STATION.address)).toBe(true)
    expect(app.wx.callsTo('cloud.callFunction').map((c) => c.args)).toContainEqual({
      name: 'signin',
      data: { action: 'scanStation', input: { scene: stationScene(STATION.code) } },
    })

    await page.tap(/^签到$/)
    await page.findText(/已签到（(上午|中午|下午|晚上)\d+:\d\d）/)
    expect(page.find((n) => n.text() === '签到')).toBeNull()
    const checkIn = app.wx
      .callsTo('cloud.callFunction')
      .find((c) => (c.args as { data: { action: string } }).data.action === 'checkIn')
    expect(checkIn).toMatchObject({
      insideTap: true,
      args: { data: { input: { activityId: UNDER_WAY._id } } },
    })
  })

  test('already signed in: the landing says so and offers no 签到', async () => {
    const reader = newReader()
    await callAction(cloud, reader, 'signin', 'checkIn', { activityId: UNDER_WAY._id })
    const app = launchWeapp(cloud, reader)
    const page = await app.open('pages/scan/index', fromCode(stationScene(STATION.code)))
    await page.findText(/已签到（(上午|中午|下午|晚上)\d+:\d\d）/)
    expect(page.find((n) => n.tagName === 'button' && n.text() === '签到')).toBeNull()
  })

  test('a code for no station says what is wrong', async () => {
    const app = launchWeapp(cloud, newReader())
    const page = await app.open('pages/scan/index', fromCode('hello'))
    await page.findText('扫码签到')
    expect(
      app.wx.callsTo('cloud.callFunction').filter((c) => JSON.stringify(c.args).includes('scan')),
    ).toEqual([])
  })
})
