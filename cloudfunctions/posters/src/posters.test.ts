import { posters } from '../../../core/contract/posters.collections'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  const firstStationPath = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
  await t.cloud.db.insertMany(posters.name, [
    {
      _id: 'scaffold-1',
      unitId: DEMO_IDS.firstStation,
      unitPath: firstStationPath,
      title: '第一条',
      createdAt: 1,
    },
    {
      _id: 'scaffold-2',
      unitId: DEMO_IDS.firstStation,
      unitPath: firstStationPath,
      title: '第二条',
      createdAt: 2,
    },
    { _id: 'scaffold-3', unitId: 'u-elsewhere', unitPath: ['u-elsewhere'], title: '别处', createdAt: 3 },
  ])
})
afterAll(async () => {
  await t.stop()
})

describe('posters.weekly', () => {
  it("answers the items under the manager's units, newest first", async () => {
    const station = await t.as(DEMO_IDENTITIES.stationManager).ok('posters', 'weekly', {})
    expect(station.items.map((i) => i.title)).toEqual(['第二条', '第一条'])
    // the center's manager reaches the station through unitPath
    const center = await t.as(DEMO_IDENTITIES.centerAdmin).ok('posters', 'weekly', { limit: 1 })
    expect(center.items.map((i) => i._id)).toEqual(['scaffold-2'])
  })

  it('refuses a resident', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).call('posters', 'weekly', {})
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('rejects a bad limit with a Chinese message', async () => {
    const res = await t.as(DEMO_IDENTITIES.stationManager).call('posters', 'weekly', { limit: 0 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '数量至少为 1' })
  })
})
