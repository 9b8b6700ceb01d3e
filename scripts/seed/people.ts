/**
 * The demo county's volunteers and teams (people context): a team tree in three levels (总队 → 支队 →
 * 分队), ~60 registered volunteers with numbers, phones and specialities, leaders for some teams.
 * Deterministic, like the rest of the seed.
 */
import type { CounterDoc, TeamDoc, VolunteerDoc } from '../../core/contract/people.collections'
import { VOLUNTEER_SPECIALITIES, type Team, type Unit, type UserRecord } from '../../core/domain'
import { volunteerCounterId, volunteerNumber } from '../../core/people/volunteer-number'
import { VOLUNTEER_CONSENT } from '../../core/contract/people'
import { DEMO_IDENTITIES, DEMO_IDS } from './county'

/** The 总队 of the county, and the extra 分队 the tree needs; the other teams are the county seed's. */
const BRIGADE_ID = 't-qh-00'
const PARENTS: Record<string, string | null> = {
  [BRIGADE_ID]: null,
  't-qh-01': BRIGADE_ID,
  't-qh-02': BRIGADE_ID,
  't-qh-03': BRIGADE_ID,
  't-qh-04': BRIGADE_ID,
  't-qh-05': BRIGADE_ID,
  't-qh-06': 't-qh-03',
  't-qh-07': 't-qh-02',
}
/** 幸福里社区邻里守望队's leader is the demo volunteer (the e2e's approver). */
export const DEMO_LED_TEAM = 't-qh-06'
const LEADERS: Record<string, string[]> = { [DEMO_LED_TEAM]: [DEMO_IDENTITIES.volunteer] }

/** Extra registered volunteers beyond the county seed's 50 + the demo volunteer (about 60 in all). */
const EXTRA_VOLUNTEERS = 10

export interface DemoPeople {
  teams: TeamDoc[]
  users: UserRecord[]
  volunteers: VolunteerDoc[]
  counters: CounterDoc[]
}

export function demoPeople(
  units: Unit[],
  countyTeams: Team[],
  countyUsers: UserRecord[],
  now: Date,
): DemoPeople {
  const unitById = new Map(units.map((u) => [u._id, u]))
  const center = unitById.get(DEMO_IDS.center)!
  const base: Team[] = [
    {
      _id: BRIGADE_ID,
      name: '青禾县新时代文明实践志愿服务总队',
      unitId: DEMO_IDS.center,
      speciality: '其他',
    },
    ...countyTeams,
    { _id: 't-qh-07', name: '幸福里社区健康义诊分队', unitId: DEMO_IDS.firstStation, speciality: '健康义诊' },
  ]
  const stations = units.filter((u) => u.level === 'station')
  const users = countyUsers.map((u) => ({ ...u }))
  for (let i = 1; i <= EXTRA_VOLUNTEERS; i++) {
    const home = stations[i % stations.length]!
    users.push({
      _id: `seed-volunteer-${String(50 + i).padStart(3, '0')}`,
      name: `${'孙马朱胡郭何高林罗梁'[i - 1]}${['晓东', '春燕', '国强', '玉兰', '振华'][i % 5]}`,
      grants: [{ role: 'volunteer', unitId: home._id }],
      teamIds: ['t-qh-07'],
      homeUnitId: home._id,
      createdAt: now,
    })
  }
  const volunteers: VolunteerDoc[] = []
  let seq = 0
  for (const user of users) {
    if (!user.grants.some((g) => g.role === 'volunteer')) continue
    const home = unitById.get(user.homeUnitId ?? DEMO_IDS.firstStation)!
    seq++
    user.volunteerNumber = volunteerNumber(center.code, seq)
    user.phone ??= `139${String(53600000 + seq * 7919)
      .padStart(8, '0')
      .slice(-8)}`
    // the home station's grant, as registration writes it
    if (!user.grants.some((g) => g.role === 'volunteer' && g.unitId === home._id)) {
      user.grants = [...user.grants, { role: 'volunteer', unitId: home._id }]
    }
    volunteers.push({
      _id: user._id,
      number: user.volunteerNumber,
      name: user.name ?? '',
      phone: user.phone,
      homeUnitId: home._id,
      homeUnitPath: [...home.ancestors, home._id],
      homeUnitName: home.name,
      centerId: center._id,
      specialities: [VOLUNTEER_SPECIALITIES[seq % VOLUNTEER_SPECIALITIES.length]!],
      idNumberCipher: null,
      idNumberMasked: null,
      consentVersion: VOLUNTEER_CONSENT.version,
      consentedAt: now,
      status: 'active',
      joinedAt: now,
      updatedAt: now,
      leftAt: null,
    })
  }
  const byId = new Map<string, TeamDoc>()
  const teams = base.map((t): TeamDoc => {
    const unit = unitById.get(t.unitId)!
    const parentId = PARENTS[t._id] ?? null
    const parent = parentId ? byId.get(parentId) : undefined
    const doc: TeamDoc = {
      ...t,
      level: !parent ? 'brigade' : parent.level === 'brigade' ? 'detachment' : 'squad',
      parentId,
      ancestors: parent ? [...parent.ancestors, parent._id] : [],
      unitPath: [...unit.ancestors, unit._id],
      unitName: unit.name,
      parentKey: parentId ?? `unit:${unit._id}`,
      leaderIds: LEADERS[t._id] ?? [],
      memberCount: users.filter((u) => u.teamIds?.includes(t._id)).length,
      createdBy: DEMO_IDENTITIES.centerAdmin,
      createdAt: now,
    }
    byId.set(doc._id, doc)
    return doc
  })
  return { teams, users, volunteers, counters: [{ _id: volunteerCounterId(center._id), seq }] }
}
