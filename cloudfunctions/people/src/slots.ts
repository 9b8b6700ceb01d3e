/**
 * 志愿者岗位: volunteers sign up for an activity's volunteer slots ("需要 2 名志愿者").
 *
 * The slots document (`volunteer_slots`, `_id` = activityId) is the truth: one conditional update checks
 * "places left, not yet in" and both counts and adds the person (`taken`, `volunteers`), so capacity is
 * exact under any concurrency without a transaction — the registration model (activities/registration.ts).
 * The sign-up document (`slot_signups`) is written after the gate and is what 我的岗位 lists; every view
 * checks it against the slots document, so a call that stopped between the two shows the truth.
 * Its `_id` is the service record's (`${activityId}_${openid}`, signin): the hours earned there are read
 * by the same key.
 */
import type { MySlot, SlotState, SlotVolunteer } from '../../../core/contract/people'
import { activities, type ActivityDoc } from '../../../core/contract/activities.collections'
import {
  slotSignups,
  volunteerSlots,
  volunteers,
  type SlotSignupDoc,
} from '../../../core/contract/people.collections'
import { serviceRecords, type ServiceDoc } from '../../../core/contract/signin.collections'
import { users } from '../../../core/contract/users.collections'
import { AppError } from '../../../core/errors'
import { requireManagerOf } from '../../../server/auth'
import { from } from '../../../server/db'
import type { Handler } from '../../../server/router'
import type { HandlerContext } from '../../../server/types'
import { holdingUnit } from '../../../server/units'
import { peopleError } from './errors'
import { activeVolunteer, ms } from './model'

const ACTIVITY_FIELDS = {
  title: true,
  unitId: true,
  unitName: true,
  unitPath: true,
  start: true,
  end: true,
  status: true,
  volunteerSlots: true,
} as const
type SlotActivity = Pick<ActivityDoc, keyof typeof ACTIVITY_FIELDS | '_id'>

const GATE_ATTEMPTS = 5

async function loadActivity(ctx: Pick<HandlerContext, 'db'>, id: string): Promise<SlotActivity> {
  const a: SlotActivity | undefined = await from(ctx.db, activities).byId(id, ACTIVITY_FIELDS)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这个活动，可能已被删除')
  return a
}

function state(
  a: SlotActivity,
  slots: { taken: number; volunteers: string[] } | undefined,
  openid: string,
  volunteer: boolean,
): SlotState {
  return {
    activityId: a._id,
    volunteerSlots: a.volunteerSlots,
    taken: slots?.taken ?? 0,
    mine: slots?.volunteers.includes(openid) ?? false,
    volunteer,
  }
}

const open = (a: SlotActivity, t: Date) => a.status === 'published' && ms(a.start) > t.getTime()

export const slotState: Handler<'people', 'slotState'> = async ({ activityId }, ctx) => {
  const { db, caller } = ctx
  const [a, slots, v] = await Promise.all([
    loadActivity(ctx, activityId),
    from(db, volunteerSlots).byId(activityId),
    from(db, volunteers).byId(caller.openid),
  ])
  return state(a, slots, caller.openid, v?.status === 'active')
}

export const signUpSlot: Handler<'people', 'signUpSlot'> = async ({ activityId }, ctx) => {
  const { db, _, caller, now } = ctx
  const openid = caller.openid
  const slotsOf = from(db, volunteerSlots)
  const [a, v, first] = await Promise.all([
    loadActivity(ctx, activityId),
    activeVolunteer(db, openid),
    slotsOf.byId(activityId),
  ])
  if (first?.volunteers.includes(openid)) return state(a, first, openid, true)
  if (!a.volunteerSlots) throw peopleError('NO_SLOTS')
  if (!open(a, now())) throw peopleError('SLOTS_CLOSED')
  if (!first) await slotsOf.insertUnique({ _id: activityId, taken: 0, volunteers: [] })
  for (let attempt = 0; attempt < GATE_ATTEMPTS; attempt++) {
    const passed = await slotsOf.update(
      { _id: activityId, taken: _.lt(a.volunteerSlots), volunteers: _.nin([openid]) },
      { taken: _.inc(1), volunteers: _.addToSet(openid) },
    )
    const slots = await slotsOf.byId(activityId)
    if (passed === 1) {
      const t = now()
      const signup: SlotSignupDoc = {
        _id: slotSignups.id(activityId, openid),
        activityId,
        activityTitle: a.title,
        activityStart: new Date(a.start),
        activityEnd: new Date(a.end),
        unitId: a.unitId,
        unitName: a.unitName,
        unitPath: a.unitPath,
        openid,
        volunteerNumber: v.number,
        name: v.name,
        status: 'signed',
        signedAt: t,
        cancelledAt: null,
      }
      const { _id, ...data } = signup
      await from(db, slotSignups).ref.doc(_id).set({ data })
      return state(a, slots, openid, true)
    }
    if (slots?.volunteers.includes(openid)) return state(a, slots, openid, true)
    if ((slots?.taken ?? 0) >= a.volunteerSlots) throw peopleError('SLOTS_FULL')
  }
  throw new AppError('CONFLICT', '报名的人太多，请稍后再试')
}

/** Gives the person's slot back (the gate: only a member is removed and uncounted). */
export async function leaveSlot(
  ctx: Pick<HandlerContext, 'db' | '_' | 'caller' | 'now'>,
  activityId: string,
): Promise<boolean> {
  const { db, _, caller, now } = ctx
  const left = await from(db, volunteerSlots).update(
    { _id: activityId, volunteers: caller.openid },
    { taken: _.inc(-1), volunteers: _.pull(caller.openid) },
  )
  await from(db, slotSignups).update(
    { _id: slotSignups.id(activityId, caller.openid), status: 'signed' },
    { status: 'cancelled', cancelledAt: now() },
  )
  return left === 1
}

export const cancelSlot: Handler<'people', 'cancelSlot'> = async ({ activityId }, ctx) => {
  const { db, caller, now } = ctx
  const a = await loadActivity(ctx, activityId)
  const before = await from(db, volunteerSlots).byId(activityId)
  if (!before?.volunteers.includes(caller.openid)) return state(a, before, caller.openid, true)
  if (!open(a, now())) throw peopleError('SLOTS_CLOSED')
  await leaveSlot(ctx, activityId)
  return state(a, await from(db, volunteerSlots).byId(activityId), caller.openid, true)
}

type ServiceView = Pick<ServiceDoc, '_id' | 'status' | 'minutes'>

async function servicesByKey(
  ctx: Pick<HandlerContext, 'db' | '_'>,
  ids: string[],
): Promise<Map<string, ServiceView>> {
  if (!ids.length) return new Map()
  const records = await from(ctx.db, serviceRecords).find((ref) =>
    ref
      .where({ _id: ctx._.in(ids) })
      .field({ status: true, minutes: true })
      .limit(ids.length),
  )
  return new Map(records.map((r) => [r._id, r]))
}

const serviceOf = (r: ServiceView | undefined) => (r ? { status: r.status, minutes: r.minutes } : null)

export const slotVolunteers: Handler<'people', 'slotVolunteers'> = async ({ activityId }, ctx) => {
  const { db, _, caller } = ctx
  const a = await loadActivity(ctx, activityId)
  requireManagerOf(caller, holdingUnit(a))
  const slots = await from(db, volunteerSlots).byId(activityId)
  const openids = slots?.volunteers ?? []
  const ids = openids.map((o) => slotSignups.id(activityId, o))
  const [people, services] = await Promise.all([
    openids.length
      ? from(db, users).find((ref) =>
          ref
            .where({ _id: _.in(openids) })
            .field({ name: true, phone: true, volunteerNumber: true })
            .limit(openids.length),
        )
      : Promise.resolve([]),
    servicesByKey(ctx, ids),
  ])
  const byId = new Map(people.map((p) => [p._id, p]))
  const list: SlotVolunteer[] = openids.map((o) => {
    const p = byId.get(o)
    return {
      volunteerNumber: p?.volunteerNumber ?? '',
      name: p?.name ?? '',
      phone: p?.phone ?? '',
      service: serviceOf(services.get(slotSignups.id(activityId, o))),
    }
  })
  return { slots: state(a, slots, caller.openid, caller.roles.has('volunteer')), volunteers: list }
}

/** At most this many sign-ups are listed (the most recent first). */
const MY_SLOTS_MAX = 100

export const mySlots: Handler<'people', 'mySlots'> = async (_input, ctx) => {
  const { db, _, caller, now } = ctx
  const openid = caller.openid
  const signed = await from(db, slotSignups).find((ref) =>
    ref.where({ openid, status: 'signed' }).orderBy('activityStart', 'desc').limit(MY_SLOTS_MAX),
  )
  const activityIds = signed.map((s) => s.activityId)
  const [held, services] = await Promise.all([
    activityIds.length
      ? from(db, volunteerSlots).find((ref) =>
          ref
            .where({ _id: _.in(activityIds), volunteers: openid })
            .field({ _id: true })
            .limit(activityIds.length),
        )
      : Promise.resolve([]),
    servicesByKey(
      ctx,
      signed.map((s) => s._id),
    ),
  ])
  const holds = new Set(held.map((h) => h._id))
  const t = now().getTime()
  const slots = signed
    .filter((s) => holds.has(s.activityId))
    .map((s): MySlot & { ended: boolean } => ({
      activityId: s.activityId,
      title: s.activityTitle,
      unitName: s.unitName,
      start: ms(s.activityStart),
      end: ms(s.activityEnd),
      service: serviceOf(services.get(s._id)),
      ended: ms(s.activityEnd) <= t,
    }))
  const strip = ({ ended: _ended, ...slot }: MySlot & { ended: boolean }): MySlot => slot
  return {
    upcoming: slots
      .filter((s) => !s.ended)
      .reverse()
      .map(strip),
    past: slots.filter((s) => s.ended).map(strip),
  }
}
