/**
 * The order state machine. Every transition of an order is planned here and written as one conditional
 * update (`where` names the version and state the plan was made from): two people acting at once on
 * the same order cannot both succeed — the first write bumps the version and the second matches nothing.
 *
 *   submitted ──dispatch──▶ dispatched ──accept──▶ accepted ──complete──▶ done ──rate──▶ rated (──rerate, once, 7 days)
 *       │ ▲ escalate            ▲   │                 │
 *       │ └──────┘              └───┼──handBack───────┘
 *       ├──reject──▶ rejected ◀─────┘ (reject: submitted, dispatched)
 *       └──cancel──▶ cancelled ◀── (cancel: submitted, dispatched, accepted)
 */
import type { OrderActor, OrderDoc, OrderEvent, OrderHistoryEntry, OrderState } from './model'

export const RATING_CHANGE_WINDOW_MS = 7 * 86_400_000

export interface Rule {
  from: readonly OrderState[]
  /** null: the state stays (escalate, rerate) */
  to: OrderState | null
  by: readonly OrderActor[]
}

export const RULES: Record<OrderEvent, Rule> = {
  dispatch: { from: ['submitted'], to: 'dispatched', by: ['manager'] },
  escalate: { from: ['submitted'], to: null, by: ['manager', 'timer'] },
  reject: { from: ['submitted', 'dispatched'], to: 'rejected', by: ['manager'] },
  cancel: { from: ['submitted', 'dispatched', 'accepted'], to: 'cancelled', by: ['owner', 'manager'] },
  accept: { from: ['dispatched'], to: 'accepted', by: ['teamMember'] },
  handBack: { from: ['accepted'], to: 'dispatched', by: ['holder'] },
  complete: { from: ['accepted'], to: 'done', by: ['holder'] },
  rate: { from: ['done'], to: 'rated', by: ['owner'] },
  rerate: { from: ['rated'], to: null, by: ['owner'] },
}

export interface Who {
  openid: string | null
  name: string
  as: OrderActor
}

export type Command =
  | { event: 'dispatch'; team: { _id: string; name: string } }
  | { event: 'escalate'; escalateAfterMs: number; parentName: string }
  | { event: 'reject' | 'cancel' | 'handBack'; reason: string }
  | { event: 'accept' }
  | { event: 'complete'; note: string; minutes: number; photoFileId: string | null }
  | { event: 'rate' | 'rerate'; stars: number; comment: string }

/** Counter changes for the unit-month figures (field → increment). */
export type StatsDelta = Record<string, number>

export interface Plan {
  event: OrderEvent
  from: OrderState
  to: OrderState
  /** the conditional update's filter: this order as it was read */
  where: { _id: string; state: OrderState; version: number }
  /** fields to set (besides the history entry, pushed) */
  set: Partial<OrderDoc>
  entry: OrderHistoryEntry
  stats: StatsDelta
}

export type Refusal = { code: string; message: string }

const STATE_REFUSALS: Record<OrderState, string> = {
  submitted: '订单还在等待派单',
  dispatched: '订单已派给服务队，正在等待志愿者接单',
  accepted: '订单已有志愿者接单',
  done: '服务已完成，正在等待评价',
  rated: '订单已评价',
  cancelled: '订单已取消',
  rejected: '订单未被受理',
}

/** Why `event` cannot happen in `state`, in words a person can act on, with a stable code. */
export function stateRefusal(event: OrderEvent, state: OrderState): Refusal {
  if (state === 'cancelled' || state === 'rejected')
    return { code: 'ORDER_CLOSED', message: `${STATE_REFUSALS[state]}，无法再操作` }
  if (event === 'accept' && (state === 'accepted' || state === 'done' || state === 'rated'))
    return { code: 'ORDER_TAKEN', message: '这个订单已被其他志愿者接走了，请看看其他订单' }
  if (event === 'rate' && state === 'rated')
    return { code: 'ALREADY_RATED', message: '您已经评价过了；7 天内可以修改一次评价' }
  if ((event === 'rate' || event === 'rerate') && state !== 'done' && state !== 'rated')
    return { code: 'ORDER_NOT_DONE', message: '服务完成后才能评价' }
  if (event === 'rerate') return { code: 'ORDER_NOT_RATED', message: '还没有评价，请先评价' }
  return { code: 'ORDER_STATE', message: `${STATE_REFUSALS[state]}，不能${EVENT_NAMES[event]}` }
}

export const EVENT_NAMES: Record<OrderEvent, string> = {
  dispatch: '派单',
  escalate: '上报上级',
  reject: '不予受理',
  cancel: '取消',
  accept: '接单',
  handBack: '退回',
  complete: '标记完成',
  rate: '评价',
  rerate: '修改评价',
}

const ACTOR_REFUSALS: Record<OrderEvent, string> = {
  dispatch: '只有负责这个订单的专管员可以派单',
  escalate: '只有负责这个订单的专管员可以上报上级',
  reject: '只有负责这个订单的专管员可以不予受理',
  cancel: '只有下单人或负责的专管员可以取消订单',
  accept: '您不在接到这个订单的服务队里，不能接单',
  handBack: '只有接单的志愿者可以退回订单',
  complete: '只有接单的志愿者可以标记完成',
  rate: '只有下单的居民可以评价',
  rerate: '只有下单的居民可以修改评价',
}

const ms = (d: Date | string | number | null | undefined): number | null =>
  d === null || d === undefined ? null : new Date(d).getTime()

/** Plans `command` on `order` by `who` at `at`: the conditional write, or why it is refused. */
export function plan(order: OrderDoc, command: Command, who: Who, at: Date): Plan | Refusal {
  const { event } = command
  const rule = RULES[event]
  if (!rule.by.includes(who.as)) return { code: 'FORBIDDEN', message: ACTOR_REFUSALS[event] }
  if (!rule.from.includes(order.state)) return stateRefusal(event, order.state)
  const from = order.state
  const to = rule.to ?? from
  const set: Partial<OrderDoc> = { state: to, version: order.version + 1, updatedAt: at }
  const stats: StatsDelta = {}
  if (to !== from) {
    stats[`n.${from}`] = -1
    stats[`n.${to}`] = 1
  }
  let reason: string | undefined
  const t = at.getTime()

  switch (command.event) {
    case 'dispatch': {
      set.teamId = command.team._id
      set.teamName = command.team.name
      set.escalateAt = null
      set.dispatchedAt = order.dispatchedAt ?? at
      if (!order.dispatchedAt) {
        stats.dispatchMs = t - ms(order.submittedAt)!
        stats.dispatchCount = 1
      }
      break
    }
    case 'escalate': {
      if (order.queuePath.length < 2)
        return { code: 'ORDER_TOP', message: '订单已在最上级（中心），不能再上报' }
      const path = order.queuePath.slice(0, -1)
      set.queuePath = path
      set.queueUnitId = path[path.length - 1]!
      set.queueUnitName = command.parentName
      set.escalateAt = path.length > 1 ? new Date(t + command.escalateAfterMs) : null
      stats.escalated = 1
      break
    }
    case 'reject':
    case 'cancel': {
      reason = command.reason
      set.reason = command.reason
      set.closedAt = at
      set.escalateAt = null
      break
    }
    case 'accept': {
      set.holder = who.openid
      set.holderName = who.name
      set.acceptedAt = at
      if (!order.acceptedAt) {
        stats.acceptMs = t - (ms(order.dispatchedAt) ?? t)
        stats.acceptCount = 1
      }
      break
    }
    case 'handBack': {
      reason = command.reason
      set.holder = null
      set.holderName = null
      break
    }
    case 'complete': {
      set.doneAt = at
      set.doneNote = command.note
      set.minutes = command.minutes
      set.donePhotoFileId = command.photoFileId
      stats.doneMs = t - ms(order.submittedAt)!
      stats.doneCount = 1
      break
    }
    case 'rate': {
      set.rating = { stars: command.stars, comment: command.comment, at, changes: 0 }
      set.closedAt = at
      stats.ratingSum = command.stars
      stats.ratingCount = 1
      break
    }
    case 'rerate': {
      const old = order.rating
      if (!old) return { code: 'ORDER_NOT_RATED', message: '还没有评价，请先评价' }
      if (old.changes >= 1) return { code: 'RATING_LOCKED', message: '评价已经修改过一次，不能再改了' }
      if (t - ms(old.at)! > RATING_CHANGE_WINDOW_MS)
        return { code: 'RATING_LOCKED', message: '评价超过 7 天，不能再修改了' }
      set.rating = { stars: command.stars, comment: command.comment, at: old.at, changes: old.changes + 1 }
      stats.ratingSum = command.stars - old.stars
      break
    }
  }

  const entry: OrderHistoryEntry = { event, from, to, at, by: who.openid, byName: who.name, as: who.as }
  if (reason !== undefined) entry.reason = reason
  return {
    event,
    from,
    to,
    where: { _id: order._id, state: from, version: order.version },
    set,
    entry,
    stats,
  }
}

export function isRefusal(p: Plan | Refusal): p is Refusal {
  return 'code' in p
}

/** The events someone relating to `order` as any of `actors` may take now (what the phone offers). */
export function allowedEvents(
  order: Pick<OrderDoc, 'state' | 'queuePath' | 'rating'>,
  actors: readonly OrderActor[],
  at: Date,
): OrderEvent[] {
  return (Object.keys(RULES) as OrderEvent[]).filter((event) => {
    const rule = RULES[event]
    if (!rule.from.includes(order.state) || !rule.by.some((a) => actors.includes(a))) return false
    if (event === 'escalate') return order.queuePath.length > 1
    if (event === 'rerate')
      return (
        !!order.rating &&
        order.rating.changes < 1 &&
        at.getTime() - new Date(order.rating.at).getTime() <= RATING_CHANGE_WINDOW_MS
      )
    return true
  })
}
