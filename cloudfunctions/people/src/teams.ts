/**
 * 志愿服务队: a tree per unit (总队 → 支队 → 分队), leaders appointed by the unit's managers, members
 * admitted on request by a leader or a manager (never by the requester), several teams per volunteer.
 * Membership is `users.teamIds` (what the orders loop routes by); the team counts it.
 */
import type { JoinRequestView, TeamMember, TeamSummary } from '../../../core/contract/people'
import { activities } from '../../../core/contract/activities.collections'
import {
  teamRequests,
  teams,
  volunteers,
  type TeamDoc,
  type TeamRequestDoc,
} from '../../../core/contract/people.collections'
import { users } from '../../../core/contract/users.collections'
import { TEAM_LEVELS, type TeamLevel, type UserRecord } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { maskName, maskPhone } from '../../../core/people/mask'
import { grantedUnitIds, requireManagerOf } from '../../../server/auth'
import { from, isDuplicate } from '../../../server/db'
import type { Handler } from '../../../server/router'
import type { Caller, HandlerContext } from '../../../server/types'
import { loadUnit } from '../../../server/units'
import { peopleError } from './errors'
import { activeVolunteer, addMember, loadTeam, managesTeam, ms, removeMember, teamUnit } from './model'

/** Members shown per page of a team's list. */
export const MEMBERS_PAGE = 50
const UPCOMING_MAX = 10
const REQUESTS_MAX = 100

export function toSummary(t: TeamDoc): TeamSummary {
  return {
    _id: t._id,
    name: t.name,
    speciality: t.speciality,
    level: t.level,
    parentId: t.parentId,
    unitId: t.unitId,
    unitName: t.unitName,
    memberCount: t.memberCount,
  }
}

const isMember = (caller: Caller, teamId: string) => (caller.user.teamIds ?? []).includes(teamId)

export const teamList: Handler<'people', 'teams'> = async ({ unitId }, { db, _ }) => {
  const unit = await loadUnit(db, unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
  // the unit's own teams, those below it, and those of the units above it (a station sees the county's 总队)
  const found = await from(db, teams).find((ref) =>
    ref.where(_.or([{ unitPath: unitId }, { unitId: _.in(unit.ancestors) }])).limit(1000),
  )
  const depth = (t: TeamDoc) => t.unitPath.length * 10 + TEAM_LEVELS.indexOf(t.level)
  found.sort((a, b) => depth(a) - depth(b) || a.name.localeCompare(b.name, 'zh'))
  return { teams: found.map(toSummary) }
}

export const team: Handler<'people', 'team'> = async ({ id, cursor }, ctx) => {
  const { db, _, now } = ctx
  const [t, request, volunteer, caller, rows] = await Promise.all([
    loadTeam(db, id),
    from(db, teamRequests).byId(teamRequests.id(id, ctx.caller.openid)),
    from(db, volunteers).byId(ctx.caller.openid),
    ctx.caller.load(),
    memberRows(ctx, id, cursor),
  ])
  const [leaders, upcoming] = await Promise.all([
    t.leaderIds.length
      ? from(db, users).find((ref) =>
          ref
            .where({ _id: _.in(t.leaderIds) })
            .field({ name: true })
            .limit(t.leaderIds.length),
        )
      : Promise.resolve([]),
    from(db, activities).find((ref) =>
      ref
        .where({ unitPath: t.unitId, status: 'published', start: _.gt(now()), volunteerSlots: _.gt(0) })
        .field({ title: true, unitName: true, start: true, end: true, volunteerSlots: true })
        .orderBy('start', 'asc')
        .limit(UPCOMING_MAX),
    ),
  ])
  const viewer = viewerOf(caller, t)
  const seesNames = viewer.member || viewer.leader || viewer.manager
  return {
    team: {
      ...toSummary(t),
      leaders: leaders.map((l) => (seesNames ? (l.name ?? '') : maskName(l.name ?? ''))),
    },
    viewer: {
      ...viewer,
      requestStatus: request?.status === 'pending' || request?.status === 'rejected' ? request.status : null,
      volunteer: volunteer?.status === 'active',
    },
    ...memberView(rows, t, caller),
    upcoming: upcoming.map((a) => ({
      activityId: a._id,
      title: a.title,
      unitName: a.unitName,
      start: ms(a.start),
      end: ms(a.end),
      volunteerSlots: a.volunteerSlots,
    })),
  }
}

function viewerOf(caller: Caller, t: TeamDoc) {
  return {
    member: isMember(caller, t._id),
    leader: t.leaderIds.includes(caller.openid),
    manager: managesTeam(caller, t),
  }
}

type MemberRow = Pick<UserRecord, '_id' | 'name' | 'phone' | 'volunteerNumber'>

/** A page of a team's members by `_id` after the cursor: one indexed query on users.teamIds. */
function memberRows(ctx: Pick<HandlerContext, 'db' | '_'>, teamId: string, cursor: string | undefined) {
  const where: Record<string, unknown> = { teamIds: teamId }
  if (cursor) where._id = ctx._.gt(cursor)
  return from(ctx.db, users).find((ref) =>
    ref
      .where(where)
      .field({ name: true, phone: true, volunteerNumber: true })
      .orderBy('_id', 'asc')
      .limit(MEMBERS_PAGE + 1),
  ) as Promise<MemberRow[]>
}

/**
 * Members as the viewer may see them: names to members, leaders and managers; phones only to leaders
 * and managers; everyone else sees both masked (张*明, 138****5678). One's own line is never masked.
 */
function memberView(
  rows: MemberRow[],
  t: TeamDoc,
  caller: Caller,
): { members: TeamMember[]; nextCursor: string | null } {
  const viewer = viewerOf(caller, t)
  const fullPhone = viewer.leader || viewer.manager
  const fullName = fullPhone || viewer.member
  const page = rows.slice(0, MEMBERS_PAGE)
  return {
    members: page.map((u) => ({
      volunteerNumber: u.volunteerNumber ?? '',
      name: fullName || u._id === caller.openid ? (u.name ?? '') : maskName(u.name ?? ''),
      phone: fullPhone || u._id === caller.openid ? (u.phone ?? '') : maskPhone(u.phone ?? ''),
      leader: t.leaderIds.includes(u._id),
    })),
    nextCursor: rows.length > MEMBERS_PAGE ? page[page.length - 1]!._id : null,
  }
}

/** The member list alone (the next page): the team, the caller and the page read at once, one round. */
export const teamMembers: Handler<'people', 'teamMembers'> = async ({ id, cursor }, ctx) => {
  const [t, caller, rows] = await Promise.all([
    loadTeam(ctx.db, id),
    ctx.caller.load(),
    memberRows(ctx, id, cursor),
  ])
  return memberView(rows, t, caller)
}

export const myTeams: Handler<'people', 'myTeams'> = async (_input, ctx) => {
  const { db, _ } = ctx
  const [requests, caller] = await Promise.all([
    from(db, teamRequests).find((ref) =>
      ref.where({ openid: ctx.caller.openid, status: _.in(['pending', 'approved']) }).limit(REQUESTS_MAX),
    ),
    ctx.caller.load(),
  ])
  // an approval whose membership write did not happen (the call stopped between the two): done now
  const ids = new Set(caller.user.teamIds ?? [])
  for (const r of requests) {
    if (r.status === 'approved' && !ids.has(r.teamId) && (await addMember(db, _, r.teamId, caller.openid))) {
      ids.add(r.teamId)
    }
  }
  const mine = ids.size
    ? await from(db, teams).find((ref) => ref.where({ _id: _.in([...ids]) }).limit(ids.size))
    : []
  return {
    teams: mine.map(toSummary),
    pending: requests
      .filter((r) => r.status === 'pending')
      .map((r) => ({ teamId: r.teamId, teamName: r.teamName })),
  }
}

const CHILD_LEVEL: Record<TeamLevel, TeamLevel | null> = {
  brigade: 'detachment',
  detachment: 'squad',
  squad: null,
}

export const createTeam: Handler<'people', 'createTeam'> = async (input, ctx) => {
  const { db, caller, now } = ctx
  const unit = await loadUnit(db, input.unitId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(caller, unit)
  let level: TeamLevel = 'brigade'
  let ancestors: string[] = []
  if (input.parentId) {
    const parent = await loadTeam(db, input.parentId)
    // a 分队 of a station may hang under its county's 支队: the parent belongs to the unit or one above it
    if (parent.unitId !== unit._id && !unit.ancestors.includes(parent.unitId)) {
      const why = '上级服务队应属于本单位或其上级单位'
      throw new AppError('INVALID_INPUT', why, { parentId: why })
    }
    const child = CHILD_LEVEL[parent.level]
    if (!child) throw peopleError('TEAM_LEVEL_TOO_DEEP')
    level = child
    ancestors = [...parent.ancestors, parent._id]
  }
  const t = now()
  const doc: TeamDoc = {
    _id: `t-${t.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    name: input.name,
    unitId: unit._id,
    speciality: input.speciality,
    level,
    parentId: input.parentId,
    ancestors,
    unitPath: [...unit.ancestors, unit._id],
    unitName: unit.name,
    parentKey: input.parentId ?? `unit:${unit._id}`,
    leaderIds: [],
    memberCount: 0,
    createdBy: caller.openid,
    createdAt: t,
  }
  try {
    await from(db, teams).insert(doc)
  } catch (err) {
    if (isDuplicate(err)) throw peopleError('DUPLICATE_NAME')
    throw err
  }
  return toSummary(doc)
}

export const setLeader: Handler<'people', 'setLeader'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const t = await loadTeam(db, input.teamId)
  requireManagerOf(caller, teamUnit(t))
  const v = await from(db, volunteers).first({ number: input.volunteerNumber, status: 'active' })
  if (!v) throw new AppError('NOT_FOUND', '没有找到这个编号的志愿者，请核对志愿者编号')
  if (input.leader) {
    // a leader is a member of the team
    await addMember(db, _, t._id, v._id)
    await from(db, teams).update({ _id: t._id }, { leaderIds: _.addToSet(v._id) })
  } else {
    await from(db, teams).update({ _id: t._id }, { leaderIds: _.pull(v._id) })
  }
  const after = await loadTeam(db, t._id)
  const leaders = after.leaderIds.length
    ? await from(db, users).find((ref) =>
        ref
          .where({ _id: _.in(after.leaderIds) })
          .field({ name: true })
          .limit(after.leaderIds.length),
      )
    : []
  return { leaders: leaders.map((l) => l.name ?? '') }
}

export const askToJoin: Handler<'people', 'askToJoin'> = async ({ teamId, note }, ctx) => {
  const { db, caller, now } = ctx
  const [v, t] = await Promise.all([activeVolunteer(db, caller.openid), loadTeam(db, teamId)])
  if (isMember(caller, teamId)) throw peopleError('ALREADY_MEMBER')
  const requests = from(db, teamRequests)
  const _id = teamRequests.id(teamId, caller.openid)
  const fresh: TeamRequestDoc = {
    _id,
    teamId,
    teamName: t.name,
    unitPath: t.unitPath,
    openid: caller.openid,
    volunteerNumber: v.number,
    name: v.name,
    phone: v.phone,
    note,
    status: 'pending',
    requestedAt: now(),
    decidedBy: null,
    decidedAt: null,
  }
  const insert = await requests.insertUnique(fresh)
  if (insert.inserted || insert.existing.status === 'pending') return { status: 'pending' }
  // asked before (rejected, withdrawn, or approved and since left): asked again
  const { _id: _ignored, ...data } = fresh
  await requests.update({ _id, status: insert.existing.status }, data)
  return { status: 'pending' }
}

export const leaveTeam: Handler<'people', 'leaveTeam'> = async ({ teamId }, ctx) => {
  const { db, _, caller, now } = ctx
  await loadTeam(db, teamId)
  const left = await removeMember(db, _, teamId, caller.openid)
  await from(db, teamRequests).update(
    { _id: teamRequests.id(teamId, caller.openid), status: _.in(['pending', 'approved']) },
    { status: 'withdrawn', decidedAt: now() },
  )
  return { left }
}

export const joinRequests: Handler<'people', 'joinRequests'> = async (_input, ctx) => {
  const { db, _, caller } = ctx
  const managed = grantedUnitIds(caller, 'manager')
  const led = caller.roles.has('volunteer')
    ? await from(db, teams).find((ref) =>
        ref.where({ leaderIds: caller.openid }).field({ _id: true }).limit(1000),
      )
    : []
  const scopes: Record<string, unknown>[] = []
  if (managed.length) scopes.push({ unitPath: _.in(managed) })
  if (led.length) scopes.push({ teamId: _.in(led.map((t) => t._id)) })
  if (!scopes.length) return { requests: [] }
  const found = await from(db, teamRequests).find((ref) =>
    ref
      .where(_.and([{ status: 'pending' }, _.or(scopes)]))
      .orderBy('requestedAt', 'asc')
      .limit(REQUESTS_MAX),
  )
  const requests: JoinRequestView[] = found
    // one's own request is decided by someone else
    .filter((r) => r.openid !== caller.openid)
    .map((r) => ({
      _id: r._id,
      teamId: r.teamId,
      teamName: r.teamName,
      volunteerNumber: r.volunteerNumber,
      name: r.name,
      phone: r.phone,
      note: r.note,
      requestedAt: ms(r.requestedAt),
    }))
  return { requests }
}

export const decideJoin: Handler<'people', 'decideJoin'> = async ({ requestId, approve }, ctx) => {
  const { db, _, caller, now } = ctx
  const request = await from(db, teamRequests).byId(requestId)
  if (!request) throw new AppError('NOT_FOUND', '没有找到这个申请，可能已被撤回')
  if (request.openid === caller.openid) throw peopleError('SELF_APPROVAL')
  const t = await loadTeam(db, request.teamId)
  if (!t.leaderIds.includes(caller.openid) && !managesTeam(caller, t)) {
    throw new AppError(
      'FORBIDDEN',
      `您不是「${t.name}」的队长，也不是「${t.unitName}」或其上级单位的专管员，不能审核`,
    )
  }
  if (request.status !== 'pending') throw peopleError('ALREADY_DECIDED')
  if (approve) {
    const v = await from(db, volunteers).byId(request.openid)
    if (v?.status !== 'active') throw new AppError('NOT_A_VOLUNTEER', '申请人已退出志愿者，不能入队')
  }
  const status = approve ? 'approved' : 'rejected'
  const decided = await from(db, teamRequests).update(
    { _id: requestId, status: 'pending' },
    { status, decidedBy: caller.openid, decidedAt: now() },
  )
  if (decided !== 1) throw peopleError('ALREADY_DECIDED')
  if (approve) await addMember(db, _, t._id, request.openid)
  return { status }
}
