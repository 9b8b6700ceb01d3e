/**
 * Every action of every function × every demo role, generated from the contract: a role the contract
 * does not allow is refused with FORBIDDEN before the handler runs, an allowed role gets past the role
 * check, and a call without a WeChat identity is UNAUTHENTICATED. `SAMPLES` must name a valid input for
 * every action in the contract (its type is derived from the contract), so a new action cannot be added
 * without entering this matrix.
 */
import type { z } from 'zod'
import { contract, type ActionName, type FunctionName, type InputOf } from '../core/contract'
import type { ActionSpec } from '../core/contract/define'
import type { Role, RoleGrant } from '../core/domain'
import { ERROR_MESSAGES } from '../core/errors'
import { VOLUNTEER_CONSENT } from '../core/contract/people'
import { rolesOf } from '../server/auth'
import { startTestCloud, type TestCloud } from '../testing/function-cloud'
import { DEMO_IDENTITIES, DEMO_IDS } from '../scripts/seed'
import { DEMO_FLAG_IDS } from '../scripts/seed/integrity'
import { storeActivity } from './activities/src/test-activities'

interface Ids {
  /** a fresh activity at the first demo station, starting in two days */
  activity: () => Promise<string>
}

type Sample<F extends FunctionName, A extends ActionName<F>> = (ids: Ids) => Promise<InputOf<F, A>>
type Samples = { [F in FunctionName]: { [A in ActionName<F>]: Sample<F, A> } }

const DAY = 86_400_000
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

const VOLUNTEER_FORM = {
  name: '权限矩阵',
  phone: '13812345678',
  specialities: ['其他' as const],
  consentVersion: VOLUNTEER_CONSENT.version,
}
let teamSerial = 0

const SAMPLES: Samples = {
  posters: { weekly: async () => ({ unitId: DEMO_IDS.firstStation, week: '2030-03-04' }) },
  certificates: {
    mine: async () => ({}),
    request: async () => ({ from: '2026-01-01', to: '2026-06-30' }),
    issue: async () => ({ volunteerNumber: 'QH-00001', from: '2026-01-01', to: '2026-06-30' }),
    list: async () => ({}),
    revoke: async () => ({ number: 'ZM2026000000000000K', reason: '权限矩阵' }),
    pdf: async () => ({ number: 'ZM2026000000000000K' }),
    verify: async () => ({ number: 'ZM2026000000000000K' }),
    issuerGet: async () => ({ unitId: DEMO_IDS.firstStation }),
    issuerSet: async () => ({
      unitId: DEMO_IDS.firstStation,
      head: '王主任',
      handler: '李干事',
      phone: '0631-1234567',
    }),
  },
  plans: {
    get: async () => ({ year: '2030' }),
    setMonth: async () => ({
      centerId: DEMO_IDS.center,
      month: '2030-01',
      theme: '权限矩阵',
      baseVersion: 0,
    }),
    setThemes: async () => ({ centerId: DEMO_IDS.center, themes: [{ month: '2030-02', theme: '权限矩阵' }] }),
    themes: async () => ({ unitId: DEMO_IDS.firstStation }),
    month: async () => ({ unitId: DEMO_IDS.firstStation, month: '2030-01' }),
  },
  integrity: {
    list: async () => ({}),
    get: async () => ({ id: DEMO_FLAG_IDS.hours }),
    resolve: async () => ({ id: DEMO_FLAG_IDS.burst, outcome: 'dismissed', note: '' }),
  },
  stats: {
    report: async () => ({ unitId: DEMO_IDS.firstStation, period: 'month', date: '2026-11-01' }),
    export: async () => ({ unitId: DEMO_IDS.firstStation, period: 'month', date: '2026-11-01' }),
  },
  credit: {
    mine: async () => ({}),
    // the demo volunteer, under the first station (the station manager is refused past the gate: scope)
    adjust: async () => ({
      unitId: DEMO_IDS.firstStation,
      openid: DEMO_IDENTITIES.volunteer,
      points: 1,
      reason: '权限矩阵',
      requestId: `matrix${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    }),
    board: async () => ({ unitId: DEMO_IDS.firstStation, month: '2026-11' }),
    setBoardVisibility: async () => ({ hidden: false }),
    starQueue: async () => ({}),
    decideStar: async () => ({ id: 'no-such-star', approve: true }),
    starSettings: async () => ({ centerId: DEMO_IDS.center }),
    // a station is not a center: refused past the role check, nothing written
    saveStarSettings: async () => ({
      centerId: DEMO_IDS.firstStation,
      starHours: [100, 300, 600, 1000, 1500],
      noticeWorkingDays: 5,
      holidays: [],
      workdays: [],
    }),
    rules: async () => ({ centerId: DEMO_IDS.center }),
    // a station is not a center: refused past the role check, no rule written
    saveRule: async () => ({
      centerId: DEMO_IDS.firstStation,
      effectiveFrom: '2099-01-01',
      scale: [{ fromHours: 0, points: 10, hours: 1 }],
      capPerActivity: null,
      capPerDay: null,
    }),
    items: async () => ({ unitId: DEMO_IDS.firstStation }),
    saveItem: async () => ({
      id: 'no-such-item',
      unitId: DEMO_IDS.firstStation,
      title: '权限矩阵',
      price: 1,
      stock: 0,
    }),
    redeem: async () => ({ itemId: 'no-such-item', requestId: `matrix${Date.now()}` }),
    myRedemptions: async () => ({}),
    cancel: async () => ({ id: 'no-such-redemption' }),
    handOver: async () => ({ code: 'AAAAAAAAAAAAAAAA' }),
  },
  activities: {
    listWeek: async () => ({ scope: { kind: 'unit', unitId: DEMO_IDS.firstStation } }),
    get: async (ids) => ({ id: await ids.activity() }),
    register: async (ids) => ({ id: await ids.activity() }),
    withdraw: async (ids) => ({ id: await ids.activity() }),
    mine: async () => ({}),
    managed: async () => ({}),
    editor: async () => ({}),
    create: async () => {
      const start = Date.now() + 3 * DAY
      return {
        unitId: DEMO_IDS.firstStation,
        title: '权限矩阵测试活动',
        category: '科普',
        description: '用于检查每个角色的权限。',
        place: '党群服务中心一楼大厅',
        start,
        end: start + 90 * 60_000,
        registrationRequired: true,
        capacity: 30,
        volunteerSlots: 0,
        theme: null,
        practiceDay: false,
        coverFileId: null,
        contactPhone: '0536-7211001',
      }
    },
    update: async (ids) => {
      const start = Date.now() + 4 * DAY
      return {
        id: await ids.activity(),
        title: '权限矩阵测试活动（改）',
        category: '科普',
        description: '用于检查每个角色的权限。',
        place: '党群服务中心一楼大厅',
        start,
        end: start + 90 * 60_000,
        registrationRequired: true,
        capacity: 30,
        volunteerSlots: 0,
        theme: null,
        practiceDay: false,
        coverFileId: null,
        contactPhone: '0536-7211001',
      }
    },
    uploadCover: async () => ({
      unitId: DEMO_IDS.firstStation,
      contentType: 'image/png',
      dataBase64: PNG_1X1,
    }),
    cancel: async (ids) => ({ id: await ids.activity(), reason: '场地临时维修，活动取消' }),
    registrants: async (ids) => ({ id: await ids.activity() }),
  },
  stations: {
    nearby: async () => ({ latitude: 36.7, longitude: 119.1 }),
    list: async () => ({}),
    get: async () => ({ id: DEMO_IDS.firstStation }),
  },
  users: {
    me: async () => ({}),
  },
  codes: {
    list: async () => ({}),
    generate: async () => ({ unitId: DEMO_IDS.firstStation }),
    image: async () => ({ unitId: DEMO_IDS.firstStation }),
  },
  signin: {
    scanStation: async () => ({ scene: 's=unknown' }),
    checkIn: async (ids) => ({ activityId: await ids.activity() }),
    volunteerSignIn: async () => ({ token: 'not-a-real-token' }),
    volunteerSignOut: async (ids) => ({ activityId: await ids.activity() }),
    rotatingCode: async (ids) => ({ activityId: await ids.activity() }),
    setGeofence: async (ids) => ({ activityId: await ids.activity(), meters: 300 }),
    liveAttendance: async (ids) => ({ activityId: await ids.activity() }),
    myHours: async () => ({}),
    confirmHours: async () => ({ recordId: 'no-such-record' }),
    correctHours: async () => ({ recordId: 'no-such-record', minutes: 60, reason: '核对签到表后更正' }),
  },
  notices: {
    getSettings: async () => ({}),
    setSettings: async () => ({ centerId: DEMO_IDS.center, day: 15 }),
    subscribe: async () => ({ templateId: 'matrix-template' }),
    mySubscription: async () => ({}),
    upcoming: async () => ({}),
    jobStatus: async () => ({ limit: 5 }),
    startAdhoc: async () => ({
      stationId: DEMO_IDS.firstStation,
      theme: '权限矩阵',
      start: Date.now() + 2 * DAY,
      requestId: `matrix-${Date.now()}`,
    }),
    resumeJob: async () => ({ jobId: 'no-such-job' }),
  },
  orders: {
    menu: async () => ({ unitId: DEMO_IDS.firstStation }),
    // a station is not a center: refused past the role check, the demo menu untouched
    setMenu: async () => ({ centerId: DEMO_IDS.firstStation, items: [], escalateAfterMinutes: 120 }),
    place: async () => ({
      requestId: `matrix${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      category: '理发',
      unitId: DEMO_IDS.firstStation,
      wantedAt: Date.now() + 2 * DAY,
      where: 'station',
    }),
    mine: async () => ({}),
    get: async () => ({ id: 'no-such-order' }),
    queue: async () => ({}),
    dispatch: async () => ({ id: 'no-such-order', teamId: 't-qh-06' }),
    escalate: async () => ({ id: 'no-such-order' }),
    reject: async () => ({ id: 'no-such-order', reason: '权限矩阵' }),
    cancel: async () => ({ id: 'no-such-order', reason: '权限矩阵' }),
    available: async () => ({}),
    accept: async () => ({ id: 'no-such-order' }),
    handBack: async () => ({ id: 'no-such-order', reason: '权限矩阵' }),
    complete: async () => ({ id: 'no-such-order', minutes: 30 }),
    rate: async () => ({ id: 'no-such-order', stars: 5 }),
    figures: async () => ({ unitId: DEMO_IDS.firstStation }),
  },
  inbox: {
    list: async () => ({}),
    unread: async () => ({}),
    markRead: async () => ({ all: true }),
  },
  network: {
    tree: async () => ({}),
    createUnit: async () => ({
      parentId: DEMO_IDS.firstStation,
      name: `权限矩阵实践点${Date.now()}`,
      address: '幸福里社区南门',
      latitude: 36.702,
      longitude: 119.102,
      phone: '0536-7211001',
      hours: '每天 9:00–17:00',
    }),
    updateUnit: async () => ({
      id: 'no-such-unit',
      name: '权限矩阵实践站',
      address: '幸福里社区南门',
      latitude: 36.702,
      longitude: 119.102,
      phone: '0536-7211001',
      hours: '每天 9:00–17:00',
    }),
    retireUnit: async () => ({ id: 'no-such-unit' }),
    holders: async () => ({ unitId: DEMO_IDS.firstStation }),
    invite: async () => ({ unitId: DEMO_IDS.firstStation }),
    cancelInvitation: async () => ({ id: 'no-such-invitation' }),
    invitation: async () => ({ scene: 'i=ABCDEFGHIJKLMNOPQRSTUVWX' }),
    accept: async () => ({ scene: 'i=ABCDEFGHIJKLMNOPQRSTUVWX', name: '权限矩阵' }),
    revoke: async () => ({ openid: 'no-such-user', role: 'manager', unitId: DEMO_IDS.firstStation }),
    audit: async () => ({}),
  },
  people: {
    myVolunteer: async () => ({}),
    // an unknown home station: past the role check, refused before anything is written
    register: async () => ({ ...VOLUNTEER_FORM, homeUnitId: 'no-such-unit' }),
    updateVolunteer: async () => ({ ...VOLUNTEER_FORM, homeUnitId: 'no-such-unit' }),
    leave: async () => ({}),
    teams: async () => ({ unitId: DEMO_IDS.firstStation }),
    team: async () => ({ id: 't-qh-06' }),
    teamMembers: async () => ({ id: 't-qh-06' }),
    myTeams: async () => ({}),
    createTeam: async () => ({
      unitId: DEMO_IDS.firstStation,
      parentId: null,
      name: `权限矩阵服务队${++teamSerial}`,
      speciality: '其他',
    }),
    setLeader: async () => ({ teamId: 't-qh-07', volunteerNumber: 'QH000-999999', leader: true }),
    askToJoin: async () => ({ teamId: 't-qh-07', note: '' }),
    leaveTeam: async () => ({ teamId: 't-qh-07' }),
    joinRequests: async () => ({}),
    decideJoin: async () => ({ requestId: 'no-such-request', approve: true }),
    slotState: async (ids) => ({ activityId: await ids.activity() }),
    signUpSlot: async (ids) => ({ activityId: await ids.activity() }),
    cancelSlot: async (ids) => ({ activityId: await ids.activity() }),
    slotVolunteers: async (ids) => ({ activityId: await ids.activity() }),
    mySlots: async () => ({}),
  },
}

/**
 * Answers that mean an allowed caller never got past the router: the role refusal (FORBIDDEN with the
 * router's own message; a handler's unit-scope refusal names the unit and counts as past the gate),
 * no identity, a sample the schema refuses, an action the function does not know.
 */
function stoppedAtTheGate(res: { ok: boolean; code?: string; message?: string }): boolean {
  if (res.ok) return false
  if (res.code === 'FORBIDDEN') return res.message === ERROR_MESSAGES.FORBIDDEN
  return ['UNAUTHENTICATED', 'INVALID_INPUT', 'UNKNOWN_ACTION'].includes(res.code ?? '')
}

const specOf = (fn: FunctionName, action: string) =>
  (contract[fn] as unknown as Record<string, ActionSpec<z.ZodType, unknown>>)[action]!

const cases = (Object.keys(contract) as FunctionName[]).flatMap((fn) =>
  Object.keys(contract[fn]).map((action) => [fn, action] as const),
)

let t: TestCloud
const roles = new Map<string, Set<Role>>()
const ids: Ids = { activity: () => storeActivity(t.cloud) }

beforeAll(async () => {
  t = await startTestCloud()
  for (const openid of Object.values(DEMO_IDENTITIES)) {
    const [user] = t.cloud.db.find('users', { _id: openid }) as unknown as Array<{ grants?: RoleGrant[] }>
    roles.set(openid, rolesOf(user?.grants ?? []))
  }
}, 90_000)
afterAll(async () => {
  await t.stop()
})

it('has a sample for every action, and each sample is a valid input', async () => {
  for (const [fn, action] of cases) {
    const sample = (SAMPLES[fn] as Record<string, Sample<FunctionName, never> | undefined>)[action]
    expect(sample ? `${fn}.${action}` : `${fn}.${action} has no sample`).toBe(`${fn}.${action}`)
    const parsed = specOf(fn, action).input.safeParse(await sample!(ids))
    expect(parsed.success ? `${fn}.${action}` : JSON.stringify(parsed.error.issues)).toBe(`${fn}.${action}`)
  }
})

it('the demo identities cover every role', () => {
  const covered = new Set([...roles.values()].flatMap((set) => [...set]))
  expect([...covered].sort()).toEqual(['manager', 'resident', 'volunteer'])
})

describe.each(Object.entries(DEMO_IDENTITIES))('as %s', (_name, openid) => {
  it.each(cases)('%s.%s answers as the contract allows', async (fn, action) => {
    const allowed = specOf(fn, action).roles.some((role) => roles.get(openid)!.has(role))
    const sample = (SAMPLES[fn] as Record<string, Sample<FunctionName, never>>)[action]!
    const res = (await t.as(openid).raw(fn, { action, input: await sample(ids) })) as {
      ok: boolean
      code?: string
      message?: string
    }
    if (allowed) {
      expect(stoppedAtTheGate(res) ? res : 'past the role check').toBe('past the role check')
    } else {
      expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN })
    }
  })
})

it.each(cases)('%s.%s without a WeChat identity is UNAUTHENTICATED', async (fn, action) => {
  const sample = (SAMPLES[fn] as Record<string, Sample<FunctionName, never>>)[action]!
  const res = await t.as(null).raw(fn, { action, input: await sample(ids) })
  expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
})
