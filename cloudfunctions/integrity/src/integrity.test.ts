/**
 * 异常核查 (issue 15 item 6): the timer raises each kind of flag exactly once — across re-scans and a
 * kill mid-scan — and nothing for clean data; managers see the flags of their subtree only, never
 * their own, and resolve each once. docs/integrity.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { activities as activitiesSpec } from '../../../core/contract/activities.collections'
import type { FlagKind } from '../../../core/contract/integrity'
import { integrityFlags, type FlagDoc } from '../../../core/contract/integrity.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { creditLedger, type LedgerLine } from '../../../core/contract/credit.collections'
import { parseScene } from '../../../core/signin/scene'
import { flagId, subjects } from '../../../core/integrity/rules'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { DEMO_FLAG_IDS } from '../../../scripts/seed/integrity'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import type { ScanReport } from './scan'

const SECRET = 'test-only-signin-secret-0123456789abcdef'
const MIN = 60_000
const HOUR = 60 * MIN
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]
const S05_PATH = [DEMO_IDS.center, 'u-qh-i02', 'u-qh-s05']
const S05_MANAGER = 'test-manager-s05'
const { stationManager, centerAdmin, resident, volunteer } = DEMO_IDENTITIES

const dir = mkdtempSync(join(tmpdir(), 'integrity-kill-'))
const crashFile = join(dir, 'crash-points')

let t: TestCloud
type SdkDb = {
  collection(n: string): { doc(id: string): { set(o: { data: Record<string, unknown> }): Promise<unknown> } }
}
let sdkDb: SdkDb
beforeAll(async () => {
  writeFileSync(crashFile, '')
  t = await startTestCloud({
    maxInstances: 8,
    functionEnv: { SIGNIN_SECRET: SECRET, CRASH_POINTS_FILE: crashFile },
  })
  await t.cloud.db.insertMany('users', [
    {
      _id: S05_MANAGER,
      name: '孙立新',
      grants: [{ role: 'manager', unitId: 'u-qh-s05' }],
      createdAt: new Date(),
    },
  ])
  Object.assign(process.env, t.cloud.sdkEnv())
  jest.isolateModules(() => {
    const sdk = jest.requireActual<{
      init(o: object): void
      DYNAMIC_CURRENT_ENV: unknown
      database(): SdkDb
    }>('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    sdkDb = sdk.database()
  })
}, 90_000)
afterAll(async () => {
  await t.stop()
  rmSync(dir, { recursive: true, force: true })
})

const flags = () => t.cloud.db.find(integrityFlags.name, {}) as unknown as FlagDoc[]
const scanned = (id: string) => flags().filter((f) => f._id === id)
const fire = () => t.cloud.fireTimer<ScanReport>('integrity')

let seq = 0
/** A confirmed service record, directly in the database (times relative to `start`). */
function rec(
  openid: string,
  start: number,
  over: Partial<Omit<ServiceDoc, 'activityStart' | 'activityEnd'>> & {
    spanMin?: number
    outMin?: number
    inMin?: number
  } = {},
): ServiceDoc {
  const { spanMin = 60, outMin = spanMin, inMin = 0, ...rest } = over
  const activityId = `it-act-${++seq}`
  return {
    _id: serviceRecords.id(activityId, openid),
    activityId,
    activityTitle: `核查测试活动 ${seq}`,
    unitId: DEMO_IDS.firstStation,
    unitName: '幸福里社区新时代文明实践站',
    unitPath: S01_PATH,
    activityStart: new Date(start),
    activityEnd: new Date(start + spanMin * MIN),
    openid,
    name: '测试志愿者',
    signInAt: new Date(start + inMin * MIN),
    signOutAt: new Date(start + outMin * MIN),
    status: 'confirmed',
    minutes: Math.round((outMin - inMin) / 15) * 15,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: stationManager,
    confirmedAt: new Date(),
    corrections: [],
    revision: 1,
    ...rest,
  }
}
const insertRecords = (docs: ServiceDoc[]) =>
  t.cloud.db.insertMany(serviceRecords.name, docs as unknown as Record<string, unknown>[])

async function openActivity(title: string): Promise<string> {
  const now = Date.now()
  const doc = activityDoc(
    {
      _id: `it-live-${++seq}`,
      title,
      start: new Date(now - 30 * MIN),
      end: new Date(now + 60 * MIN),
      volunteerSlots: 10,
    },
    now,
  )
  await t.cloud.db.insertMany(activitiesSpec.name, [doc as unknown as Record<string, unknown>])
  return doc._id
}
async function code(activityId: string): Promise<string> {
  const c = await t.as(stationManager).ok('signin', 'rotatingCode', { activityId })
  const parsed = parseScene(c.scene)
  if (parsed.kind !== 'volunteer') throw new Error(`not a volunteer scene: ${c.scene}`)
  return parsed.token
}
const seedVolunteer = (i: number) => `seed-volunteer-${String(i).padStart(3, '0')}`

const day = Math.floor(Date.now() / HOUR) * HOUR - 3 * 24 * HOUR
const expected: Record<FlagKind, string> = {} as Record<FlagKind, string>

describe('the scan', () => {
  it('finds nothing in the clean demo data (only the seeded demo flags exist)', async () => {
    const report = await fire()
    expect(report.records.done && report.signins.done && report.ledger.done).toBe(true)
    expect(
      flags()
        .map((f) => f._id)
        .sort(),
    ).toEqual(Object.values(DEMO_FLAG_IDS).sort())
  })

  it('raises each kind once, with its evidence, and nothing for the near misses', async () => {
    // HOURS_OVER_ACTIVITY: 2 h confirmed for a 1 h activity; clean: 1 h for 1 h, 1 h for a 50 min one (rounding)
    const long = rec(seedVolunteer(20), day, { spanMin: 60, minutes: 120 })
    const clean = [
      rec(seedVolunteer(21), day),
      rec(seedVolunteer(22), day, { spanMin: 50, outMin: 50, minutes: 60 }),
    ]
    // OVERLAPPING_SIGNINS: 9–11 at s01 and 10–12 at s05; clean: back to back, and 4 minutes of overlap
    const a = rec(seedVolunteer(23), day + 9 * HOUR, { spanMin: 120 })
    const b = rec(seedVolunteer(23), day + 10 * HOUR, {
      spanMin: 120,
      unitId: 'u-qh-s05',
      unitName: '朝阳社区新时代文明实践站',
      unitPath: S05_PATH,
    })
    const q1 = rec(seedVolunteer(24), day + 9 * HOUR, { spanMin: 60 })
    const q2 = rec(seedVolunteer(24), day + 10 * HOUR, { spanMin: 60 })
    const q3 = rec(seedVolunteer(24), day + 11 * HOUR - 4 * MIN, { spanMin: 60 })
    // SHARED_CODE_BURST clean: five accounts with one code view but five different addresses
    const step = Math.floor((day + 14 * HOUR) / 30_000)
    const spread = [30, 31, 32, 33, 34].map((i) =>
      rec(seedVolunteer(i), step * 30_000 - 10 * MIN, {
        spanMin: 60,
        status: 'open',
        inMin: 10,
        clientIp: `198.51.100.${i}`,
        codeStep: step,
        signOutAt: null,
        minutes: null,
        confirmedAt: null,
      }),
    )
    await insertRecords([long, ...clean, a, b, q1, q2, q3, ...spread])

    // SHARED_CODE_BURST: five volunteers sign in with one code from one address (the local cloud's 127.0.0.1)
    const live = await openActivity('集中签到')
    const token = await code(live)
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => t.as(seedVolunteer(i)).ok('signin', 'volunteerSignIn', { token })),
    )
    // clean: four with one code at another activity
    const few = await openActivity('四人签到')
    const token2 = await code(few)
    await Promise.all(
      [6, 7, 8, 9].map((i) => t.as(seedVolunteer(i)).ok('signin', 'volunteerSignIn', { token: token2 })),
    )
    const stored = t.cloud.db.find(serviceRecords.name, { activityId: live }) as unknown as ServiceDoc[]
    expect(stored).toHaveLength(5)
    for (const r of stored) expect(r).toMatchObject({ clientIp: '127.0.0.1', codeStep: stored[0]!.codeStep })
    expect(typeof stored[0]!.codeStep).toBe('number')

    // SELF_UNIT_POINTS: the station's manager credited points of the station; clean: a volunteer's
    // points there, s05's manager's points at s01 (not their unit), the manager's deduction, and the
    // manager's points at s05
    const line = (
      _id: string,
      openid: string,
      kind: LedgerLine['kind'],
      points: number,
      unitPath: string[],
    ): LedgerLine => ({
      _id,
      openid,
      kind,
      points,
      balanceAfter: Math.max(0, points),
      sourceId: _id,
      ruleId: null,
      explanation: '测试',
      by: 'system',
      byName: null,
      reason: null,
      unitId: unitPath[unitPath.length - 1]!,
      unitPath,
      at: new Date(),
    })
    const selfLine = line('it-line-self', stationManager, 'service', 20, S01_PATH)
    await t.cloud.db.insertMany(creditLedger.name, [
      selfLine,
      line('it-line-vol', volunteer, 'service', 5, S01_PATH),
      line('it-line-s05', S05_MANAGER, 'award', 5, S01_PATH),
      line('it-line-deduct', stationManager, 'deduct', -5, S01_PATH),
      line('it-line-away', stationManager, 'service', 5, S05_PATH),
    ] as unknown as Record<string, unknown>[])

    expected.HOURS_OVER_ACTIVITY = flagId('HOURS_OVER_ACTIVITY', subjects.hours(long._id, 1))
    expected.OVERLAPPING_SIGNINS = flagId('OVERLAPPING_SIGNINS', subjects.overlap(a._id, b._id))
    expected.SHARED_CODE_BURST = flagId(
      'SHARED_CODE_BURST',
      subjects.burst(live, stored[0]!.codeStep!, '127.0.0.1'),
    )
    expected.SELF_UNIT_POINTS = flagId('SELF_UNIT_POINTS', subjects.selfUnit(selfLine._id))

    const report = await fire()
    expect(report.records.raised + report.signins.raised + report.ledger.raised).toBe(4)
    const all = flags()
      .map((f) => f._id)
      .sort()
    expect(all).toEqual([...Object.values(DEMO_FLAG_IDS), ...Object.values(expected)].sort())

    const hours = scanned(expected.HOURS_OVER_ACTIVITY)[0]!
    expect(hours).toMatchObject({ status: 'open', openids: [long.openid], unitPath: S01_PATH })
    expect(hours.evidence).toMatchObject({ spanMinutes: 60, overMinutes: 60, toleranceMinutes: 15 })
    const overlap = scanned(expected.OVERLAPPING_SIGNINS)[0]!
    expect(overlap.evidence).toMatchObject({ overlapMinutes: 60 })
    expect(overlap.unitPath).toEqual(expect.arrayContaining([...S01_PATH, 'u-qh-s05']))
    const burst = scanned(expected.SHARED_CODE_BURST)[0]!
    expect(burst.evidence).toMatchObject({ accounts: 5, clientIp: '127.0.0.1', threshold: 5 })
    expect([...burst.openids].sort()).toEqual([1, 2, 3, 4, 5].map(seedVolunteer))
    const self = scanned(expected.SELF_UNIT_POINTS)[0]!
    expect(self.evidence).toMatchObject({
      line: { points: 20, kind: 'service' },
      grantUnitIds: [DEMO_IDS.firstStation],
    })

    // a re-scan (and one from scratch: cursors gone) raises nothing again
    expect((await fire()).records.raised).toBe(0)
    for (const stream of ['records', 'signins', 'ledger'])
      await sdkDb
        .collection('integrity_cursors')
        .doc(stream)
        .set({ data: { at: new Date(0) } })
    const again = await fire()
    expect(again.records.raised + again.signins.raised + again.ledger.raised).toBe(0)
    expect(flags()).toHaveLength(8)
  })

  it('a scan killed after raising a flag, or after a page, resumes: every flag exactly once', async () => {
    const fresh = [0, 1, 2].map((i) =>
      rec(seedVolunteer(40 + i), day + 20 * HOUR, { spanMin: 30, outMin: 30, minutes: 90 }),
    )
    await insertRecords(fresh)
    const ids = fresh.map((r) => flagId('HOURS_OVER_ACTIVITY', subjects.hours(r._id, 1)))
    for (const point of ['integrity:raised:1', 'integrity:page:records']) {
      writeFileSync(crashFile, point)
      try {
        await expect(fire()).rejects.toThrow(/SIGKILL/)
      } finally {
        writeFileSync(crashFile, '')
      }
    }
    expect(ids.filter((id) => scanned(id).length === 1).length).toBeGreaterThanOrEqual(1)
    await fire()
    await fire()
    for (const id of ids) expect(scanned(id)).toHaveLength(1)
    expect(flags()).toHaveLength(8 + 3)
  })
})

describe('the queue', () => {
  it("a station's manager sees the open flags of their subtree, never their own; the center sees all", async () => {
    const station = await t.as(stationManager).ok('integrity', 'list', {})
    const seen = station.items.map((i) => i._id)
    expect(seen).toEqual(
      expect.arrayContaining([
        expected.HOURS_OVER_ACTIVITY,
        expected.OVERLAPPING_SIGNINS,
        expected.SHARED_CODE_BURST,
      ]),
    )
    expect(seen).not.toContain(expected.SELF_UNIT_POINTS)
    expect(seen).not.toContain(DEMO_FLAG_IDS.selfUnit)
    expect(station.items.every((i) => i.canResolve && i.status === 'open')).toBe(true)
    // newest first
    const times = station.items.map((i) => i.raisedAt)
    expect([...times].sort((x, y) => y - x)).toEqual(times)

    const s05 = await t.as(S05_MANAGER).ok('integrity', 'list', {})
    // s05 sees only the overlap (one of its sessions was at s05)
    expect(s05.items.map((i) => i._id).sort()).toEqual(
      [DEMO_FLAG_IDS.overlap, expected.OVERLAPPING_SIGNINS].sort(),
    )

    const center = await t.as(centerAdmin).ok('integrity', 'list', {})
    expect(center.items.map((i) => i._id)).toEqual(
      expect.arrayContaining([expected.SELF_UNIT_POINTS, DEMO_FLAG_IDS.selfUnit]),
    )
    expect(center.items).toHaveLength(11)
    expect(center.hasMore).toBe(false)

    // paged by 20: the 21st is on page 1
    const many = Array.from({ length: 25 }, (_, i) =>
      rec(seedVolunteer(1), day - 40 * HOUR - i * 2 * HOUR, { spanMin: 30, minutes: 120 }),
    )
    await insertRecords(many)
    await fire()
    const p0 = await t.as(centerAdmin).ok('integrity', 'list', {})
    const p1 = await t.as(centerAdmin).ok('integrity', 'list', { page: 1 })
    expect(p0.items).toHaveLength(20)
    expect(p0.hasMore).toBe(true)
    expect(p1.items).toHaveLength(36 - 20)
    expect(new Set([...p0.items, ...p1.items].map((i) => i._id)).size).toBe(36)
  })

  it('get: the evidence in scope; another subtree FORBIDDEN; one’s own flag SELF_FLAG', async () => {
    const got = await t.as(stationManager).ok('integrity', 'get', { id: expected.SHARED_CODE_BURST })
    expect(got.flag.evidence.kind).toBe('SHARED_CODE_BURST')
    expect(got.flag.kindName).toBe('同一签到码集中签到')
    await expect(
      t.as(S05_MANAGER).call('integrity', 'get', { id: expected.HOURS_OVER_ACTIVITY }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(stationManager).call('integrity', 'get', { id: expected.SELF_UNIT_POINTS }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'SELF_FLAG',
      message: '这条核查涉及您本人，需由上级单位或其他专管员处理',
    })
    await expect(
      t.as(stationManager).call('integrity', 'get', { id: 'hrs_0000000000000000000000' }),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await expect(t.as(stationManager).call('integrity', 'get', { id: '../users' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '核查编号格式不对，请从列表重新打开',
    })
    await expect(
      t.as(resident).call('integrity', 'get', { id: expected.HOURS_OVER_ACTIVITY }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('resolve: once (two managers at once: one wins), bad input and the wrong people write nothing', async () => {
    const id = expected.HOURS_OVER_ACTIVITY
    const before = JSON.stringify(scanned(id))
    // confirmed needs a note
    await expect(
      t.as(stationManager).call('integrity', 'resolve', { id, outcome: 'confirmed' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fields: { note: '确认违规时请写明核查情况（至少 2 个字）' },
    })
    await expect(
      t.as(stationManager).call('integrity', 'resolve', { id, outcome: 'maybe' as never }),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    await expect(
      t.as(S05_MANAGER).call('integrity', 'resolve', { id, outcome: 'dismissed' }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(volunteer).call('integrity', 'resolve', { id, outcome: 'dismissed' }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t
        .as(stationManager)
        .call('integrity', 'resolve', { id: expected.SELF_UNIT_POINTS, outcome: 'dismissed' }),
    ).resolves.toMatchObject({ ok: false, code: 'SELF_FLAG' })
    expect(JSON.stringify(scanned(id))).toBe(before)
    expect(scanned(expected.SELF_UNIT_POINTS)[0]!.status).toBe('open')

    const [x, y] = await Promise.all([
      t
        .as(stationManager)
        .call('integrity', 'resolve', { id, outcome: 'confirmed', note: '签退时间是补填的' }),
      t.as(centerAdmin).call('integrity', 'resolve', { id, outcome: 'dismissed' }),
    ])
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1)
    const loser = (x.ok ? y : x) as { code: string; message: string }
    expect(loser.code).toBe('ALREADY_RESOLVED')
    expect(loser.message).toMatch(/^这条核查已由.+处理为「(核实无误|确认违规)」，不能再次处理$/)
    const stored = scanned(id)[0]!
    expect(stored.status).not.toBe('open')
    expect(stored.resolvedAt).not.toBeNull()

    // the person's points are untouched by a confirmed flag: a deduction is a separate credit.adjust
    const linesBefore = t.cloud.db.find(creditLedger.name, { openid: seedVolunteer(20) }).length
    await t.as(centerAdmin).ok('integrity', 'resolve', {
      id: expected.SELF_UNIT_POINTS,
      outcome: 'confirmed',
      note: '本人单位发放，已核实',
    })
    expect(t.cloud.db.find(creditLedger.name, { openid: seedVolunteer(20) }).length).toBe(linesBefore)
    expect(t.cloud.db.find(creditLedger.name, { openid: stationManager })).toHaveLength(3)

    // resolved flags leave the open queue and are listed under their outcome
    const open = await t.as(centerAdmin).ok('integrity', 'list', {})
    expect(open.items.map((i) => i._id)).not.toContain(id)
    const confirmed = await t.as(centerAdmin).ok('integrity', 'list', { status: 'confirmed' })
    expect(confirmed.items.map((i) => i._id)).toContain(expected.SELF_UNIT_POINTS)
    expect(confirmed.items.find((i) => i._id === expected.SELF_UNIT_POINTS)).toMatchObject({
      canResolve: false,
      note: '本人单位发放，已核实',
    })
    await expect(t.as(centerAdmin).call('integrity', 'list', { page: 50 })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })
})
