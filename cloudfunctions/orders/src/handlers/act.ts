/** Every step after 点单: each one planned by the machine (core/orders/machine.ts), written conditionally. */
import { serviceRecords, type ServiceDoc } from '../../../../core/contract/signin.collections'
import { AppError } from '../../../../core/errors'
import { RULES, type Command, type Who } from '../../../../core/orders/machine'
import type { OrderDoc, OrderEvent } from '../../../../core/orders/model'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, CallerRef, HandlerContext } from '../../../../server/types'
import { bumpStats, serviceStats } from '../../../../server/stats'
import { loadUnit } from '../../../../server/units'
import { actorsOf, loaded, loadOrder, orderError, teamsById, toView, transition } from '../store'
import { loadMenu } from './menu'

/** Who the caller is to the order for `event`: the first of the event's actors they are. */
function whoFor(ctx: HandlerContext<Caller>, order: OrderDoc, event: OrderEvent): Who {
  const actors = actorsOf(ctx.caller, order)
  if (!actors.length) throw orderError('ORDER_NOT_YOURS')
  const as = RULES[event].by.find((a) => actors.includes(a)) ?? actors[0]!
  return {
    openid: ctx.caller.openid,
    name: ctx.caller.user.name ?? (as === 'manager' ? '专管员' : '居民'),
    as,
  }
}

async function act(
  refCtx: HandlerContext<CallerRef>,
  id: string,
  make: (o: OrderDoc) => Command | Promise<Command>,
) {
  const ctx = await loaded(refCtx)
  const order = await loadOrder(ctx.db, id)
  const command = await make(order)
  const who = whoFor(ctx, order, command.event)
  const { order: after } = await transition(ctx, order, command, who)
  return { order: after, who, ctx }
}

const done = (r: { order: OrderDoc; ctx: HandlerContext<Caller> }) => answer(r.ctx, r.order)
const answer = (ctx: HandlerContext<Caller>, o: OrderDoc) => toView(o, actorsOf(ctx.caller, o), ctx.now())

export const dispatch: Handler<'orders', 'dispatch'> = async (input, ctx) => {
  const { order, ctx: c } = await act(ctx, input.id, async (o) => {
    const [team] = await teamsById(ctx.db, [input.teamId])
    const item = (await loadMenu(ctx.db, o.centerId)).items.find((i) => i.category === o.category)
    if (!team || !item || !item.teamIds.includes(team._id))
      throw orderError('TEAM_NOT_OFFERING', `这个服务队不提供「${o.category}」服务，请换一个服务队`)
    return { event: 'dispatch', team: { _id: team._id, name: team.name } }
  })
  return answer(c, order)
}

export const escalate: Handler<'orders', 'escalate'> = async (input, ctx) => {
  const { order, ctx: c } = await act(ctx, input.id, async (o) => {
    const parentId = o.queuePath[o.queuePath.length - 2]
    const parent = parentId ? await loadUnit(ctx.db, parentId) : undefined
    const menu = await loadMenu(ctx.db, o.centerId)
    return {
      event: 'escalate',
      escalateAfterMs: menu.escalateAfterMinutes * 60_000,
      parentName: parent?.name ?? '',
    }
  })
  return answer(c, order)
}

export const reject: Handler<'orders', 'reject'> = async (input, ctx) =>
  done(await act(ctx, input.id, () => ({ event: 'reject', reason: input.reason })))

export const cancel: Handler<'orders', 'cancel'> = async (input, ctx) =>
  done(await act(ctx, input.id, () => ({ event: 'cancel', reason: input.reason })))

export const accept: Handler<'orders', 'accept'> = async (input, ctx) =>
  done(await act(ctx, input.id, () => ({ event: 'accept' })))

export const handBack: Handler<'orders', 'handBack'> = async (input, ctx) =>
  done(await act(ctx, input.id, () => ({ event: 'handBack', reason: input.reason })))

export const complete: Handler<'orders', 'complete'> = async (input, ctx) =>
  done(
    await act(ctx, input.id, () => ({
      event: 'complete',
      note: input.note,
      minutes: input.minutes,
      photoFileId: input.photoFileId,
    })),
  )

/** The volunteer's service hours for a rated order: the shape sign-in writes, one per order (unique _id). */
export function serviceRecordOf(o: OrderDoc): ServiceDoc {
  const activityId = serviceRecords.orderActivityId(o._id)
  const end = new Date(o.doneAt ?? o.updatedAt)
  const minutes = o.minutes ?? 0
  return {
    _id: serviceRecords.id(activityId, o.holder!),
    activityId,
    activityTitle: `点单服务：${o.category}`,
    unitId: o.unitId,
    unitName: o.unitName,
    unitPath: o.unitPath,
    activityStart: new Date(o.wantedAt),
    activityEnd: end,
    openid: o.holder!,
    name: o.holderName,
    signInAt: new Date(end.getTime() - minutes * 60_000),
    signOutAt: end,
    status: 'closed',
    minutes,
    autoClosed: false,
    locationOverride: false,
    distanceMeters: null,
    confirmedBy: null,
    confirmedByName: null,
    confirmedAt: null,
    corrections: [],
    revision: 0,
  }
}

export const rate: Handler<'orders', 'rate'> = async (input, ctx) => {
  let comment = input.comment
  if (comment) {
    const verdict = await ctx.openapi.checkText({ content: comment, openid: ctx.caller.openid, scene: 2 })
    if (verdict === 'risky')
      throw new AppError('CONTENT_RISKY', '评价里有不适宜的内容，请修改后再提交', {
        comment: '评价里有不适宜的内容，请修改后再提交',
      })
    // held for a manager's look: the stars count, the words are not shown
    if (verdict === 'review') comment = ''
  }
  const {
    order,
    who,
    ctx: c,
  } = await act(ctx, input.id, (o) => ({
    event: o.state === 'rated' ? 'rerate' : 'rate',
    stars: input.stars,
    comment,
  }))
  if (order.holder && order.history.at(-1)?.event === 'rate' && who.as === 'owner') {
    // idempotent by _id: a retry (or a crash before it) finds the same record
    const record = serviceRecordOf(order)
    if ((await from(ctx.db, serviceRecords).insertUnique(record)).inserted)
      await bumpStats(ctx.db, ctx._, serviceStats(record)) // confirmed service hours (docs/statistics.md)
  }
  return answer(c, order)
}
