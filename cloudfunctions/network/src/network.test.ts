import type { InvitationDoc } from '../../../core/contract/network.collections'
import type { RoleGrant, Unit, UserRecord } from '../../../core/domain'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { storeActivity } from '../../activities/src/test-activities'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ quiet: process.env.NETWORK_TEST_LOGS !== '1' })
}, 60_000)
afterAll(async () => {
  await t.stop()
})

const admin = () => t.as(DEMO_IDENTITIES.centerAdmin)
const stationManager = () => t.as(DEMO_IDENTITIES.stationManager)
const DAY = 86_400_000
let serial = 0
const fresh = (prefix: string) => `${prefix}-${process.pid}-${++serial}`

const stationInput = (parentId: string, name: string) => ({
  parentId,
  name,
  address: '城关街道测试路 1 号',
  latitude: 36.702,
  longitude: 119.103,
  phone: '0536-7219999',
  hours: '周一至周五 9:00–17:00',
  radiusMeters: 800,
})

/** Everything a rejected call must leave untouched. */
function snapshot() {
  const count = (c: string) => t.cloud.db.find(c).length
  return {
    units: count('units'),
    audit: count('audit_log'),
    names: count('unit_names'),
    invitations: t.cloud.db
      .find('invitations')
      .map((i) => `${String(i._id)}:${String(i.status)}`)
      .sort(),
    grants: t.cloud.db
      .find('users')
      .map((u) => `${String(u._id)}:${JSON.stringify(u.grants)}`)
      .sort(),
  }
}

const unitDoc = (id: string) => t.cloud.db.find('units', { _id: id })[0] as unknown as Unit
const userDoc = (id: string) => t.cloud.db.find('users', { _id: id })[0] as unknown as UserRecord | undefined
const auditOf = (kind: string, unitId: string) =>
  t.cloud.db.find('audit_log', { kind, unitId }) as unknown as Array<Record<string, unknown>>

describe('network.tree', () => {
  it("shows the center's institutes with the units below each, in one round of two queries", async () => {
    const res = await admin().ok('network', 'tree', {})
    expect(res.unit._id).toBe(DEMO_IDS.center)
    expect(res.unit.below).toMatchObject({ institute: 3, point: 3 })
    expect(res.unit.below.station).toBeGreaterThanOrEqual(12)
    expect(res.children.map((c) => c._id)).toEqual(['u-qh-i01', 'u-qh-i02', 'u-qh-i03'])
    const i03 = res.children.find((c) => c._id === 'u-qh-i03')!
    expect(i03.below).toEqual({ station: 4 })
    expect(res.canRetire).toBe(false)
  })

  it('lets a station manager browse their own station, not the center', async () => {
    const own = await stationManager().ok('network', 'tree', {})
    expect(own.unit._id).toBe(DEMO_IDS.firstStation)
    expect(own.children.map((c) => c.level)).toEqual(['point'])
    const res = await stationManager().call('network', 'tree', { unitId: DEMO_IDS.center })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('network.createUnit', () => {
  it('creates a station one level below an institute, with its printed code and an audit line', async () => {
    const name = fresh('和平社区新时代文明实践站')
    const res = await admin().ok('network', 'createUnit', stationInput('u-qh-i01', name))
    expect(res.unit).toMatchObject({ level: 'station', parentId: 'u-qh-i01', radiusMeters: 800, name })
    expect(res.codeScene).toBe(`s=${res.unit.code}`)
    expect(res.codeError).toBeNull()
    expect(unitDoc(res.unit._id).ancestors).toEqual([DEMO_IDS.center, 'u-qh-i01'])
    expect(t.cloud.db.find('station_codes', { _id: res.unit._id })).toHaveLength(1)
    expect(auditOf('unit.create', res.unit._id)).toHaveLength(1)
    // the resident side finds it at once
    const landing = await t
      .as(DEMO_IDENTITIES.resident)
      .ok('signin', 'scanStation', { scene: res.codeScene! })
    expect(landing.unit.name).toBe(name)
  })

  it.each([
    [
      'a duplicate name under one parent',
      stationInput('u-qh-i01', '文昌社区新时代文明实践站'),
      'UNIT_NAME_TAKEN',
    ],
    ['a unit under a point', stationInput('u-qh-p01', '新的实践点'), 'POINT_HAS_NO_CHILDREN'],
    [
      'a location outside China',
      { ...stationInput('u-qh-i01', '巴黎实践站'), latitude: 48.8566, longitude: 2.3522 },
      'LOCATION_OUTSIDE_CHINA',
    ],
    ['a parent that does not exist', stationInput('u-nope', '无处实践站'), 'NOT_FOUND'],
  ])('refuses %s with a Chinese message and writes nothing', async (_what, input, code) => {
    const before = snapshot()
    const res = await admin().call('network', 'createUnit', input)
    expect(res).toMatchObject({ ok: false, code })
    if (!res.ok) expect(res.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(snapshot()).toEqual(before)
  })

  it('refuses a unit outside the caller’s subtree and writes nothing', async () => {
    const before = snapshot()
    const res = await stationManager().call('network', 'createUnit', stationInput('u-qh-i02', '越权实践站'))
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    if (!res.ok) expect(res.message).toMatch(/东城街道新时代文明实践所/)
    expect(snapshot()).toEqual(before)
  })

  it('lets a station manager add a point under their station', async () => {
    const res = await stationManager().ok(
      'network',
      'createUnit',
      stationInput(DEMO_IDS.firstStation, fresh('书屋实践点')),
    )
    expect(res.unit.level).toBe('point')
  })

  it('refuses a name another manager is creating at this moment (their claim is in, their unit not yet)', async () => {
    const name = fresh('抢先实践站')
    await t.cloud.db.insertMany('unit_names', [{ _id: `u-qh-i02/${name}`, unitId: 'u-someone-elses' }])
    const before = snapshot()
    const res = await admin().call('network', 'createUnit', stationInput('u-qh-i02', name))
    expect(res).toMatchObject({ ok: false, code: 'UNIT_NAME_TAKEN' })
    expect(snapshot()).toEqual(before)
  })

  it('creates one of several units given the same name at the same moment', async () => {
    const name = fresh('同名竞争实践站')
    const callers = Array.from({ length: 4 }, () => admin())
    // warm one function instance per caller, so the creates below run side by side
    await Promise.all(callers.map((c) => c.ok('network', 'tree', {})))
    const results = await Promise.all(
      callers.map((c) => c.call('network', 'createUnit', stationInput('u-qh-i02', name))),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual([
      'UNIT_NAME_TAKEN',
      'UNIT_NAME_TAKEN',
      'UNIT_NAME_TAKEN',
    ])
    expect(t.cloud.db.find('units', { name, parentId: 'u-qh-i02' })).toHaveLength(1)
  })
})

describe('network.updateUnit', () => {
  it('lets a station manager edit their station and logs what changed', async () => {
    const s = unitDoc('u-qh-s04')
    const res = await admin().ok('network', 'updateUnit', {
      id: s._id,
      name: s.name,
      address: s.address,
      latitude: s.location.coordinates[1],
      longitude: s.location.coordinates[0],
      phone: '0536-7211444',
      hours: s.hours,
      radiusMeters: 1200,
    })
    expect(res.unit).toMatchObject({ phone: '0536-7211444', radiusMeters: 1200 })
    expect(auditOf('unit.update', s._id).map((a) => a.detail)).toEqual(['修改了电话、服务圈'])
  })

  it('refuses a sibling’s name and writes nothing', async () => {
    const s = unitDoc('u-qh-s03')
    const before = snapshot()
    const res = await admin().call('network', 'updateUnit', {
      id: s._id,
      name: '文昌社区新时代文明实践站',
      address: s.address,
      latitude: s.location.coordinates[1],
      longitude: s.location.coordinates[0],
      phone: s.phone,
      hours: s.hours,
      radiusMeters: 1000,
    })
    expect(res).toMatchObject({ ok: false, code: 'UNIT_NAME_TAKEN' })
    expect(snapshot()).toEqual(before)
    expect(unitDoc(s._id).name).toBe('槐荫社区新时代文明实践站')
  })
})

describe('network.retireUnit', () => {
  it('refuses a manager retiring their own unit, a unit with live children, and one with activities ahead', async () => {
    const own = await stationManager().call('network', 'retireUnit', { id: DEMO_IDS.firstStation })
    expect(own).toMatchObject({ ok: false, code: 'RETIRE_OWN_UNIT' })
    const withChildren = await admin().call('network', 'retireUnit', { id: 'u-qh-s02' })
    expect(withChildren).toMatchObject({ ok: false, code: 'HAS_ACTIVE_CHILDREN' })

    const { unit } = await admin().ok(
      'network',
      'createUnit',
      stationInput('u-qh-i03', fresh('待撤销实践站')),
    )
    await storeActivity(t.cloud, {
      unitId: unit._id,
      unitPath: [DEMO_IDS.center, 'u-qh-i03', unit._id],
      start: new Date(Date.now() + 2 * DAY),
      end: new Date(Date.now() + 2 * DAY + 3_600_000),
    })
    const before = snapshot()
    const busy = await admin().call('network', 'retireUnit', { id: unit._id })
    expect(busy).toMatchObject({ ok: false, code: 'HAS_FUTURE_ACTIVITIES' })
    if (!busy.ok) expect(busy.message).toMatch(/1 场未结束的活动/)
    expect(snapshot()).toEqual(before)
  })

  it('retires a unit, keeps it, frees its name, and its old code points to the successor', async () => {
    const name = fresh('合并前实践站')
    const { unit, codeScene } = await admin().ok('network', 'createUnit', stationInput('u-qh-i03', name))
    const res = await admin().ok('network', 'retireUnit', {
      id: unit._id,
      successorId: 'u-qh-s09',
      reason: '并入南湖村站',
    })
    expect(res.unit).toMatchObject({ retired: true, successorName: '南湖村新时代文明实践站' })
    expect(unitDoc(unit._id)).toMatchObject({ retired: true, successorId: 'u-qh-s09', name })
    expect(auditOf('unit.retire', unit._id).map((a) => a.detail)).toEqual([
      '并入南湖村站；接续单位：南湖村新时代文明实践站',
    ])

    const scan = await t.as(DEMO_IDENTITIES.elder).call('signin', 'scanStation', { scene: codeScene! })
    expect(scan).toMatchObject({ ok: false, code: 'STATION_RETIRED' })
    if (!scan.ok)
      expect(scan.message).toBe(
        '该站点已合并/停用，请前往「南湖村新时代文明实践站」（南湖镇南湖村党群服务中心）',
      )

    // the name is free again under the same parent
    await expect(admin().ok('network', 'createUnit', stationInput('u-qh-i03', name))).resolves.toBeDefined()
    const again = await admin().call('network', 'retireUnit', { id: unit._id })
    expect(again).toMatchObject({ ok: false, code: 'UNIT_RETIRED' })
  })

  it('refuses a successor that is the unit itself or does not exist', async () => {
    const { unit } = await admin().ok(
      'network',
      'createUnit',
      stationInput('u-qh-i03', fresh('无接续实践站')),
    )
    for (const successorId of [unit._id, 'u-nope']) {
      const res = await admin().call('network', 'retireUnit', { id: unit._id, successorId })
      expect(res).toMatchObject({ ok: false, code: 'BAD_SUCCESSOR' })
    }
    expect(unitDoc(unit._id).retired).toBeUndefined()
  })
})

/** Stores an invitation to manage station s08 directly (a state the actions cannot make at once); answers its scene. */
async function storeInvitation(over: Partial<InvitationDoc>): Promise<string> {
  const _id = `${'T'.repeat(12)}${String(++serial).padStart(12, '0')}`
  const now = Date.now()
  const doc: InvitationDoc = {
    _id,
    unitId: 'u-qh-s08',
    unitPath: [DEMO_IDS.center, 'u-qh-i02', 'u-qh-s08'],
    unitName: '东关村新时代文明实践站',
    unitLevel: 'station',
    role: 'manager',
    createdBy: DEMO_IDENTITIES.centerAdmin,
    createdByName: '陈明',
    createdAt: new Date(now - 8 * DAY),
    expiresAt: new Date(now + DAY),
    status: 'pending',
    ...over,
  }
  await t.cloud.db.insertMany('invitations', [doc as unknown as Record<string, unknown>])
  return `i=${_id}`
}

async function invite(unitId: string) {
  return admin().ok('network', 'invite', { unitId, linkBase: 'http://127.0.0.1:8787/' })
}

describe('invitations', () => {
  it('invites, shows what is offered, and accepting grants the role and consumes the invitation', async () => {
    const { unit } = await admin().ok('network', 'createUnit', stationInput('u-qh-i02', fresh('邀请实践站')))
    const inv = await invite(unit._id)
    expect(inv.scene).toMatch(/^i=[A-Za-z0-9_-]{24}$/)
    expect(inv.scene.length).toBeLessThanOrEqual(32)
    expect(inv.link).toBe(
      `http://127.0.0.1:8787/#/network/pages/accept/index?scene=${encodeURIComponent(inv.scene)}`,
    )
    expect(inv.imageDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(inv.invitation).toMatchObject({
      state: 'pending',
      unitName: unit.name,
      role: 'manager',
      invitedBy: '陈*',
    })

    const newcomer = t.as(fresh('newcomer'))
    const seen = await newcomer.ok('network', 'invitation', { scene: encodeURIComponent(inv.scene) })
    expect(seen.invitation).toMatchObject({ unitName: unit.name, state: 'pending' })

    const accepted = await newcomer.ok('network', 'accept', { scene: inv.scene, name: '孙海燕' })
    expect(accepted).toEqual({
      grant: { role: 'manager', unitId: unit._id },
      unitName: unit.name,
      already: false,
    })
    const again = await newcomer.ok('network', 'accept', { scene: inv.scene, name: '孙海燕' })
    expect(again.already).toBe(true)
    const lines = auditOf('grant', unit._id)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      subjectName: '孙海燕',
      role: 'manager',
      invitationId: inv.invitation._id,
    })

    // the new manager can now act on the station
    const tree = await newcomer.ok('network', 'tree', { unitId: unit._id })
    expect(tree.unit._id).toBe(unit._id)
  })

  it('refuses a used invitation to anyone else and writes nothing', async () => {
    const inv = await invite('u-qh-s06')
    await t.as(fresh('first')).ok('network', 'accept', { scene: inv.scene, name: '周立新' })
    const second = t.as(fresh('second'))
    await second.ok('network', 'invitation', { scene: inv.scene })
    const before = snapshot()
    const res = await second.call('network', 'accept', { scene: inv.scene, name: '吴春生' })
    expect(res).toMatchObject({ ok: false, code: 'INVITATION_USED' })
    if (!res.ok) expect(res.message).toMatch(/只能用一次/)
    expect(snapshot()).toEqual(before)
  })

  it('gives the role to exactly one of many people accepting one invitation at once', async () => {
    const inv = await invite('u-qh-s07')
    const people = Array.from({ length: 4 }, () => fresh('racer'))
    await Promise.all(people.map((p) => t.as(p).ok('network', 'invitation', { scene: inv.scene })))
    const results = await Promise.all(
      people.map((p) => t.as(p).call('network', 'accept', { scene: inv.scene, name: '郭国庆' })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(new Set(results.filter((r) => !r.ok).map((r) => !r.ok && r.code))).toEqual(
      new Set(['INVITATION_USED']),
    )
    const holding = people.filter((p) =>
      (userDoc(p)?.grants ?? []).some((g: RoleGrant) => g.unitId === 'u-qh-s07'),
    )
    expect(holding).toHaveLength(1)
    expect(auditOf('grant', 'u-qh-s07')).toHaveLength(1)
  })

  it('refuses an expired, a cancelled and an unknown invitation, writing nothing', async () => {
    const expired = await storeInvitation({ expiresAt: new Date(Date.now() - 1000) })
    const cancelled = await invite('u-qh-s08')
    await admin().ok('network', 'cancelInvitation', { id: cancelled.invitation._id })
    const who = t.as(fresh('late'))
    await who.ok('network', 'invitation', { scene: cancelled.scene })
    const seen = await who.ok('network', 'invitation', { scene: expired })
    expect(seen.invitation.state).toBe('expired')
    const before = snapshot()
    const refused = async (scene: string, code: string) =>
      expect(await who.call('network', 'accept', { scene, name: '林静' })).toMatchObject({ ok: false, code })
    await refused(expired, 'INVITATION_EXPIRED')
    await refused(cancelled.scene, 'INVITATION_CANCELLED')
    await refused('i=ABCDEFGHIJKLMNOPQRSTUVWX', 'INVITATION_NOT_FOUND')
    await refused('s=QH004', 'INVITATION_NOT_FOUND')
    expect(snapshot()).toEqual(before)
  })

  it('refuses an invitation whose inviter has since lost the role', async () => {
    const scene = await storeInvitation({ createdBy: 'someone-without-grants' })
    const before = snapshot()
    const res = await t.as(fresh('x')).call('network', 'accept', { scene, name: '何红梅' })
    expect(res).toMatchObject({ ok: false, code: 'INVITATION_CANCELLED' })
    expect(snapshot()).toEqual({ ...before, grants: expect.any(Array) })
  })

  it('refuses to invite to a unit outside the caller’s subtree', async () => {
    const before = snapshot()
    const res = await stationManager().call('network', 'invite', { unitId: 'u-qh-i01' })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(snapshot()).toEqual(before)
  })
})

describe('holders, revoke, audit', () => {
  it('lists the holders on a unit and its children, masked, and revokes a grant with an audit line', async () => {
    const inv = await invite('u-qh-s10')
    const person = fresh('to-revoke')
    await t.as(person).ok('network', 'accept', { scene: inv.scene, name: '马凤英' })
    const list = await admin().ok('network', 'holders', { unitId: 'u-qh-i03' })
    const row = list.holders.find((h) => h.openid === person)
    expect(row).toMatchObject({ name: '马*英', role: 'manager', unitId: 'u-qh-s10', isMe: false })

    const i01 = await admin().ok('network', 'holders', { unitId: 'u-qh-i01' })
    expect(i01.holders.find((h) => h.openid === DEMO_IDENTITIES.stationManager)).toMatchObject({
      name: '刘*国',
      unitId: DEMO_IDS.firstStation,
    })

    await admin().ok('network', 'revoke', {
      openid: person,
      role: 'manager',
      unitId: 'u-qh-s10',
      reason: '工作调动',
    })
    expect(userDoc(person)!.grants).toEqual([])
    expect(auditOf('revoke', 'u-qh-s10')).toMatchObject([
      { subject: person, detail: '工作调动', actor: DEMO_IDENTITIES.centerAdmin },
    ])
    const before = snapshot()
    const again = await admin().call('network', 'revoke', {
      openid: person,
      role: 'manager',
      unitId: 'u-qh-s10',
    })
    expect(again).toMatchObject({ ok: false, code: 'GRANT_NOT_FOUND' })
    expect(snapshot()).toEqual(before)
  })

  it('refuses revoking oneself or outside one’s subtree', async () => {
    const before = snapshot()
    const self = await stationManager().call('network', 'revoke', {
      openid: DEMO_IDENTITIES.stationManager,
      role: 'manager',
      unitId: DEMO_IDS.firstStation,
    })
    expect(self).toMatchObject({ ok: false, code: 'SELF_REVOKE' })
    const above = await stationManager().call('network', 'revoke', {
      openid: DEMO_IDENTITIES.centerAdmin,
      role: 'manager',
      unitId: DEMO_IDS.center,
    })
    expect(above).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(snapshot()).toEqual(before)
  })

  it('shows a unit’s log to its managers and those above, newest first, page by page', async () => {
    const inv = await invite(DEMO_IDS.firstStation)
    await t.as(fresh('log')).ok('network', 'accept', { scene: inv.scene, name: '高明' })
    const own = await stationManager().ok('network', 'audit', {})
    expect(own.entries.length).toBeGreaterThan(0)
    expect(own.entries[0]).toMatchObject({ kind: 'grant', subjectName: '高*', unitId: DEMO_IDS.firstStation })
    const all = await admin().ok('network', 'audit', { limit: 2 })
    expect(all.entries).toHaveLength(2)
    expect(all.nextBefore).not.toBeNull()
    const next = await admin().ok('network', 'audit', { limit: 2, before: all.nextBefore! })
    expect(next.entries[0]!.at).toBeLessThan(all.entries[1]!.at)
    const denied = await stationManager().call('network', 'audit', { unitId: DEMO_IDS.center })
    expect(denied).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
