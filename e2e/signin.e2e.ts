import type { Browser, Page } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { getUnlimited, wxacodeTarget } from '../local-cloud/src/openapi/wxacode'
import type { OutputOf } from '../core/contract'
import { clearOfMidnight } from '../testing/clock'
import { parseScene } from '../core/signin/scene'
import { dayRange } from '../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { PHONE, SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { ELDER_LIMITS, STANDARD_LIMITS, measureSizes, sizeProblems } from './support/sizes'

const STATION = '幸福里社区新时代文明实践站'
const ACTIVITY_ID = 'e2e-signin-lecture'
const ACTIVITY_TITLE = '防范养老诈骗讲座（签到测试）'

let cloud: LocalCloud
let browser: Browser

async function call<T>(fn: string, action: string, input: unknown, openid: string): Promise<T> {
  const res = (await cloud.callFunction(fn, { action, input }, { openid })) as { ok: boolean; data: T }
  if (!res.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(res)}`)
  return res.data
}

/** The same URL with a demo identity (the H5 switcher's `?as=` in the hash query). */
const as = (url: string, openid: string) => `${url}${url.includes('?') ? '&' : '?'}as=${openid}`

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

beforeAll(async () => {
  // the landing lists today's activities: today must not turn while the file runs
  await clearOfMidnight(60_000)
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
  const now = Date.now()
  await cloud.db.insertMany('activities', [
    {
      _id: ACTIVITY_ID,
      unitId: DEMO_IDS.firstStation,
      unitPath: [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation],
      unitName: STATION,
      title: ACTIVITY_TITLE,
      category: '法律服务',
      description: '派出所民警讲解养老诈骗的常见手法。',
      place: '党群服务中心一楼大厅',
      // under way all day long whenever the test runs (the landing lists today's activities)
      start: new Date(Math.max(now - 20 * 60_000, dayRange(now).start.getTime())),
      end: new Date(now + 90 * 60_000),
      registrationRequired: false,
      capacity: null,
      registeredCount: 0,
      volunteerSlots: 4,
      theme: null,
      practiceDay: false,
      coverFileId: null,
      contactPhone: '0536-7211001',
      status: 'published',
      cancelReason: null,
      attendedCount: 0,
      createdBy: DEMO_IDENTITIES.stationManager,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      registrants: [],
    },
  ])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

describe('station code → resident sign-in', () => {
  let stationUrl = ''

  test('a manager generates the station’s code once; it opens the scan page with the station scene', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'manager/pages/station-codes/index', DEMO_IDENTITIES.stationManager))
      const list = page.getByRole('list', { name: '站点二维码' })
      await list.waitFor()
      await page.getByRole('button', { name: `为 ${STATION} 生成二维码` }).click()
      await page.getByRole('img', { name: `${STATION} 站点二维码` }).waitFor()
      await list
        .getByText(/已生成（第 1 版/)
        .first()
        .waitFor()
      expect(await page.getByRole('button', { name: `下载 ${STATION} 的打印图片` }).isVisible()).toBe(true)
      expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
    })

    const { dataUrl, code } = await call<OutputOf<'codes', 'image'>>(
      'codes',
      'image',
      { unitId: DEMO_IDS.firstStation },
      DEMO_IDENTITIES.stationManager,
    )
    expect(code.scene).toBe('s=QH004')
    // The stored image is the local wxacode for this URL, byte for byte: that URL is what the QR holds.
    stationUrl = wxacodeTarget(cloud.url, 'pages/scan/index', code.scene)
    const expected = getUnlimited(
      { scene: code.scene, page: 'pages/scan/index', width: 860 },
      { h5BaseUrl: () => cloud.url },
    )
    if (expected.kind !== 'buffer') throw new Error('local wxacode refused the scene')
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').equals(expected.data)).toBe(true)
  })

  test.each([
    ['375 × 812', PHONE],
    ['320 × 640', SMALL_PHONE],
  ])(
    'an elder opens the station URL from its QR at %s, signs in and sees 已签到',
    async (_label, viewport) => {
      expect(stationUrl).toContain('#/pages/scan/index?scene=s%3DQH004')
      await withPhone({ viewport }, async (page) => {
        await page.goto(as(stationUrl, DEMO_IDENTITIES.elder))
        await page.getByRole('heading', { level: 1, name: STATION }).waitFor()
        const card = page.getByRole('group', { name: ACTIVITY_TITLE })
        await card.waitFor()
        await card.getByText(/正在进行/).waitFor()
        expect(await page.getByRole('link', { name: /拨打电话/ }).getAttribute('href')).toBe(
          'tel:05367211001',
        )
        expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
        expect(await axeViolations(page)).toEqual([])
        // 签到 of what is under way is on the first screen, without scrolling, even at 320 × 640
        const signIn = await card.getByRole('button', { name: '签到' }).boundingBox()
        expect(signIn).not.toBeNull()
        expect(await page.evaluate(() => window.scrollY)).toBe(0)
        expect(signIn!.y + signIn!.height).toBeLessThanOrEqual(viewport.height)

        // measured on both phones first; signed in on the second (the small one)
        if (viewport === SMALL_PHONE) {
          await card.getByRole('button', { name: '签到' }).click()
          await card.getByText(/^已签到（(上午|中午|下午|晚上)\d+:\d\d）$/).waitFor()
          // Back later: the server remembers, and there is no 签到 button left.
          await page.reload()
          await card.getByText(/已签到（/).waitFor()
          expect(await card.getByRole('button', { name: '签到' }).count()).toBe(0)
          expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
          expect(await axeViolations(page)).toEqual([])
        }
      })
    },
  )

  test('the landing is no dead end at 320 px: this week, the station’s page, home', async () => {
    await withPhone({ viewport: SMALL_PHONE }, async (page) => {
      await page.goto(as(stationUrl, DEMO_IDENTITIES.elder))
      await page.getByRole('heading', { level: 1, name: STATION }).waitFor()
      for (const name of ['本站本周活动', '站点介绍', '回到首页'])
        expect(await page.getByRole('button', { name }).isVisible()).toBe(true)
      expect(sizeProblems(await measureSizes(page), ELDER_LIMITS)).toEqual([])
      // back to the landing afresh (a new page load, as from the printed code again)
      const landing = async () => {
        await page.goto(as(stationUrl, DEMO_IDENTITIES.elder))
        await page.reload()
        await page.getByRole('heading', { level: 1, name: STATION }).waitFor()
      }
      await page.getByRole('button', { name: '本站本周活动' }).click()
      await page.waitForURL(/#\/pages\/week\/index\?unitId=/)
      // the page below stays in the H5 page stack, hidden: what counts is the visible week list
      await page.locator(`text=${ACTIVITY_TITLE} >> visible=true`).first().waitFor()
      await landing()
      await page.getByRole('button', { name: '站点介绍' }).click()
      await page.waitForURL(/#\/pages\/station\/index\?id=/)
      await page.getByRole('heading', { level: 1, name: STATION }).waitFor()
      await landing()
      await page.getByRole('button', { name: '回到首页' }).click()
      await page.waitForURL(/#\/pages\/index\/index/)
      expect(await axeViolations(page)).toEqual([])
    })
  })

  test('an unknown or damaged code says so in plain words', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'pages/scan/index?scene=s%3DNOPE1', DEMO_IDENTITIES.resident))
      await page.getByText(/没有找到这个站点/).waitFor()
      await page.goto(appUrl(cloud, 'pages/scan/index?scene=hello', DEMO_IDENTITIES.resident))
      await page.getByText(/不是文明实践站的二维码/).waitFor()
      expect(await axeViolations(page)).toEqual([])
    })
  })
})

describe('volunteer with the rotating code', () => {
  test('the manager shows the code; a volunteer signs in with it and out; the manager sees both', async () => {
    await withPhone({}, async (manager) => {
      await manager.goto(
        appUrl(
          cloud,
          `manager/pages/signin-code/index?activityId=${ACTIVITY_ID}`,
          DEMO_IDENTITIES.stationManager,
        ),
      )
      await manager.getByRole('img', { name: `${ACTIVITY_TITLE} 志愿者签到码` }).waitFor()
      await manager.getByText(/签到码每 30 秒更换一次/).waitFor()
      expect(sizeProblems(await measureSizes(manager), STANDARD_LIMITS)).toEqual([])
      expect(await axeViolations(manager)).toEqual([])

      // What a phone camera reads from the manager's screen: the scan URL with the current token.
      const code = await call<OutputOf<'signin', 'rotatingCode'>>(
        'signin',
        'rotatingCode',
        { activityId: ACTIVITY_ID, linkBase: `${cloud.url}/` },
        DEMO_IDENTITIES.stationManager,
      )
      expect(code.content.startsWith(`${cloud.url}/#/pages/scan/index?scene=v%3D`)).toBe(true)

      await withPhone({}, async (volunteer) => {
        await volunteer.goto(as(code.content, DEMO_IDENTITIES.volunteer))
        await volunteer.getByRole('heading', { level: 1, name: '志愿者签到' }).waitFor()
        await volunteer.getByText('签到成功').waitFor()
        await volunteer.getByText(ACTIVITY_TITLE).first().waitFor()
        expect(await axeViolations(volunteer)).toEqual([])
        await volunteer.getByRole('button', { name: '志愿者签退' }).click()
        await volunteer.getByText('您已签退').waitFor()
        await volunteer.getByText('待确认').waitFor()
        expect(sizeProblems(await measureSizes(volunteer), STANDARD_LIMITS)).toEqual([])
      })

      await manager.getByRole('button', { name: '查看现场签到情况' }).click()
      await manager.getByRole('heading', { level: 1, name: '现场签到' }).waitFor()
      await manager.getByText(/^已签到 1 人$/).waitFor()
      const residents = manager.getByRole('list', { name: '居民签到' })
      await residents.getByText('李桂兰').waitFor()
      const volunteers = manager.getByRole('list', { name: '志愿者签到' })
      await volunteers.getByText('赵志强').waitFor()
      await volunteers.getByText(/待确认/).waitFor()
      expect(await axeViolations(manager)).toEqual([])

      await volunteers.getByRole('button', { name: '确认 赵志强 的时长' }).click()
      await volunteers.getByText(/（已确认）/).waitFor()
      expect(sizeProblems(await measureSizes(manager), STANDARD_LIMITS)).toEqual([])
    })
  })

  test('the volunteer’s 我的志愿时长 lists the session', async () => {
    await withPhone({}, async (page) => {
      await page.goto(appUrl(cloud, 'mine/pages/my-hours/index', DEMO_IDENTITIES.volunteer))
      const list = page.getByRole('list', { name: '服务记录' })
      await list.getByText(ACTIVITY_TITLE).waitFor()
      await list.getByText(/（已确认）/).waitFor()
      await page.getByText(/共 1 次/).waitFor()
      expect(await axeViolations(page)).toEqual([])
    })
  })

  test('a volunteer who left the scan page signs out from 我的志愿时长 at 320 px', async () => {
    // a second activity under way, so the demo volunteer has an open session besides the closed one
    const second = 'e2e-signin-second'
    const secondTitle = '义务理发（签退测试）'
    const [first] = cloud.db.find('activities', { _id: ACTIVITY_ID })
    await cloud.db.insertMany('activities', [
      { ...first!, _id: second, title: secondTitle, attendees: [], attendedCount: 0 },
    ])
    const code = await call<OutputOf<'signin', 'rotatingCode'>>(
      'signin',
      'rotatingCode',
      { activityId: second },
      DEMO_IDENTITIES.stationManager,
    )
    const scene = parseScene(code.scene)
    if (scene.kind !== 'volunteer') throw new Error(`not a volunteer scene: ${code.scene}`)
    await call(
      'signin',
      'volunteerSignIn',
      { token: scene.token, activityId: second },
      DEMO_IDENTITIES.volunteer,
    )
    await withPhone({ viewport: SMALL_PHONE }, async (page) => {
      await page.goto(appUrl(cloud, 'mine/pages/my-hours/index', DEMO_IDENTITIES.volunteer))
      const list = page.getByRole('list', { name: '服务记录' })
      const row = list.getByRole('listitem').filter({ hasText: secondTitle })
      await row.getByText('服务中，签退后计算时长').waitFor()
      // said once, not "服务中（服务中）"
      expect(await row.getByText(/服务中（服务中）/).count()).toBe(0)
      expect(sizeProblems(await measureSizes(page), STANDARD_LIMITS)).toEqual([])
      await row.getByRole('button', { name: '志愿者签退' }).click()
      await row.getByText(/^服务时长：.*（待确认）$/).waitFor()
      await row.getByText(/签退$/).waitFor()
      expect(await row.getByRole('button', { name: '志愿者签退' }).count()).toBe(0)
      expect(await axeViolations(page)).toEqual([])
    })
    const [record] = cloud.db.find('service_records', { _id: `${second}_${DEMO_IDENTITIES.volunteer}` })
    expect(record).toMatchObject({ status: 'closed' })
  })
})
