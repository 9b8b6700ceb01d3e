import type { OrderView } from '../../../../core/contract/orders'
import { orders, orderStats } from '../../../../core/contract/orders.collections'
import { toFigures, emptyStats } from '../../../../core/orders/figures'
import type { OrderDoc } from '../../../../core/orders/model'
import { monthKey } from '../../../../core/orders/notice'
import { grantedUnitIds, requireManagerOf } from '../../../../server/auth'
import { from } from '../../../../server/db'
import type { Handler } from '../../../../server/router'
import type { Caller, HandlerContext } from '../../../../server/types'
import { loadUnit } from '../../../../server/units'
import { AppError } from '../../../../core/errors'
import { actorsOf, LIST_FIELDS, loaded, loadOrder, orderError, toView } from '../store'

const views = (ctx: HandlerContext<Caller>, docs: OrderDoc[]): OrderView[] =>
  docs.map((o) => toView(o, actorsOf(ctx.caller, o), ctx.now()))

export const mine: Handler<'orders', 'mine'> = async (input, refCtx) => {
  const ctx = await loaded(refCtx)
  const docs = await from(ctx.db, orders).find((ref) =>
    ref
      .where({ placedBy: ctx.caller.openid })
      .orderBy('submittedAt', 'desc')
      .field({ history: false })
      .limit(input.limit),
  )
  return { orders: views(ctx, docs) }
}

export const get: Handler<'orders', 'get'> = async (input, refCtx) => {
  const ctx = await loaded(refCtx)
  const order = await loadOrder(ctx.db, input.id)
  const actors = actorsOf(ctx.caller, order)
  if (!actors.length) throw orderError('ORDER_NOT_YOURS')
  return toView(order, actors, ctx.now())
}

/**
 * A manager's queue in two indexed reads: orders waiting for dispatch whose queue is one of their units
 * (oldest first), and orders under way in those units' subtrees (latest first). No contact, no history.
 */
export const queue: Handler<'orders', 'queue'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  let units = grantedUnitIds(caller, 'manager')
  if (input.unitId) {
    const unit = await loadUnit(db, input.unitId)
    if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
    requireManagerOf(caller, unit)
    units = [unit._id]
  }
  const all = from(db, orders)
  const [waiting, underway] = await Promise.all([
    all.find((ref) =>
      ref
        .where({ queueUnitId: _.in(units), state: 'submitted' })
        .orderBy('submittedAt', 'asc')
        .field(LIST_FIELDS)
        .limit(input.limit + 1),
    ),
    all.find((ref) =>
      ref
        .where({ unitPath: _.in(units), state: _.in(['dispatched', 'accepted', 'done']) })
        .orderBy('updatedAt', 'desc')
        .field(LIST_FIELDS)
        .limit(input.limit),
    ),
  ])
  return {
    waiting: views(ctx, waiting.slice(0, input.limit)),
    underway: views(ctx, underway),
    more: waiting.length > input.limit,
  }
}

/** 可接订单: dispatched to the caller's teams (oldest first), and the ones the caller holds. */
export const available: Handler<'orders', 'available'> = async (input, ctx) => {
  const { db, _, caller } = ctx
  const teamIds = caller.user.teamIds ?? []
  const all = from(db, orders)
  const [open, held] = await Promise.all([
    teamIds.length
      ? all.find((ref) =>
          ref
            .where({ teamId: _.in(teamIds), state: 'dispatched' })
            .orderBy('dispatchedAt', 'asc')
            .field(LIST_FIELDS)
            .limit(input.limit),
        )
      : Promise.resolve([]),
    all.find((ref) =>
      ref.where({ holder: caller.openid, state: 'accepted' }).field({ history: false }).limit(input.limit),
    ),
  ])
  return { open: views(ctx, open), mine: views(ctx, held) }
}

export const figures: Handler<'orders', 'figures'> = async (input, ctx) => {
  const unit = await loadUnit(ctx.db, input.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位')
  requireManagerOf(ctx.caller, unit)
  const month = input.month ?? monthKey(ctx.now())
  const doc = await from(ctx.db, orderStats).byId(orderStats.id(unit._id, month))
  return toFigures(doc ?? emptyStats(unit._id, month))
}
