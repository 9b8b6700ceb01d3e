/** What the people function's handlers share: typed collections, the profile view, membership writes. */
import type { VolunteerProfile } from '../../../core/contract/people'
import {
  peopleCounters,
  teams,
  volunteers,
  type TeamDoc,
  type VolunteerDoc,
} from '../../../core/contract/people.collections'
import { users } from '../../../core/contract/users.collections'
import { volunteerCounterId, volunteerNumber } from '../../../core/people/volunteer-number'
import { AppError } from '../../../core/errors'
import { holdsOver } from '../../../server/auth'
import { from } from '../../../server/db'
import type { Caller, Command, Db } from '../../../server/types'
import { peopleError } from './errors'

export const ms = (d: Date | string | number): number => new Date(d).getTime()

export function toProfile(v: VolunteerDoc): VolunteerProfile {
  return {
    number: v.number,
    name: v.name,
    phone: v.phone,
    homeUnitId: v.homeUnitId,
    homeUnitName: v.homeUnitName,
    specialities: v.specialities,
    idNumberMasked: v.idNumberMasked,
    status: v.status,
    joinedAt: ms(v.joinedAt),
  }
}

/** The caller's active volunteer profile, or NOT_A_VOLUNTEER. */
export async function activeVolunteer(db: Db, openid: string): Promise<VolunteerDoc> {
  const v = await from(db, volunteers).byId(openid)
  if (!v || v.status !== 'active') throw peopleError('NOT_A_VOLUNTEER')
  return v
}

/** The team's unit in the shape the scope check takes. */
export const teamUnit = (t: Pick<TeamDoc, 'unitId' | 'unitPath' | 'unitName'>) => ({
  _id: t.unitId,
  ancestors: t.unitPath.filter((id) => id !== t.unitId),
  name: t.unitName,
})

/** A manager of the team's unit or of a unit above it. */
export const managesTeam = (caller: Caller, t: TeamDoc): boolean => holdsOver(caller, 'manager', teamUnit(t))

export async function loadTeam(db: Db, id: string): Promise<TeamDoc> {
  const team = await from(db, teams).byId(id)
  if (!team) throw new AppError('NOT_FOUND', '没有找到这个服务队')
  return team
}

/**
 * Adds a team to the person's users.teamIds and counts them, only if they were not in it: the
 * conditional update is the gate, so a repeat (a double tap, two approvers) counts once.
 */
export async function addMember(db: Db, _: Command, teamId: string, openid: string): Promise<boolean> {
  const added = await from(db, users).update(
    { _id: openid, teamIds: _.nin([teamId]) },
    { teamIds: _.addToSet(teamId) },
  )
  if (added === 1) await from(db, teams).update({ _id: teamId }, { memberCount: _.inc(1) })
  return added === 1
}

/** Removes a team from the person's users.teamIds (and from its leaders), uncounting only a real removal. */
export async function removeMember(db: Db, _: Command, teamId: string, openid: string): Promise<boolean> {
  const removed = await from(db, users).update({ _id: openid, teamIds: teamId }, { teamIds: _.pull(teamId) })
  if (removed === 1) {
    await from(db, teams).update({ _id: teamId }, { memberCount: _.inc(-1), leaderIds: _.pull(openid) })
  }
  return removed === 1
}

const NUMBER_ATTEMPTS = 30

/**
 * The next volunteer number of a center: the counter document's `seq` is read and written only if
 * unchanged (a conditional update), so two registrations never get the same number.
 */
export async function nextVolunteerNumber(db: Db, center: { _id: string; code: string }): Promise<string> {
  const counters = from(db, peopleCounters)
  const _id = volunteerCounterId(center._id)
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const counter = await counters.byId(_id)
    if (!counter) {
      if ((await counters.insertUnique({ _id, seq: 1 })).inserted) return volunteerNumber(center.code, 1)
      continue
    }
    if ((await counters.update({ _id, seq: counter.seq }, { seq: counter.seq + 1 })) === 1) {
      return volunteerNumber(center.code, counter.seq + 1)
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))
  }
  throw new AppError('CONFLICT', '注册的人太多，请稍后再试')
}
