/** 志愿者: register, see, edit, leave. The volunteer grant on the home station follows the profile. */
import { VOLUNTEER_CONSENT } from '../../../core/contract/people'
import {
  slotSignups,
  teamRequests,
  volunteers,
  type VolunteerDoc,
} from '../../../core/contract/people.collections'
import { users } from '../../../core/contract/users.collections'
import { VOLUNTEER_SPECIALITIES, type RoleGrant, type Unit } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { maskIdNumber } from '../../../core/people/mask'
import { from } from '../../../server/db'
import type { Handler } from '../../../server/router'
import { loadUnit } from '../../../server/units'
import type { HandlerContext } from '../../../server/types'
import { encryptIdNumber } from './id-crypto'
import { activeVolunteer, nextVolunteerNumber, removeMember, toProfile } from './model'
import { peopleError } from './errors'
import { leaveSlot } from './slots'

const grantOn = (unitId: string): RoleGrant => ({ role: 'volunteer', unitId })

/** The home unit must be a station or point in service. */
async function homeUnit(ctx: HandlerContext, id: string): Promise<Unit> {
  const unit = await loadUnit(ctx.db, id)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', '没有找到这个站点，请重新选择所在站点')
  if (unit.level !== 'station' && unit.level !== 'point') {
    throw new AppError('INVALID_INPUT', '请选择离您最近的文明实践站或实践点', { homeUnitId: '请选择站点' })
  }
  return unit
}

function encrypted(idNumber: string): { idNumberCipher: string; idNumberMasked: string } {
  return { idNumberCipher: encryptIdNumber(idNumber), idNumberMasked: maskIdNumber(idNumber) }
}

/** The grant and the name, phone and number other contexts read from users. */
async function writeUser(ctx: HandlerContext, v: VolunteerDoc): Promise<void> {
  const { db, _ } = ctx
  await from(db, users).update(
    { _id: v._id },
    { grants: _.addToSet(grantOn(v.homeUnitId)), name: v.name, phone: v.phone, volunteerNumber: v.number },
  )
}

export const myVolunteer: Handler<'people', 'myVolunteer'> = async (_input, ctx) => {
  const [v, caller] = await Promise.all([from(ctx.db, volunteers).byId(ctx.caller.openid), ctx.caller.load()])
  // a registration that stopped between the profile and the grant: the grant is added now
  if (
    v?.status === 'active' &&
    !caller.grants.some((g) => g.role === 'volunteer' && g.unitId === v.homeUnitId)
  ) {
    await writeUser(ctx, v)
  }
  return {
    profile: v ? toProfile(v) : null,
    consent: VOLUNTEER_CONSENT,
    specialities: VOLUNTEER_SPECIALITIES,
  }
}

export const register: Handler<'people', 'register'> = async (input, ctx) => {
  const { db, caller, now } = ctx
  const vols = from(db, volunteers)
  const existing = await vols.byId(caller.openid)
  if (existing?.status === 'active') throw peopleError('ALREADY_VOLUNTEER')
  const home = await homeUnit(ctx, input.homeUnitId)
  const centerId = home.ancestors[0] ?? home._id
  const center = centerId === home._id ? home : await loadUnit(db, centerId)
  if (!center) throw new Error(`center ${centerId} of ${home._id} is missing`)
  // everything that can refuse is checked before the first write
  const id = input.idNumber ? encrypted(input.idNumber) : { idNumberCipher: null, idNumberMasked: null }
  const t = now()
  const fields = {
    name: input.name,
    phone: input.phone,
    homeUnitId: home._id,
    homeUnitPath: [...home.ancestors, home._id],
    homeUnitName: home.name,
    centerId,
    specialities: input.specialities,
    ...id,
    consentVersion: input.consentVersion,
    consentedAt: t,
    status: 'active' as const,
    updatedAt: t,
    leftAt: null,
  }
  let doc: VolunteerDoc
  if (existing) {
    // back after leaving: the same number
    doc = { ...existing, ...fields }
    const { _id: _ignored, ...data } = doc
    if ((await vols.update({ _id: caller.openid, status: 'left' }, data)) === 0)
      throw peopleError('ALREADY_VOLUNTEER')
  } else {
    doc = { _id: caller.openid, number: await nextVolunteerNumber(db, center), joinedAt: t, ...fields }
    const insert = await vols.insertUnique(doc)
    // the person's other tap registered first: that registration stands
    if (!insert.inserted) return toProfile(insert.existing)
  }
  await writeUser(ctx, doc)
  return toProfile(doc)
}

export const updateVolunteer: Handler<'people', 'updateVolunteer'> = async (input, ctx) => {
  const { db, _, caller, now } = ctx
  const before = await activeVolunteer(db, caller.openid)
  const home = before.homeUnitId === input.homeUnitId ? null : await homeUnit(ctx, input.homeUnitId)
  const id =
    input.idNumber === undefined
      ? {}
      : input.idNumber === null
        ? { idNumberCipher: null, idNumberMasked: null }
        : encrypted(input.idNumber)
  const data = {
    name: input.name,
    phone: input.phone,
    specialities: input.specialities,
    ...id,
    ...(home
      ? { homeUnitId: home._id, homeUnitPath: [...home.ancestors, home._id], homeUnitName: home.name }
      : {}),
    updatedAt: now(),
  }
  if ((await from(db, volunteers).update({ _id: caller.openid, status: 'active' }, data)) === 0) {
    throw peopleError('NOT_A_VOLUNTEER')
  }
  const after: VolunteerDoc = { ...before, ...data }
  if (home)
    await from(db, users).update({ _id: caller.openid }, { grants: _.pull(grantOn(before.homeUnitId)) })
  await writeUser(ctx, after)
  return toProfile(after)
}

export const leave: Handler<'people', 'leave'> = async (_input, ctx) => {
  const { db, _, caller, now } = ctx
  const v = await activeVolunteer(db, caller.openid)
  const t = now()
  if (
    (await from(db, volunteers).update(
      { _id: v._id, status: 'active' },
      { status: 'left', leftAt: t, updatedAt: t },
    )) === 0
  ) {
    return { left: true }
  }
  // future volunteer slots are given back, teams left, open requests withdrawn, the grant removed
  const signed = await from(db, slotSignups).find((ref) =>
    ref.where({ openid: v._id, status: 'signed', activityStart: _.gt(t) }).limit(100),
  )
  for (const s of signed) await leaveSlot(ctx, s.activityId)
  for (const teamId of caller.user.teamIds ?? []) await removeMember(db, _, teamId, v._id)
  await from(db, teamRequests).update(
    { openid: v._id, status: 'pending' },
    { status: 'withdrawn', decidedAt: t },
  )
  await from(db, users).update(
    { _id: v._id },
    { grants: _.pull(grantOn(v.homeUnitId)), volunteerNumber: _.remove() },
  )
  return { left: true }
}
