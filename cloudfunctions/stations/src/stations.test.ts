import { DEMO_CENTER_COORDS, DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

const EVERY_ROLE = Object.values(DEMO_IDENTITIES)

describe('stations.nearby', () => {
  it('lists the stations and points within about 1 km, nearest first, with distances', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).ok('stations', 'nearby', DEMO_CENTER_COORDS)
    expect(res.radiusMeters).toBe(1000)
    expect(res.stations.length).toBeGreaterThanOrEqual(4)
    expect(res.stations.every((s) => s.level === 'station' || s.level === 'point')).toBe(true)
    const distances = res.stations.map((s) => s.distanceMeters ?? -1)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(Math.max(...distances)).toBeLessThanOrEqual(1000)
    expect(res.stations[0]!._id).toBe(DEMO_IDS.firstStation)
    expect(res.stations[0]!.distanceMeters).toBeGreaterThan(150)
    expect(res.stations[0]!.distanceMeters).toBeLessThan(260)
  })

  it('widens to the given radius and respects the limit', async () => {
    const wide = await t
      .as(DEMO_IDENTITIES.resident)
      .ok('stations', 'nearby', { ...DEMO_CENTER_COORDS, radiusMeters: 5000 })
    expect(wide.stations).toHaveLength(15)
    const few = await t
      .as(DEMO_IDENTITIES.resident)
      .ok('stations', 'nearby', { ...DEMO_CENTER_COORDS, radiusMeters: 5000, limit: 3 })
    expect(few.stations.map((s) => s._id)).toEqual(wide.stations.slice(0, 3).map((s) => s._id))
  })

  it('finds nothing far from the county', async () => {
    const res = await t
      .as(DEMO_IDENTITIES.resident)
      .ok('stations', 'nearby', { latitude: 39.9, longitude: 116.4 })
    expect(res.stations).toEqual([])
  })

  it('rejects a bad coordinate with a Chinese message naming the field', async () => {
    const res = await t
      .as(DEMO_IDENTITIES.resident)
      .call('stations', 'nearby', { latitude: 120, longitude: 119 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    if (res.ok) return
    expect(res.fields?.latitude).toBe('纬度应在 -90 到 90 之间')
    expect(res.message).toBe('纬度应在 -90 到 90 之间')
  })
})

describe('stations.list', () => {
  it('pages through every station by code', async () => {
    const caller = t.as(DEMO_IDENTITIES.elder)
    const first = await caller.ok('stations', 'list', { limit: 5 })
    expect(first.stations).toHaveLength(5)
    expect(first.nextCursor).not.toBeNull()
    const seen = [...first.stations]
    let cursor = first.nextCursor
    while (cursor) {
      const page = await caller.ok('stations', 'list', { limit: 5, cursor })
      seen.push(...page.stations)
      cursor = page.nextCursor
    }
    expect(seen).toHaveLength(12)
    expect(new Set(seen.map((s) => s._id)).size).toBe(12)
    expect(seen.every((s) => s.level === 'station')).toBe(true)
  })

  it('narrows to one institute', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).ok('stations', 'list', { parentId: 'u-qh-i03' })
    expect(res.stations.map((s) => s.name)).toEqual([
      '南湖村新时代文明实践站',
      '柳营村新时代文明实践站',
      '石桥村新时代文明实践站',
      '王家庄新时代文明实践站',
    ])
  })
})

describe('stations.get', () => {
  it('answers a station with its parent chain, children, phone, hours and address', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).ok('stations', 'get', { id: DEMO_IDS.firstStation })
    expect(res.unit.name).toBe('幸福里社区新时代文明实践站')
    expect(res.unit.phone).toBe('0536-7211001')
    expect(res.unit.hours).toMatch(/周一至周五/)
    expect(res.unit.address).toMatch(/幸福里/)
    expect(res.chain.map((u) => u.level)).toEqual(['center', 'institute'])
    expect(res.chain[0]!.name).toBe('青禾县新时代文明实践中心')
    expect(res.children.map((c) => c.level)).toEqual(['point'])
    expect(res.unit).not.toHaveProperty('ancestors')
  })

  it('says plainly when a station does not exist', async () => {
    const res = await t.as(DEMO_IDENTITIES.resident).call('stations', 'get', { id: 'u-nope' })
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    if (!res.ok) expect(res.message).toMatch(/没有找到这个站点/)
  })
})

describe('the router', () => {
  it.each(EVERY_ROLE)('lets %s call every stations action', async (openid) => {
    const caller = t.as(openid)
    await expect(caller.ok('stations', 'nearby', DEMO_CENTER_COORDS)).resolves.toBeDefined()
    await expect(caller.ok('stations', 'list', {})).resolves.toBeDefined()
    await expect(caller.ok('stations', 'get', { id: DEMO_IDS.center })).resolves.toBeDefined()
  })

  it('answers an unknown action with UNKNOWN_ACTION', async () => {
    await expect(
      t.as(DEMO_IDENTITIES.resident).raw('stations', { action: 'drop', input: {} }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTION',
    })
    await expect(t.as(DEMO_IDENTITIES.resident).raw('stations', 'nonsense')).resolves.toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTION',
    })
  })

  it('refuses a call without a WeChat identity, whatever the event claims', async () => {
    const res = await t
      .as(null)
      .raw('stations', { action: 'get', input: { id: DEMO_IDS.center }, openid: 'demo-center-admin' })
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it('creates a user record on the first call and reads the roles from it', async () => {
    const stranger = `new-user-${Date.now()}`
    const me = await t.as(stranger).ok('users', 'me', {})
    expect(me).toMatchObject({ openid: stranger, grants: [], managedUnitIds: [] })
    expect(t.cloud.db.find('users', { _id: stranger })).toHaveLength(1)
    const admin = await t.as(DEMO_IDENTITIES.centerAdmin).ok('users', 'me', {})
    expect(admin.managedUnitIds).toEqual([DEMO_IDS.center])
  })

  it('creates exactly one user record when first calls race', async () => {
    const stranger = `racing-user-${Date.now()}`
    const results = await Promise.all(Array.from({ length: 8 }, () => t.as(stranger).call('users', 'me', {})))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(t.cloud.db.find('users', { _id: stranger })).toHaveLength(1)
  })
})
