/**
 * People, in the browser: an elderly resident registers as a volunteer (成为志愿者 in 我的), asks to join
 * 幸福里社区邻里守望队, its leader approves in 入队申请审核, and the new volunteer signs up for an activity's
 * volunteer slot on the activity's page. Elder mode measured at 320 px, axe clean on each resident page.
 */
import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { activityDoc } from '../testing/activity-doc'
import { DEMO_IDENTITIES } from '../scripts/seed'
import { DEMO_LED_TEAM } from '../scripts/seed/people'
import { axeViolations } from './support/axe'
import { SMALL_PHONE, launchBrowser, newPhone } from './support/browser'
import { appUrl, startDemoCloud } from './support/cloud'
import { expectElderFriendly } from './support/elder'

let cloud: LocalCloud
let browser: Browser

beforeAll(async () => {
  ;[cloud, browser] = await Promise.all([startDemoCloud(), launchBrowser()])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

const { elder, volunteer: leader } = DEMO_IDENTITIES

test('a resident becomes a volunteer, joins a team on the leader’s approval, and takes a volunteer slot', async () => {
  const activityId = `e2e-people-${Date.now()}`
  const title = '社区义诊志愿服务'
  await cloud.db.insertMany('activities', [
    activityDoc({ _id: activityId, title, volunteerSlots: 2 }) as unknown as Record<string, unknown>,
  ])

  const phone = await newPhone(browser, { viewport: SMALL_PHONE })
  try {
    const page = await phone.newPage()
    await page.goto(appUrl(cloud, 'mine/pages/volunteer/index', elder))
    await page.getByRole('heading', { level: 1, name: '成为志愿者' }).waitFor()
    await page.getByLabel('姓名').fill('李桂兰')
    await page.getByLabel('手机号').fill('13912340000')
    await page.getByRole('button', { name: '健康义诊' }).click()
    await page.getByRole('switch', { name: /我已阅读并同意志愿者注册须知/ }).click()
    await expectElderFriendly(page)
    await page.getByRole('button', { name: '注册成为志愿者' }).click()
    await page.getByText(/^注册成功！您的志愿者编号是 QH000-\d{6}/).waitFor()
    await expectElderFriendly(page)

    await page.goto(appUrl(cloud, `mine/pages/team/index?id=${DEMO_LED_TEAM}`, elder))
    await page.getByRole('button', { name: '申请入队' }).click()
    await page.getByText('您的入队申请正在等待审核。').waitFor()
    await expectElderFriendly(page)

    // the team's leader approves
    const leaderPhone = await newPhone(browser)
    try {
      const lp = await leaderPhone.newPage()
      await lp.goto(appUrl(cloud, 'manager/pages/join-requests/index', leader))
      await lp.getByRole('button', { name: '同意 李桂兰 入队', exact: true }).click()
      await lp.getByText('没有等待审核的入队申请。').waitFor()
      expect(await axeViolations(lp)).toEqual([])
    } finally {
      await leaderPhone.close()
    }

    await page.reload()
    await page.getByText('您是这个服务队的队员。').waitFor()

    await page.goto(appUrl(cloud, `pages/activity/index?id=${activityId}`, elder))
    await page.getByText('需要 2 名志愿者，已报 0 名').waitFor()
    await page.getByRole('button', { name: '报名当志愿者' }).click()
    await page.getByText('已报名岗位，到场后扫码签到。').waitFor()
    await page.getByText('需要 2 名志愿者，已报 1 名').waitFor()
    await expectElderFriendly(page)
    expect(cloud.db.find('volunteer_slots', { _id: activityId })[0]).toMatchObject({
      taken: 1,
      volunteers: [elder],
    })
  } finally {
    await phone.close()
  }
}, 180_000)
