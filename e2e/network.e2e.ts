import type { Browser } from 'playwright-core'
import type { LocalCloud } from '../local-cloud/src'
import { dateTimeFields } from '../core/activities/form'
import { DEMO_IDENTITIES } from '../scripts/seed'
import { axeViolations } from './support/axe'
import { launchBrowser, newPhone } from './support/browser'
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

/** The invitation link opened by another person: `?as=` goes before the hash, as the H5 switcher reads it. */
const asPerson = (link: string, openid: string) => link.replace('/#/', `/?as=${encodeURIComponent(openid)}#/`)

test('a center admin creates a station and invites a manager, who accepts and publishes an activity there', async () => {
  const station = `柳湖社区新时代文明实践站${Date.now() % 10_000}`
  const adminPhone = await newPhone(browser)
  let link: string
  try {
    const page = await adminPhone.newPage()
    await page.goto(appUrl(cloud, 'mine/pages/my/index', DEMO_IDENTITIES.centerAdmin))
    await page.getByRole('button', { name: /单位与专管员/ }).click()
    await page.getByRole('heading', { level: 1, name: '青禾县新时代文明实践中心' }).waitFor()
    await page.getByText(/下设 3 个所、\d+ 个站、3 个点/).waitFor()
    expect(await axeViolations(page)).toEqual([])

    await page
      .getByRole('listitem')
      .getByRole('button', { name: /城关街道新时代文明实践所/ })
      .click()
    await page.getByRole('heading', { level: 1, name: '城关街道新时代文明实践所' }).waitFor()
    await page.getByRole('button', { name: '新建下级单位' }).click()
    await page.getByRole('heading', { level: 1, name: '新建下级单位' }).waitFor()
    await page.getByText('单位级别：新时代文明实践站').waitFor()

    // a duplicate name is refused in words, nothing created
    await page.getByLabel('单位名称').fill('文昌社区新时代文明实践站')
    await page.getByLabel('地址').fill('城关街道柳湖路 8 号')
    await page.getByLabel(/纬度/).fill('36.7031')
    await page.getByLabel(/经度/).fill('119.0978')
    await page.getByLabel('联系电话').fill('0536-7211088')
    await page.getByRole('button', { name: '新建单位' }).click()
    await page.getByText('同一上级单位下已有同名单位，请换一个名称').waitFor()
    expect(await axeViolations(page)).toEqual([])

    await page.getByLabel('单位名称').fill(station)
    await page.getByRole('button', { name: '新建单位' }).click()
    await page.getByRole('heading', { level: 1, name: station }).waitFor()
    await page.getByText('暂无下级单位。').waitFor()

    await page.getByRole('button', { name: '邀请专管员' }).click()
    await page.getByRole('heading', { level: 1, name: '邀请专管员' }).waitFor()
    await page.getByRole('button', { name: '生成邀请码' }).click()
    await page.getByRole('img', { name: new RegExp(`邀请成为${station}专管员`) }).waitFor()
    link = (await page.getByText(/#\/network\/pages\/accept\/index\?scene=i%3D/).innerText()).trim()
    expect(await axeViolations(page)).toEqual([])
  } finally {
    await adminPhone.close()
  }

  const inviteePhone = await newPhone(browser)
  try {
    const page = await inviteePhone.newPage()
    await page.goto(asPerson(link, DEMO_IDENTITIES.resident))
    await page.getByRole('heading', { level: 1, name: '接受邀请' }).waitFor()
    await page.getByText(station).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.getByLabel(/您的姓名/).fill('张丽华')
    await page.getByRole('button', { name: '接受，成为专管员' }).click()
    await page.getByText(`已接受，您现在是「${station}」的专管员。`).waitFor()

    // the same link again is refused in words
    await page.goto(asPerson(link, DEMO_IDENTITIES.elder))
    await page.getByText(/这个邀请已被使用过/).waitFor()

    // the new manager publishes at the new station
    await page.goto(appUrl(cloud, 'manager/pages/activity-edit/index', DEMO_IDENTITIES.resident))
    await page.getByRole('heading', { level: 1, name: '发布活动' }).waitFor()
    await page.getByLabel('举办单位').selectOption({ label: station })
    const { date } = dateTimeFields(Date.now() + 2 * 86_400_000)
    const title = `柳湖社区邻里节 ${Date.now() % 10_000}`
    await page.getByLabel(/活动名称/).fill(title)
    await page.getByLabel('活动类别').selectOption('文化文艺')
    await page.getByLabel('开始日期').fill(date)
    await page.getByLabel('开始时间').fill('09:00')
    await page.getByLabel('结束日期').fill(date)
    await page.getByLabel('结束时间').fill('11:00')
    await page.getByLabel('活动地点').fill('柳湖社区广场')
    await page.getByLabel(/活动介绍/).fill('邻里互助、文艺表演和便民服务。')
    await page.getByRole('button', { name: '发布活动' }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByText(station).first().waitFor()
  } finally {
    await inviteePhone.close()
  }
}, 180_000)
