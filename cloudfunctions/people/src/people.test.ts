import type { InputOf } from '../../../core/contract'
import type { TeamDoc, VolunteerDoc } from '../../../core/contract/people.collections'
import { VOLUNTEER_CONSENT } from '../../../core/contract/people'
import type { UserRecord } from '../../../core/domain'
import { withCheckDigit } from '../../../core/people/id-number'
import { DEMO_IDENTITIES, DEMO_IDS } from '../../../scripts/seed'
import { DEMO_LED_TEAM } from '../../../scripts/seed/people'
import { startTestCloud, type TestCloud } from '../../../testing/function-cloud'
import { storeActivity } from '../../activities/src/test-activities'
import { decryptIdNumber } from './id-crypto'

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

const ID_NUMBER = withCheckDigit('37070219900101123')
const user = (openid: string) => t.cloud.db.find('users', { _id: openid })[0] as unknown as UserRecord
const volunteer = (openid: string) =>
  t.cloud.db.find('volunteers', { _id: openid })[0] as unknown as VolunteerDoc | undefined
const teamDoc = (id: string) => t.cloud.db.find('teams', { _id: id })[0] as unknown as TeamDoc

function form(over: Partial<InputOf<'people', 'register'>> = {}): InputOf<'people', 'register'> {
  return {
    name: '王小明',
    phone: '13812345678',
    homeUnitId: DEMO_IDS.firstStation,
    specialities: ['健康义诊', '科普'],
    consentVersion: VOLUNTEER_CONSENT.version,
    ...over,
  }
}

let serial = 0
/** A resident who has used the app (a users record) and is not a volunteer yet. */
async function newResident(): Promise<string> {
  const openid = `people-test-${process.pid}-${++serial}`
  await t.cloud.db.insertMany('users', [{ _id: openid, grants: [], createdAt: new Date() }])
  return openid
}

async function newVolunteer(over: Partial<InputOf<'people', 'register'>> = {}): Promise<string> {
  const openid = await newResident()
  await t.as(openid).ok('people', 'register', form(over))
  return openid
}

describe('registering as a volunteer', () => {
  it('gives a number, the grant on the home station, and shows the ID number only masked', async () => {
    const openid = await newResident()
    const profile = await t.as(openid).ok('people', 'register', form({ idNumber: ID_NUMBER }))
    expect(profile.number).toMatch(/^QH000-\d{6}$/)
    expect(profile.idNumberMasked).toBe(`3707**********${ID_NUMBER.slice(-4)}`)
    expect(JSON.stringify(profile)).not.toContain(ID_NUMBER)
    expect(user(openid).grants).toContainEqual({ role: 'volunteer', unitId: DEMO_IDS.firstStation })
    expect(user(openid)).toMatchObject({
      name: '王小明',
      phone: '13812345678',
      volunteerNumber: profile.number,
    })

    const stored = volunteer(openid)!
    expect(JSON.stringify(stored)).not.toContain(ID_NUMBER)
    expect(stored.idNumberCipher).toMatch(/^v1:/)
    expect(decryptIdNumber(stored.idNumberCipher!, t.cloud.sdkEnv())).toBe(ID_NUMBER)

    const mine = await t.as(openid).ok('people', 'myVolunteer', {})
    expect(mine.profile).toEqual(profile)
    expect(mine.consent.version).toBe(VOLUNTEER_CONSENT.version)
  })

  it('numbers twenty people registering at once with twenty different numbers', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => newResident()))
    const profiles = await Promise.all(people.map((p) => t.as(p).ok('people', 'register', form())))
    expect(new Set(profiles.map((p) => p.number)).size).toBe(20)
  })

  it('refuses a second registration', async () => {
    const openid = await newVolunteer()
    const res = await t.as(openid).call('people', 'register', form())
    expect(res).toMatchObject({ ok: false, code: 'ALREADY_VOLUNTEER' })
  })

  it.each([
    ['a phone that is not a mobile number', { phone: '0536-721' }, 'phone', /手机号/],
    [
      'an ID number with a wrong check digit',
      { idNumber: '370702199001011230' },
      'idNumber',
      /身份证号不正确/,
    ],
    ['no consent', { consentVersion: 'old' as never }, 'consentVersion', /同意/],
    ['a speciality outside the list', { specialities: ['打麻将' as never] }, 'specialities.0', /专长/],
    ['no speciality', { specialities: [] }, 'specialities', /至少选择一项/],
  ])('refuses %s with a Chinese message and writes nothing', async (_what, over, field, message) => {
    const openid = await newResident()
    const counters = t.cloud.db.find('people_counters', {})
    const res = await t.as(openid).call('people', 'register', form(over))
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    if (!res.ok) expect(res.fields?.[field]).toMatch(message)
    expect(volunteer(openid)).toBeUndefined()
    expect(user(openid).grants).toEqual([])
    expect(t.cloud.db.find('people_counters', {})).toEqual(counters)
  })

  it('refuses an institute as home station and writes nothing', async () => {
    const openid = await newResident()
    const res = await t.as(openid).call('people', 'register', form({ homeUnitId: 'u-qh-i01' }))
    expect(res).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '请选择离您最近的文明实践站或实践点',
    })
    expect(volunteer(openid)).toBeUndefined()
  })
})

describe('editing and leaving', () => {
  it('moves the grant with the home station and removes the ID number on request', async () => {
    const openid = await newVolunteer({ idNumber: ID_NUMBER })
    const edited = await t.as(openid).ok('people', 'updateVolunteer', {
      ...form({ homeUnitId: 'u-qh-s02', name: '王晓明' }),
      idNumber: null,
    })
    expect(edited).toMatchObject({ name: '王晓明', homeUnitId: 'u-qh-s02', idNumberMasked: null })
    const grants = user(openid).grants
    expect(grants).toContainEqual({ role: 'volunteer', unitId: 'u-qh-s02' })
    expect(grants).not.toContainEqual({ role: 'volunteer', unitId: DEMO_IDS.firstStation })
    expect(volunteer(openid)!.idNumberCipher).toBeNull()
  })

  it('leaving keeps the number, removes the grant, the teams and the future slots', async () => {
    const openid = await newVolunteer()
    const { number } = volunteer(openid)!
    await t.as(openid).ok('people', 'askToJoin', { teamId: 't-qh-07', note: '' })
    await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('people', 'decideJoin', { requestId: `t-qh-07_${openid}`, approve: true })
    const before = teamDoc('t-qh-07').memberCount
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 3 })
    await t.as(openid).ok('people', 'signUpSlot', { activityId })

    await expect(t.as(openid).ok('people', 'leave', {})).resolves.toEqual({ left: true })
    expect(volunteer(openid)).toMatchObject({ status: 'left', number })
    expect(user(openid).grants).toEqual([])
    expect(user(openid).teamIds).toEqual([])
    expect(teamDoc('t-qh-07').memberCount).toBe(before - 1)
    const state = await t.as(DEMO_IDENTITIES.resident).ok('people', 'slotState', { activityId })
    expect(state.taken).toBe(0)

    // back again: the same number
    const again = await t.as(openid).ok('people', 'register', form())
    expect(again.number).toBe(number)
  })
})

describe('teams', () => {
  it('shows a station the tree above and below it in three levels', async () => {
    const { teams } = await t
      .as(DEMO_IDENTITIES.resident)
      .ok('people', 'teams', { unitId: DEMO_IDS.firstStation })
    expect(teams.map((x) => x.level)).toEqual(expect.arrayContaining(['brigade', 'detachment', 'squad']))
    expect(teams[0]).toMatchObject({ _id: 't-qh-00', level: 'brigade' })
    expect(teams.find((x) => x._id === DEMO_LED_TEAM)).toMatchObject({ level: 'squad', parentId: 't-qh-03' })
  })

  it('lets a manager create a 分队 under a 支队 above their unit, refusing a duplicate name and a fourth level', async () => {
    const manager = t.as(DEMO_IDENTITIES.stationManager)
    const squad = await manager.ok('people', 'createTeam', {
      unitId: DEMO_IDS.firstStation,
      parentId: 't-qh-02',
      name: '幸福里社区文艺分队',
      speciality: '文化文艺',
    })
    expect(squad).toMatchObject({ level: 'squad', parentId: 't-qh-02', memberCount: 0 })
    const count = t.cloud.db.find('teams', {}).length
    const dup = await manager.call('people', 'createTeam', {
      unitId: DEMO_IDS.firstStation,
      parentId: 't-qh-02',
      name: '幸福里社区文艺分队',
      speciality: '文化文艺',
    })
    expect(dup).toMatchObject({
      ok: false,
      code: 'DUPLICATE_NAME',
      message: '同一上级下已有同名的服务队，请换个名称',
    })
    const deep = await manager.call('people', 'createTeam', {
      unitId: DEMO_IDS.firstStation,
      parentId: squad._id,
      name: '更小的队',
      speciality: '文化文艺',
    })
    expect(deep).toMatchObject({ ok: false, code: 'TEAM_LEVEL_TOO_DEEP' })
    expect(t.cloud.db.find('teams', {}).length).toBe(count)
  })

  it('refuses a station manager creating a team at the center', async () => {
    const res = await t.as(DEMO_IDENTITIES.stationManager).call('people', 'createTeam', {
      unitId: DEMO_IDS.center,
      parentId: null,
      name: '越权的总队',
      speciality: '其他',
    })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('admits a member on the leader’s approval, once, and counts them once', async () => {
    const openid = await newVolunteer({ name: '钱多多', phone: '13912345678' })
    await expect(
      t.as(openid).ok('people', 'askToJoin', { teamId: DEMO_LED_TEAM, note: '' }),
    ).resolves.toEqual({
      status: 'pending',
    })
    const leader = t.as(DEMO_IDENTITIES.volunteer)
    const { requests } = await leader.ok('people', 'joinRequests', {})
    const mine = requests.find((r) => r.name === '钱多多')!
    expect(mine).toMatchObject({ teamId: DEMO_LED_TEAM, phone: '13912345678' })
    const before = teamDoc(DEMO_LED_TEAM).memberCount
    const decisions = await Promise.all([
      leader.call('people', 'decideJoin', { requestId: mine._id, approve: true }),
      t
        .as(DEMO_IDENTITIES.stationManager)
        .call('people', 'decideJoin', { requestId: mine._id, approve: true }),
    ])
    expect(decisions.filter((d) => d.ok)).toHaveLength(1)
    expect(decisions.filter((d) => !d.ok && d.code === 'ALREADY_DECIDED')).toHaveLength(1)
    expect(user(openid).teamIds).toEqual([DEMO_LED_TEAM])
    expect(teamDoc(DEMO_LED_TEAM).memberCount).toBe(before + 1)
    const { teams } = await t.as(openid).ok('people', 'myTeams', {})
    expect(teams.map((x) => x._id)).toEqual([DEMO_LED_TEAM])
    await expect(
      t.as(openid).call('people', 'askToJoin', { teamId: DEMO_LED_TEAM, note: '' }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'ALREADY_MEMBER',
    })
  })

  it('refuses self-approval and a volunteer who leads no team', async () => {
    // the station manager registers as a volunteer and asks to join a team of their own station
    const manager = t.as(DEMO_IDENTITIES.stationManager)
    await manager.ok('people', 'register', form({ name: '刘建国' }))
    await manager.ok('people', 'askToJoin', { teamId: 't-qh-07', note: '' })
    const requestId = `t-qh-07_${DEMO_IDENTITIES.stationManager}`
    expect((await manager.ok('people', 'joinRequests', {})).requests.map((r) => r._id)).not.toContain(
      requestId,
    )
    await expect(manager.call('people', 'decideJoin', { requestId, approve: true })).resolves.toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    })
    // the leader of another team (幸福里社区邻里守望队) has no say over 健康义诊分队
    await expect(
      t.as(DEMO_IDENTITIES.volunteer).call('people', 'decideJoin', { requestId, approve: true }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const other = await newVolunteer()
    await expect(
      t.as(other).call('people', 'decideJoin', { requestId, approve: true }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(t.cloud.db.find('team_requests', { _id: requestId })[0]).toMatchObject({ status: 'pending' })
    expect(user(DEMO_IDENTITIES.stationManager).teamIds ?? []).not.toContain('t-qh-07')
  })

  it('masks names and phones to non-members, phones to members, nothing to the leader', async () => {
    const id = DEMO_LED_TEAM
    const outsider = await t.as(DEMO_IDENTITIES.resident).ok('people', 'team', { id })
    expect(outsider.members.length).toBeGreaterThan(1)
    expect(outsider.members.every((m) => /\*/.test(m.name) && /^\d{3}\*{4}\d{4}$/.test(m.phone))).toBe(true)
    expect(outsider.viewer).toMatchObject({ member: false, leader: false })

    const leader = await t.as(DEMO_IDENTITIES.volunteer).ok('people', 'team', { id })
    expect(leader.viewer.leader).toBe(true)
    expect(leader.members.every((m) => !m.name.includes('*') && /^1\d{10}$/.test(m.phone))).toBe(true)
    expect(leader.team.leaders).toEqual(['赵志强'])
    // the member list alone answers the same lines, masked the same way
    await expect(t.as(DEMO_IDENTITIES.resident).ok('people', 'teamMembers', { id })).resolves.toEqual({
      members: outsider.members,
      nextCursor: null,
    })
    expect(outsider.team.leaders).toEqual(['赵*强'])

    const memberId = t.cloud.db.find('users', { teamIds: id, _id: { $ne: DEMO_IDENTITIES.volunteer } })[0]!
      ._id as string
    const member = await t.as(memberId).ok('people', 'team', { id })
    const others = member.members.filter((m) => m.volunteerNumber !== user(memberId).volunteerNumber)
    expect(others.every((m) => !m.name.includes('*') && m.phone.includes('****'))).toBe(true)
  })

  it('lists a team’s upcoming activities that need volunteers', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 2, title: '队伍的工作' })
    const page = await t.as(DEMO_IDENTITIES.resident).ok('people', 'team', { id: DEMO_LED_TEAM })
    expect(page.upcoming.map((w) => w.activityId)).toContain(activityId)
  })

  it('lets a manager appoint a leader by volunteer number, who becomes a member', async () => {
    const openid = await newVolunteer({ name: '孙立新' })
    const { number } = volunteer(openid)!
    const { leaders } = await t
      .as(DEMO_IDENTITIES.stationManager)
      .ok('people', 'setLeader', { teamId: 't-qh-07', volunteerNumber: number, leader: true })
    expect(leaders).toContain('孙立新')
    expect(user(openid).teamIds).toContain('t-qh-07')
    const forbidden = await t
      .as(DEMO_IDENTITIES.stationManager)
      .call('people', 'setLeader', { teamId: 't-qh-01', volunteerNumber: number, leader: true })
    expect(forbidden).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('volunteer slots', () => {
  it('signs up, shows the manager who is coming, cancels and frees the slot', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 2 })
    const openid = await newVolunteer({ name: '周海燕', phone: '13700001111' })
    const signed = await t.as(openid).ok('people', 'signUpSlot', { activityId })
    expect(signed).toMatchObject({ volunteerSlots: 2, taken: 1, mine: true, volunteer: true })
    const again = await t.as(openid).ok('people', 'signUpSlot', { activityId })
    expect(again.taken).toBe(1)

    const coming = await t.as(DEMO_IDENTITIES.stationManager).ok('people', 'slotVolunteers', { activityId })
    expect(coming.volunteers).toEqual([
      { volunteerNumber: volunteer(openid)!.number, name: '周海燕', phone: '13700001111', service: null },
    ])
    const mine = await t.as(openid).ok('people', 'mySlots', {})
    expect(mine.upcoming.map((s) => s.activityId)).toEqual([activityId])

    const cancelled = await t.as(openid).ok('people', 'cancelSlot', { activityId })
    expect(cancelled).toMatchObject({ taken: 0, mine: false })
    expect((await t.as(openid).ok('people', 'mySlots', {})).upcoming).toEqual([])
  })

  it('refuses a full activity, one without slots, a started one, and a resident who is not a volunteer', async () => {
    const full = await storeActivity(t.cloud, { volunteerSlots: 1 })
    await t.as(await newVolunteer()).ok('people', 'signUpSlot', { activityId: full })
    const late = await newVolunteer()
    await expect(t.as(late).call('people', 'signUpSlot', { activityId: full })).resolves.toMatchObject({
      ok: false,
      code: 'SLOTS_FULL',
      message: '志愿者岗位已满，感谢您的热心',
    })
    const none = await storeActivity(t.cloud, { volunteerSlots: 0 })
    await expect(t.as(late).call('people', 'signUpSlot', { activityId: none })).resolves.toMatchObject({
      code: 'NO_SLOTS',
    })
    const started = await storeActivity(t.cloud, {
      volunteerSlots: 3,
      start: new Date(Date.now() - 60_000),
      end: new Date(Date.now() + 3_600_000),
    })
    await expect(t.as(late).call('people', 'signUpSlot', { activityId: started })).resolves.toMatchObject({
      code: 'SLOTS_CLOSED',
    })
    expect(t.cloud.db.find('volunteer_slots', { _id: none })).toEqual([])
    await expect(
      t.as(DEMO_IDENTITIES.resident).call('people', 'signUpSlot', { activityId: full }),
    ).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('links a sign-up to the hours earned there (the service record with the same _id)', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 2 })
    const openid = await newVolunteer()
    await t.as(openid).ok('people', 'signUpSlot', { activityId })
    await t.cloud.db.insertMany('service_records', [
      { _id: `${activityId}_${openid}`, activityId, openid, status: 'confirmed', minutes: 120 },
    ])
    const mine = await t.as(openid).ok('people', 'mySlots', {})
    expect(mine.upcoming[0]!.service).toEqual({ status: 'confirmed', minutes: 120 })
    const coming = await t.as(DEMO_IDENTITIES.stationManager).ok('people', 'slotVolunteers', { activityId })
    expect(coming.volunteers[0]!.service).toEqual({ status: 'confirmed', minutes: 120 })
  })

  it('shows who is coming only to managers of the activity’s unit', async () => {
    const activityId = await storeActivity(t.cloud, { volunteerSlots: 2, unitId: 'u-qh-i02' })
    const res = await t.as(DEMO_IDENTITIES.stationManager).call('people', 'slotVolunteers', { activityId })
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(
      t.as(DEMO_IDENTITIES.centerAdmin).ok('people', 'slotVolunteers', { activityId }),
    ).resolves.toMatchObject({ volunteers: [] })
  })
})
