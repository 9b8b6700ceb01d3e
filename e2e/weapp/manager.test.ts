/** A manager page in the `manager/` subpackage on the weapp build: the publish form's validation. */
import type { LocalCloud } from '../../local-cloud/src'
import { ACTIVITY_LIMITS } from '../../core/activities/validation'
import { DEMO_IDENTITIES } from '../../scripts/seed'
import { startDemoCloud } from './support/cloud'
import { launchWeapp } from './support/session'

const ROUTE = 'manager/pages/activity-edit/index'
const TITLE_LABEL = `活动名称（${ACTIVITY_LIMITS.titleMin}–${ACTIVITY_LIMITS.titleMax} 个字）`

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startDemoCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

const creates = (calls: { api: string; args: unknown }[]) =>
  calls.filter(
    (c) =>
      c.api === 'cloud.callFunction' && (c.args as { data: { action: string } }).data.action === 'create',
  )

describe('发布活动 (manager subpackage, weapp)', () => {
  test('an empty form is stopped on the phone with each field’s problem in words; nothing is sent', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.stationManager)
    const page = await app.open(ROUTE)
    await page.findText('联系电话')
    await page.tap('发布活动')
    await page.findText('有几处需要修改，请看红字提示。')
    for (const problem of ['请填写活动名称', '请填写活动地点', '请填写活动介绍']) {
      expect(page.has(problem)).toBe(true)
    }
    expect(creates(app.wx.calls)).toEqual([])
    expect(app.stack.map((p) => p.route)).toEqual([ROUTE])
  })

  test('typing into a field clears its problem; a too-short title is named', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.stationManager)
    const page = await app.open(ROUTE)
    await page.findText('联系电话')
    await page.tap('发布活动')
    await page.findText('请填写活动名称')

    await page.input(TITLE_LABEL, '会')
    expect(page.has('请填写活动名称')).toBe(false)
    await page.input('活动地点', '党群服务中心二楼')
    await page.tap('发布活动')
    await page.findText(`活动名称至少 ${ACTIVITY_LIMITS.titleMin} 个字`)
    expect(page.has('请填写活动地点')).toBe(false)
    expect(page.has('请填写活动介绍')).toBe(true)
    expect(creates(app.wx.calls)).toEqual([])
  })

  test('a resident without a unit is told they cannot publish', async () => {
    const app = launchWeapp(cloud, DEMO_IDENTITIES.resident)
    const page = await app.open(ROUTE)
    await page.findText(/不能发布活动|没有权限|无权/)
  })
})
