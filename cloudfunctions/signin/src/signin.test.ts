import { activities as activitiesSpec } from '../../../core/contract/activities.collections'
import {
  attendance as attendanceSpec,
  serviceRecords as serviceRecordsSpec,
} from '../../../core/contract/signin.collections'
import type { Activity } from '../../../core/domain'
import { clearOfMidnight } from '../../../testing/clock'
import { activityDoc } from '../../../testing/activity-doc'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { creditedMinutes } from '../../../core/signin/hours'
import { parseScene } from '../../../core/signin/scene'
import { issueToken } from '../../../core/signin/token'
import { dayRange } from '../../../core/time'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import type { AdminRequest } from '../../../local-cloud/src/server'
import { hmacWith } from './secret'

const SECRET = 'test-only-signin-secret-0123456789abcdef'
const hmac = hmacWith(SECRET)
const MIN = 60_000
const OTHER_MANAGER = 'test-manager-s05'
const S01_PATH = [DEMO_IDS.center, 'u-qh-i01', DEMO_IDS.firstStation]

let t: TestCloud
beforeAll(async () => {
  // the station landing lists today's activities: today must not turn while a test reads it
  await clearOfMidnight(30_000)
  t = await startTestCloud({ functionEnv: { SIGNIN_SECRET: SECRET }, maxInstances: 8 })
  await t.cloud.db.insertMany('users', [
    {
      _id: OTHER_MANAGER,
      name: '孙立新',
      grants: [{ role: 'manager', unitId: 'u-qh-s05' }],
      createdAt: new Date(),
    },
  ])
}, 90_000)
afterAll(async () => {
  await t.stop()
})

let seq = 0
/** An activity of 幸福里 (u-qh-s01) from `startIn` to `endIn` minutes from now. */
async function activity(startIn: number, endIn: number, over: Partial<Activity> = {}): Promise<Activity> {
  const now = Date.now()
  const doc = activityDoc(
    {
      _id: `t5-act-${++seq}`,
      unitPath: S01_PATH,
      title: `签到测试活动 ${seq}`,
      category: '理论宣讲',
      description: '测试',
      start: new Date(now + startIn * MIN),
      end: new Date(now + endIn * MIN),
      volunteerSlots: 10,
      ...over,
    },
    now,
  )
  await t.cloud.db.insertMany(activitiesSpec.name, [doc as unknown as Record<string, unknown>])
  return doc
}

const attendedCount = (id: string) =>
  t.cloud.db.find(activitiesSpec.name, { _id: id })[0]!.attendedCount as number

/** Counts the database admin requests (round trips) the functions make while `fn` runs. */
async function countingDbCalls<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const db = t.cloud.db as unknown as { handle: (req: AdminRequest) => Promise<unknown> }
  const original = db.handle
  const calls: string[] = []
  db.handle = (req) => {
    calls.push(req.action)
    return original(req)
  }
  try {
    return { result: await fn(), calls }
  } finally {
    db.handle = original
  }
}

async function rotating(activityId: string, allowWithoutLocation = false): Promise<string> {
  const code = await t
    .as(DEMO_IDENTITIES.stationManager)
    .ok('signin', 'rotatingCode', { activityId, allowWithoutLocation })
  const parsed = parseScene(code.scene)
  if (parsed.kind !== 'volunteer') throw new Error(`not a volunteer scene: ${code.scene}`)
  return parsed.token
}

describe('scanStation', () => {
  it('lands on the station: today’s activities, the one under way, the phone', async () => {
    const today = dayRange(Date.now())
    const startIn = Math.max(-30, Math.ceil((today.start.getTime() - Date.now()) / MIN))
    const underWay = await activity(startIn, 60)
    const tomorrow = await activity(
      (today.end.getTime() - Date.now()) / MIN + 60,
      (today.end.getTime() - Date.now()) / MIN + 120,
    )
    const yesterday = await activity(
      (today.start.getTime() - Date.now()) / MIN - 180,
      (today.start.getTime() - Date.now()) / MIN - 120,
    )

    const landing = await t.as(DEMO_IDENTITIES.elder).ok('signin', 'scanStation', { scene: 's%3DQH004' })
    expect(landing.unit).toMatchObject({ _id: DEMO_IDS.firstStation, phone: '0536-7211001' })
    const ids = landing.activities.map((a) => a._id)
    expect(ids).toContain(underWay._id)
    expect(ids).not.toContain(tomorrow._id)
    expect(ids).not.toContain(yesterday._id)
    expect(landing.currentId).not.toBeNull()
    const shown = landing.activities.find((a) => a._id === underWay._id)!
    expect(shown.signIn.state).toBe('open')
    expect(shown.mine).toEqual({ attendedAt: null, service: null })
    expect(landing.isVolunteer).toBe(false)

    await t.as(DEMO_IDENTITIES.elder).ok('signin', 'checkIn', { activityId: underWay._id })
    const again = await t.as(DEMO_IDENTITIES.elder).ok('signin', 'scanStation', { scene: 's=QH004' })
    expect(again.activities.find((a) => a._id === underWay._id)!.mine.attendedAt).toEqual(expect.any(Number))
    expect(again.activities.find((a) => a._id === underWay._id)!.attendedCount).toBe(1)

    const volunteer = await t.as(DEMO_IDENTITIES.volunteer).ok('signin', 'scanStation', { scene: 's=QH004' })
    expect(volunteer.isVolunteer).toBe(true)
  })

  it('remembers the scanned station as home for someone without one', async () => {
    const newcomer = `t5-newcomer-${Date.now()}`
    await t.as(newcomer).ok('signin', 'scanStation', { scene: 's=QH007' })
    expect(t.cloud.db.find('users', { _id: newcomer })[0]!.homeUnitId).toBe('u-qh-s04')
    await t.as(newcomer).ok('signin', 'scanStation', { scene: 's=QH004' })
    expect(t.cloud.db.find('users', { _id: newcomer })[0]!.homeUnitId).toBe('u-qh-s04')
  })

  it('says plainly when a code is unknown, malformed or retired', async () => {
    await t.cloud.db.insertMany('units', [
      {
        _id: 't5-retired',
        level: 'station',
        name: '旧城社区新时代文明实践站',
        parentId: 'u-qh-i01',
        ancestors: [DEMO_IDS.center, 'u-qh-i01'],
        address: '旧城',
        location: { type: 'Point', coordinates: [119.1, 36.7] },
        phone: '0536-0000000',
        hours: '',
        code: 'QHR01',
        retired: true,
      },
    ])
    const resident = t.as(DEMO_IDENTITIES.resident)
    await expect(resident.call('signin', 'scanStation', { scene: 's=NOPE99' })).resolves.toMatchObject({
      ok: false,
      code: 'STATION_UNKNOWN',
      message: expect.stringMatching(/没有找到这个站点/),
    })
    for (const scene of ['hello', 's=幸福里', '', 'x=QH004']) {
      await expect(resident.call('signin', 'scanStation', { scene })).resolves.toMatchObject({
        ok: false,
        code: 'SCENE_INVALID',
        message: expect.stringMatching(/不是文明实践站的二维码/),
      })
    }
    await expect(resident.call('signin', 'scanStation', { scene: 's=QHR01' })).resolves.toMatchObject({
      ok: false,
      code: 'STATION_RETIRED',
      // no successor recorded: the network context's message sends people to the nearby stations
      message: '该站点已合并/停用，请前往附近的其他文明实践站（首页可查看附近站点）',
    })
  })
})

describe('checkIn (residents)', () => {
  it('signs in once; a repeat answers 已签到 with the first time', async () => {
    const a = await activity(-10, 80)
    const first = await t.as(DEMO_IDENTITIES.resident).ok('signin', 'checkIn', { activityId: a._id })
    expect(first.status).toBe('signed_in')
    const second = await t.as(DEMO_IDENTITIES.resident).ok('signin', 'checkIn', { activityId: a._id })
    expect(second).toEqual({ status: 'already', signedInAt: first.signedInAt, activityId: a._id })
    expect(attendedCount(a._id)).toBe(1)
    expect(t.cloud.db.find(attendanceSpec.name, { activityId: a._id })).toHaveLength(1)
  })

  it('opens 30 minutes before the start and closes at the end', async () => {
    const soon = await activity(25, 90)
    const later = await activity(40, 90)
    const over = await activity(-120, -1)
    const cancelled = await activity(-10, 60, { status: 'cancelled', cancelReason: '下雨' })
    const resident = t.as(DEMO_IDENTITIES.resident)

    await expect(resident.ok('signin', 'checkIn', { activityId: soon._id })).resolves.toMatchObject({
      status: 'signed_in',
    })
    const early = await resident.call('signin', 'checkIn', { activityId: later._id })
    expect(early).toMatchObject({ ok: false, code: 'SIGNIN_NOT_OPEN' })
    if (!early.ok) expect(early.message).toMatch(/签到从.*(上午|中午|下午|晚上)\d+:\d\d开始/)
    await expect(resident.call('signin', 'checkIn', { activityId: over._id })).resolves.toMatchObject({
      ok: false,
      code: 'SIGNIN_CLOSED',
    })
    await expect(resident.call('signin', 'checkIn', { activityId: cancelled._id })).resolves.toMatchObject({
      ok: false,
      code: 'ACTIVITY_CANCELLED',
    })
    await expect(resident.call('signin', 'checkIn', { activityId: 't5-missing' })).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    for (const a of [later, over, cancelled]) {
      expect(t.cloud.db.find(attendanceSpec.name, { activityId: a._id })).toHaveLength(0)
      expect(attendedCount(a._id)).toBe(0)
    }
    expect(t.cloud.db.find(attendanceSpec.name, { activityId: 't5-missing' })).toHaveLength(0)
  })

  it('takes at most 7 database requests, the router’s user read and the statistics included', async () => {
    const a = await activity(-5, 60)
    await t.as(DEMO_IDENTITIES.resident).ok('signin', 'checkIn', { activityId: a._id }) // the year's counters exist
    const first = await countingDbCalls(() =>
      t.as(DEMO_IDENTITIES.elder).ok('signin', 'checkIn', { activityId: a._id }),
    )
    expect(first.result.status).toBe('signed_in')
    // user, insert, count ‖ the activity's unitPath and start, the person's marker (read, tags added: the
    // distinct 人数), the statistics bump (docs/statistics.md)
    expect(first.calls.length).toBeLessThanOrEqual(7)
    const repeat = await countingDbCalls(() =>
      t.as(DEMO_IDENTITIES.elder).ok('signin', 'checkIn', { activityId: a._id }),
    )
    expect(repeat.result.status).toBe('already')
    expect(repeat.calls.length).toBeLessThanOrEqual(3)
  })

  it('counts 500 different residents signing in at once exactly', async () => {
    const a = await activity(-5, 60)
    const people = Array.from({ length: 500 }, (_, i) => `t5-crowd-${String(i).padStart(3, '0')}`)
    await t.cloud.db.insertMany(
      'users',
      people.map((_id) => ({ _id, grants: [], createdAt: new Date() })),
    )
    const answers = await Promise.all(
      people.map((p) => t.as(p).call('signin', 'checkIn', { activityId: a._id })),
    )
    expect(answers.filter((r) => r.ok && r.data.status === 'signed_in')).toHaveLength(500)
    expect(t.cloud.db.find(attendanceSpec.name, { activityId: a._id })).toHaveLength(500)
    expect(attendedCount(a._id)).toBe(500)

    // The live list of a big activity is served by a declared index.
    const before = t.cloud.stats().db.unindexedQueries
    const live = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('signin', 'liveAttendance', { activityId: a._id })
    expect(live.activity.attendedCount).toBe(500)
    expect(live.residents).toHaveLength(200)
    expect(t.cloud.stats().db.unindexedQueries).toBe(before)
  })

  it('records one sign-in when the same resident taps 20 times at once', async () => {
    const a = await activity(-5, 60)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.as(DEMO_IDENTITIES.resident).call('signin', 'checkIn', { activityId: a._id }),
      ),
    )
    expect(answers.every((r) => r.ok)).toBe(true)
    const statuses = answers.map((r) => (r.ok ? r.data.status : 'error'))
    expect(statuses.filter((s) => s === 'signed_in')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'already')).toHaveLength(19)
    const times = new Set(answers.map((r) => (r.ok ? r.data.signedInAt : 0)))
    expect(times.size).toBe(1)
    expect(t.cloud.db.find(attendanceSpec.name, { activityId: a._id })).toHaveLength(1)
    expect(attendedCount(a._id)).toBe(1)
  })
})

describe('volunteers', () => {
  it('sign in with the rotating code and out; hours are the rounded overlap', async () => {
    const a = await activity(-40, 60)
    const code = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('signin', 'rotatingCode', { activityId: a._id, linkBase: 'http://127.0.0.1:5000/' })
    expect(code.scene).toMatch(/^v=[A-Za-z0-9_-]{30}$/)
    expect(code.content).toBe(
      `http://127.0.0.1:5000/#/pages/scan/index?scene=${encodeURIComponent(code.scene)}`,
    )
    expect(code.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(code.expiresAt - code.serverNow).toBeLessThanOrEqual(60_000)
    expect(code.refreshAt).toBeLessThan(code.expiresAt)

    const token = code.scene.slice(2)
    const volunteer = t.as(DEMO_IDENTITIES.volunteer)
    const signedIn = await volunteer.ok('signin', 'volunteerSignIn', { token, activityId: a._id })
    expect(signedIn.status).toBe('signed_in')
    expect(signedIn.record).toMatchObject({
      activityId: a._id,
      status: 'open',
      minutes: null,
      name: '赵志强',
    })
    const again = await volunteer.ok('signin', 'volunteerSignIn', { token })
    expect(again.status).toBe('already')
    expect(again.record.signInAt).toBe(signedIn.record.signInAt)

    const out = await volunteer.ok('signin', 'volunteerSignOut', { activityId: a._id })
    expect(out.status).toBe('signed_out')
    expect(out.record.status).toBe('closed')
    expect(out.record.minutes).toBe(
      creditedMinutes(out.record.signInAt, out.record.signOutAt!, { start: a.start, end: a.end }),
    )
    const outAgain = await volunteer.ok('signin', 'volunteerSignOut', { activityId: a._id })
    expect(outAgain.record.signOutAt).toBe(out.record.signOutAt)
    const afterOut = await volunteer.ok('signin', 'volunteerSignIn', { token: await rotating(a._id) })
    expect(afterOut.status).toBe('signed_out')
  })

  it('refuses yesterday’s code, another activity’s code and a forged one', async () => {
    const a = await activity(-10, 60)
    const b = await activity(-10, 60)
    await rotating(a._id)
    const volunteer = t.as(DEMO_IDENTITIES.volunteer)

    const yesterday = issueToken({ activityId: a._id, now: new Date(Date.now() - 86_400_000) }, hmac).token
    await expect(volunteer.call('signin', 'volunteerSignIn', { token: yesterday })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_EXPIRED',
    })
    const twoMinutesOld = issueToken({ activityId: a._id, now: new Date(Date.now() - 120_000) }, hmac).token
    await expect(
      volunteer.call('signin', 'volunteerSignIn', { token: twoMinutesOld }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'CODE_EXPIRED',
    })

    const forged = issueToken(
      { activityId: a._id, now: new Date() },
      hmacWith('a-guessed-secret-of-the-right-length!!'),
    ).token
    await expect(volunteer.call('signin', 'volunteerSignIn', { token: forged })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_INVALID',
    })
    const real = await rotating(a._id)
    const tampered = real.slice(0, 29) + (real[29] === 'A' ? 'B' : 'A')
    await expect(volunteer.call('signin', 'volunteerSignIn', { token: tampered })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_INVALID',
    })
    await expect(volunteer.call('signin', 'volunteerSignIn', { token: 'v=garbage' })).resolves.toMatchObject({
      ok: false,
      code: 'CODE_INVALID',
    })

    const codeOfB = await rotating(b._id)
    await expect(
      volunteer.call('signin', 'volunteerSignIn', { token: codeOfB, activityId: a._id }),
    ).resolves.toMatchObject({ ok: false, code: 'CODE_OTHER_ACTIVITY' })
    expect(t.cloud.db.find(serviceRecordsSpec.name, { activityId: { $in: [a._id, b._id] } })).toHaveLength(0)
  })

  it('refuses a code before the sign-in window opens', async () => {
    const a = await activity(45, 120)
    const token = await rotating(a._id)
    await expect(
      t.as(DEMO_IDENTITIES.volunteer).call('signin', 'volunteerSignIn', { token }),
    ).resolves.toMatchObject({ ok: false, code: 'SIGNIN_NOT_OPEN' })
  })

  it('checks the geofence, with the manager’s override when location is denied', async () => {
    const a = await activity(-10, 60)
    const manager = t.as(DEMO_IDENTITIES.stationManager)
    await expect(manager.ok('signin', 'setGeofence', { activityId: a._id, meters: 200 })).resolves.toEqual({
      geofenceMeters: 200,
    })
    const station = t.cloud.db.find('units', { _id: DEMO_IDS.firstStation })[0]!.location as {
      coordinates: [number, number]
    }
    const [lng, lat] = station.coordinates
    const volunteer = t.as(DEMO_IDENTITIES.volunteer)

    await expect(
      volunteer.call('signin', 'volunteerSignIn', { token: await rotating(a._id) }),
    ).resolves.toMatchObject({ ok: false, code: 'LOCATION_REQUIRED' })
    const far = await volunteer.call('signin', 'volunteerSignIn', {
      token: await rotating(a._id),
      position: { latitude: lat + 0.01, longitude: lng },
    })
    expect(far).toMatchObject({ ok: false, code: 'TOO_FAR' })
    if (!far.ok) expect(far.message).toMatch(/约 1\d{3} 米/)

    const override = await volunteer.ok('signin', 'volunteerSignIn', { token: await rotating(a._id, true) })
    expect(override.record).toMatchObject({ status: 'open', locationOverride: true, distanceMeters: null })

    // 签退 from 我的志愿时长 follows the same rule; the override session may sign out without location
    await expect(volunteer.ok('signin', 'volunteerSignOut', { activityId: a._id })).resolves.toMatchObject({
      status: 'signed_out',
    })

    const b = await activity(-10, 60, { geofenceMeters: 200 })
    const near = await volunteer.ok('signin', 'volunteerSignIn', {
      token: await rotating(b._id),
      position: { latitude: lat + 0.001, longitude: lng, accuracy: 20 },
    })
    expect(near.record.locationOverride).toBe(false)
    expect(near.record.distanceMeters).toBeGreaterThan(100)
    expect(near.record.distanceMeters).toBeLessThan(120)

    await expect(volunteer.call('signin', 'volunteerSignOut', { activityId: b._id })).resolves.toMatchObject({
      ok: false,
      code: 'LOCATION_REQUIRED',
      message: expect.stringMatching(/签退/),
    })
    const farOut = await volunteer.call('signin', 'volunteerSignOut', {
      activityId: b._id,
      position: { latitude: lat + 0.01, longitude: lng },
    })
    expect(farOut).toMatchObject({ ok: false, code: 'TOO_FAR', message: expect.stringMatching(/签退范围/) })
    expect(t.cloud.db.find(serviceRecordsSpec.name, { _id: near.record._id })[0]).toMatchObject({
      status: 'open',
    })
    const out = await volunteer.ok('signin', 'volunteerSignOut', {
      activityId: b._id,
      position: { latitude: lat + 0.001, longitude: lng },
    })
    expect(out).toMatchObject({ status: 'signed_out', record: { status: 'closed' } })
  })

  it('are closed by the timer at the activity’s end when they forget to sign out, flagged', async () => {
    const ended = await activity(-150, -30)
    const signInAt = new Date(new Date(ended.start).getTime() + 20 * MIN)
    await t.cloud.db.insertMany(serviceRecordsSpec.name, [
      {
        _id: `${ended._id}_seed-volunteer-001`,
        activityId: ended._id,
        activityTitle: ended.title,
        unitId: ended.unitId,
        unitName: ended.unitName,
        unitPath: ended.unitPath,
        activityStart: ended.start,
        activityEnd: ended.end,
        openid: 'seed-volunteer-001',
        name: '测试志愿者',
        signInAt,
        signOutAt: null,
        status: 'open',
        minutes: null,
        autoClosed: false,
        locationOverride: false,
        distanceMeters: null,
        confirmedBy: null,
        confirmedAt: null,
        corrections: [],
        revision: 0,
      },
    ])
    const running = await activity(-10, 60)
    await t
      .as(DEMO_IDENTITIES.volunteer)
      .ok('signin', 'volunteerSignIn', { token: await rotating(running._id) })

    const report = (await t.cloud.fireTimer('signin')) as { closed: number; more: boolean }
    expect(report.closed).toBeGreaterThanOrEqual(1)
    const [closed] = t.cloud.db.find(serviceRecordsSpec.name, { activityId: ended._id })
    expect(closed).toMatchObject({ status: 'auto_closed', autoClosed: true, minutes: 105 })
    expect(new Date(closed!.signOutAt as Date).getTime()).toBe(new Date(ended.end).getTime())
    const [stillOpen] = t.cloud.db.find(serviceRecordsSpec.name, { activityId: running._id })
    expect(stillOpen!.status).toBe('open')

    const rerun = (await t.cloud.fireTimer('signin')) as { closed: number }
    expect(rerun.closed).toBe(0)

    const live = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('signin', 'liveAttendance', { activityId: ended._id })
    expect(live.volunteers[0]).toMatchObject({ status: 'auto_closed', autoClosed: true, minutes: 105 })
  })
})

describe('hours', () => {
  async function closedSession(openid: string): Promise<string> {
    const a = await activity(-30, 60)
    const code = await rotating(a._id)
    await t.as(openid).ok('signin', 'volunteerSignIn', { token: code })
    const out = await t.as(openid).ok('signin', 'volunteerSignOut', { activityId: a._id })
    return out.record._id
  }

  it('a manager confirms, or corrects with a reason kept as an audit trail', async () => {
    const id = await closedSession('seed-volunteer-002')
    const manager = t.as(DEMO_IDENTITIES.stationManager)
    const confirmed = await manager.ok('signin', 'confirmHours', { recordId: id })
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedByName: expect.any(String) })
    expect(t.cloud.db.find(serviceRecordsSpec.name, { _id: id })[0]).toMatchObject({
      confirmedBy: DEMO_IDENTITIES.stationManager,
    })
    await expect(manager.ok('signin', 'confirmHours', { recordId: id })).resolves.toMatchObject({
      confirmedAt: confirmed.confirmedAt,
    })

    const corrected = await t
      .as(DEMO_IDENTITIES.centerAdmin)
      .ok('signin', 'correctHours', { recordId: id, minutes: 90, reason: '提前到场布置会场' })
    expect(corrected.minutes).toBe(90)
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        byName: expect.any(String),
        fromMinutes: 0,
        toMinutes: 90,
        reason: '提前到场布置会场',
      }),
    ])
    const again = await manager.ok('signin', 'correctHours', {
      recordId: id,
      minutes: 60,
      reason: '核对后调整',
    })
    expect(again.corrections.map((c) => [c.fromMinutes, c.toMinutes])).toEqual([
      [0, 90],
      [90, 60],
    ])
    expect(t.cloud.db.find(serviceRecordsSpec.name, { _id: id })[0]).toMatchObject({
      minutes: 60,
      revision: 3,
    })
  })

  it('needs a reason, and a manager of the activity’s unit', async () => {
    const id = await closedSession('seed-volunteer-003')
    await expect(
      t
        .as(DEMO_IDENTITIES.stationManager)
        .call('signin', 'correctHours', { recordId: id, minutes: 30, reason: '' }),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { reason: expect.any(String) } })
    await expect(t.as(OTHER_MANAGER).call('signin', 'confirmHours', { recordId: id })).resolves.toMatchObject(
      { ok: false, code: 'FORBIDDEN' },
    )
    for (const who of [DEMO_IDENTITIES.volunteer, DEMO_IDENTITIES.resident, 'seed-volunteer-003']) {
      await expect(t.as(who).call('signin', 'confirmHours', { recordId: id })).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
      await expect(
        t.as(who).call('signin', 'correctHours', { recordId: id, minutes: 600, reason: '我自己改一下' }),
      ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(t.cloud.db.find(serviceRecordsSpec.name, { _id: id })[0]).toMatchObject({
      status: 'closed',
      revision: 0,
    })
  })

  it('four eyes: a manager who served cannot confirm or correct their own hours; the manager above can', async () => {
    const both = 'test-manager-volunteer-s01'
    await t.cloud.db.insertMany('users', [
      {
        _id: both,
        name: '王双岗',
        grants: [
          { role: 'manager', unitId: DEMO_IDS.firstStation },
          { role: 'volunteer', unitId: DEMO_IDS.firstStation },
        ],
        createdAt: new Date(),
      },
    ])
    const id = await closedSession(both)
    const self = t.as(both)
    await expect(self.call('signin', 'confirmHours', { recordId: id })).resolves.toMatchObject({
      ok: false,
      code: 'OWN_HOURS',
      message: expect.stringMatching(/不能确认或更正自己的服务时长/),
    })
    await expect(
      self.call('signin', 'correctHours', { recordId: id, minutes: 600, reason: '我自己改一下' }),
    ).resolves.toMatchObject({ ok: false, code: 'OWN_HOURS' })
    expect(t.cloud.db.find(serviceRecordsSpec.name, { _id: id })[0]).toMatchObject({
      status: 'closed',
      revision: 0,
    })
    await expect(
      t.as(DEMO_IDENTITIES.centerAdmin).ok('signin', 'confirmHours', { recordId: id }),
    ).resolves.toMatchObject({ status: 'confirmed' })
  })

  it('never shows a volunteer the openids of the managers who confirmed or corrected: names or roles', async () => {
    const me = 'seed-volunteer-006'
    const id = await closedSession(me)
    await t
      .as(DEMO_IDENTITIES.centerAdmin)
      .ok('signin', 'correctHours', { recordId: id, minutes: 50, reason: '补记布置时间' })
    await t.as(DEMO_IDENTITIES.stationManager).ok('signin', 'correctHours', {
      recordId: id,
      minutes: 55,
      reason: '再核对',
    })
    const answer = await t.as(me).ok('signin', 'myHours', { limit: 10 })
    const text = JSON.stringify(answer)
    for (const openid of [DEMO_IDENTITIES.centerAdmin, DEMO_IDENTITIES.stationManager])
      expect(text).not.toContain(openid)
    const mine = answer.records.find((r) => r._id === id)!
    expect(mine.confirmedByName).toEqual(expect.any(String))
    expect(mine.corrections.map((c) => c.byName)).toEqual([expect.any(String), expect.any(String)])
    expect(mine.corrections[0]).not.toHaveProperty('by')
  })

  it('cannot confirm a session still open', async () => {
    const a = await activity(-10, 60)
    await t.as('seed-volunteer-004').ok('signin', 'volunteerSignIn', { token: await rotating(a._id) })
    await expect(
      t
        .as(DEMO_IDENTITIES.stationManager)
        .call('signin', 'confirmHours', { recordId: `${a._id}_seed-volunteer-004` }),
    ).resolves.toMatchObject({ ok: false, code: 'HOURS_OPEN' })
  })

  it('我的志愿时长 lists a volunteer’s sessions, newest first, with totals', async () => {
    const me = 'seed-volunteer-005'
    const ids = [await closedSession(me), await closedSession(me), await closedSession(me)]
    await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('signin', 'correctHours', { recordId: ids[0]!, minutes: 45, reason: '补记' })
    const page1 = await t.as(me).ok('signin', 'myHours', { limit: 2 })
    expect(page1.records).toHaveLength(2)
    expect(page1.nextCursor).not.toBeNull()
    const page2 = await t.as(me).ok('signin', 'myHours', { limit: 2, cursor: page1.nextCursor! })
    const all = [...page1.records, ...page2.records]
    expect(all).toHaveLength(3)
    expect(new Set(all.map((r) => r._id))).toEqual(new Set(ids))
    const times = all.map((r) => r.signInAt)
    expect(times).toEqual([...times].sort((x, y) => y - x))
    expect(page1.totals).toEqual({ records: 3, minutes: 45, confirmedMinutes: 45, pendingMinutes: 0 })
  })
})

describe('liveAttendance', () => {
  it('shows the manager who signed in, the count and the volunteers on duty', async () => {
    const a = await activity(-20, 60)
    await t.as(DEMO_IDENTITIES.resident).ok('signin', 'checkIn', { activityId: a._id })
    await t.as(DEMO_IDENTITIES.elder).ok('signin', 'checkIn', { activityId: a._id })
    await t.as(DEMO_IDENTITIES.volunteer).ok('signin', 'volunteerSignIn', { token: await rotating(a._id) })
    await t.as('seed-volunteer-006').ok('signin', 'volunteerSignIn', { token: await rotating(a._id) })
    await t.as('seed-volunteer-006').ok('signin', 'volunteerSignOut', { activityId: a._id })

    const live = await t.as(DEMO_IDENTITIES.centerAdmin).ok('signin', 'liveAttendance', { activityId: a._id })
    expect(live.activity.attendedCount).toBe(2)
    expect(live.residents.map((r) => r.name)).toEqual(['李桂兰', '张丽华'])
    expect(live.volunteers.map((v) => v.openid)).toEqual([DEMO_IDENTITIES.volunteer, 'seed-volunteer-006'])
    expect(live.onDuty).toBe(1)
    expect(live.signIn.state).toBe('open')
  })
})

describe('roles', () => {
  const { resident, volunteer, stationManager, centerAdmin } = DEMO_IDENTITIES
  const managerOnly = ['rotatingCode', 'setGeofence', 'liveAttendance'] as const

  it('lets only managers of the activity’s unit show codes, set the geofence and watch attendance', async () => {
    const a = await activity(-10, 60)
    const inputs = {
      rotatingCode: { activityId: a._id },
      setGeofence: { activityId: a._id, meters: null },
      liveAttendance: { activityId: a._id },
    }
    for (const action of managerOnly) {
      for (const who of [resident, volunteer]) {
        await expect(t.as(who).call('signin', action, inputs[action])).resolves.toMatchObject({
          ok: false,
          code: 'FORBIDDEN',
        })
      }
      await expect(t.as(OTHER_MANAGER).call('signin', action, inputs[action])).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: expect.stringMatching(/专管员/),
      })
      for (const who of [stationManager, centerAdmin]) {
        await expect(t.as(who).call('signin', action, inputs[action])).resolves.toMatchObject({ ok: true })
      }
    }
  })

  it('lets only volunteers sign in for service and read their hours', async () => {
    const a = await activity(-10, 60)
    const token = await rotating(a._id)
    for (const who of [resident, stationManager, centerAdmin]) {
      await expect(t.as(who).call('signin', 'volunteerSignIn', { token })).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
      await expect(
        t.as(who).call('signin', 'volunteerSignOut', { activityId: a._id }),
      ).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
      await expect(t.as(who).call('signin', 'myHours', {})).resolves.toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
    }
    await expect(t.as(volunteer).call('signin', 'myHours', {})).resolves.toMatchObject({ ok: true })
  })

  it('lets everyone scan a station and sign in as a resident', async () => {
    const a = await activity(-10, 60)
    for (const who of Object.values(DEMO_IDENTITIES)) {
      await expect(t.as(who).call('signin', 'scanStation', { scene: 's=QH004' })).resolves.toMatchObject({
        ok: true,
      })
      await expect(t.as(who).call('signin', 'checkIn', { activityId: a._id })).resolves.toMatchObject({
        ok: true,
      })
    }
    expect(attendedCount(a._id)).toBe(Object.values(DEMO_IDENTITIES).length)
  })

  it('refuses a call without a WeChat identity, and a timer event from a client', async () => {
    await expect(t.as(null).raw('signin', { action: 'myHours', input: {} })).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
    await expect(
      t.as(volunteer).raw('signin', { Type: 'Timer', TriggerName: 'closeForgottenSignOuts', Time: '' }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
