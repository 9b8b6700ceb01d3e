import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
/** Orders as stored: loading, applying a machine plan as one conditional update, figures, telling people. */
import type { OrderView } from '../../../core/contract/orders'
import { ORDER_ERRORS, type OrderErrorCode } from '../../../core/contract/orders'
import { orderStats, orders, serviceMenus } from '../../../core/contract/orders.collections'
import { users } from '../../../core/contract/users.collections'
import { notify_templates } from '../../../core/contract/inbox.collections'
import { teams } from '../../../core/contract/people.collections'
import type { UserRecord } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import type { NoticeTemplate } from '../../../core/notices/template'
import { emptyStats } from '../../../core/orders/figures'
import {
  allowedEvents,
  isRefusal,
  plan as planTransition,
  stateRefusal,
  type Command,
  type Plan,
  type StatsDelta,
  type Who,
} from '../../../core/orders/machine'
import {
  ORDER_STATE_NAMES,
  type OrderActor,
  type OrderDoc,
  type OrderEvent,
} from '../../../core/orders/model'
import {
  DEFAULT_ORDER_UPDATE_TEMPLATE,
  messagesFor,
  ORDER_UPDATE_TEMPLATE_NAME,
  pushValues,
  type Audience,
} from '../../../core/orders/notice'
import { holdsOver } from '../../../server/auth'
import { from } from '../../../server/db'
import { notify, type NotifyDeps } from '../../../server/notify'
import type { Caller, CallerRef, Command as DbCommand, Db, HandlerContext } from '../../../server/types'

/**
 * Test hook (ORDERS_RACE_GATE_DIR, race.test.ts): an accept that has read and planned waits here until
 * the test opens the gate, so all racers read the same version before any of them writes. Without the
 * variable (production) it does nothing and reads nothing.
 */
async function raceGate(): Promise<void> {
  const dir = process.env.ORDERS_RACE_GATE_DIR
  if (!dir) return
  appendFileSync(join(dir, 'arrived'), `${process.pid}\n`)
  const until = Date.now() + 12_000
  while (!existsSync(join(dir, 'go')) && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
}

export function orderError(
  code: OrderErrorCode,
  message?: string,
  fields?: Record<string, string>,
): AppError {
  return new AppError(code, message ?? ORDER_ERRORS[code], fields)
}

/** What lists read: never the contact or the history. */
export const LIST_FIELDS = {
  address: false,
  phone: false,
  history: false,
} as const

export async function loadOrder(db: Db, id: string): Promise<OrderDoc> {
  const order = await from(db, orders).byId(id)
  if (!order) throw orderError('ORDER_NOT_FOUND')
  return order
}

/** The resident's unit as the scope checks take it. */
export const orderUnit = (o: Pick<OrderDoc, 'unitId' | 'unitPath' | 'unitName'>) => ({
  _id: o.unitId,
  ancestors: o.unitPath.filter((id) => id !== o.unitId),
  name: o.unitName,
})

/** Every way the caller relates to the order. */
export function actorsOf(caller: Caller, o: OrderDoc): OrderActor[] {
  const out: OrderActor[] = []
  if (o.placedBy === caller.openid || (o.residentId !== null && o.residentId === caller.openid))
    out.push('owner')
  if (holdsOver(caller, 'manager', orderUnit(o))) out.push('manager')
  if (o.teamId && (caller.user.teamIds ?? []).includes(o.teamId)) out.push('teamMember')
  if (o.holder && o.holder === caller.openid) out.push('holder')
  return out
}

const ms = (d: Date | string | number | null | undefined): number | null =>
  d === null || d === undefined ? null : new Date(d).getTime()

/** The residents' name as a volunteer who has not accepted sees it: the surname only. */
const masked = (name: string) => (name ? `${name.slice(0, 1)}**` : '居民')

export function toView(o: OrderDoc, actors: readonly OrderActor[], now: Date): OrderView {
  const manager = actors.includes('manager')
  const owner = actors.includes('owner')
  const holder = actors.includes('holder')
  const seesPerson = manager || owner || holder
  return {
    _id: o._id,
    state: o.state,
    stateName: ORDER_STATE_NAMES[o.state],
    category: o.category,
    unitId: o.unitId,
    unitName: o.unitName,
    queueUnitName: o.queueUnitName,
    residentName: seesPerson ? o.residentName : masked(o.residentName),
    placedByRole: o.placedByRole,
    wantedAt: ms(o.wantedAt)!,
    where: o.where,
    note: o.noteCheck === 'review' && !manager && !owner ? null : o.note,
    noteHeld: o.noteCheck === 'review',
    teamId: o.teamId,
    teamName: o.teamName,
    holderName: o.holderName,
    reason: o.reason,
    doneNote: o.doneNote,
    minutes: o.minutes,
    rating: o.rating
      ? { stars: o.rating.stars, comment: o.rating.comment, at: ms(o.rating.at)!, changes: o.rating.changes }
      : null,
    submittedAt: ms(o.submittedAt)!,
    dispatchedAt: ms(o.dispatchedAt),
    acceptedAt: ms(o.acceptedAt),
    doneAt: ms(o.doneAt),
    // the address and phone: the queue's managers, the holder, and the person who gave them
    contact: seesPerson && o.address !== undefined ? { address: o.address, phone: o.phone } : null,
    can: allowedEvents(o, actors, now),
    history: (o.history ?? []).map((h) => ({
      event: h.event,
      to: h.to,
      at: ms(h.at)!,
      byName: h.byName,
      reason: h.reason ?? null,
    })),
  }
}

export interface Deps extends NotifyDeps {
  caller?: Caller
}

/**
 * Applies `command` to `order` as `who`: plans it with the machine, writes it as one update conditional
 * on the state and version read, then counts it and tells the next party. A write that matches nothing
 * (someone acted first) re-reads the order and answers why in words.
 */
export async function transition(
  deps: Deps,
  order: OrderDoc,
  command: Command,
  who: Who,
): Promise<{ order: OrderDoc; plan: Plan }> {
  const at = deps.now()
  const p = planTransition(order, command, who, at)
  if (isRefusal(p)) throw new AppError(p.code, p.message)
  if (p.event === 'accept') await raceGate()
  const changed = await from(deps.db, orders).update(p.where, { ...p.set, history: deps._.push([p.entry]) })
  if (changed !== 1) {
    const now = await from(deps.db, orders).byId(order._id)
    if (!now) throw orderError('ORDER_NOT_FOUND')
    if (now.state !== order.state) {
      const r = stateRefusal(command.event, now.state)
      throw new AppError(r.code, r.message)
    }
    throw orderError('ORDER_CHANGED')
  }
  const after: OrderDoc = { ...order, ...p.set, history: [...(order.history ?? []), p.entry] }
  await bumpStats(deps.db, deps._, after, p.stats)
  await tell(deps, p.event, after, who)
  return { order: after, plan: p }
}

/**
 * Adds `delta` to the month's counters of every unit on the order's path (the station, its institute,
 * its center). A missing counter document is created at zero first (a unique insert: racing creators
 * make one), then incremented. Counted after the order's write: a crash between them leaves that one
 * step uncounted (docs/orders.md).
 */
export async function bumpStats(
  db: Db,
  _: DbCommand,
  o: Pick<OrderDoc, 'unitPath' | 'month'>,
  delta: StatsDelta,
) {
  const entries = Object.entries(delta).filter(([, v]) => v !== 0)
  if (!entries.length) return
  const data = Object.fromEntries(entries.map(([k, v]) => [k, _.inc(v)]))
  const stats = from(db, orderStats)
  await Promise.all(
    o.unitPath.map(async (unitId) => {
      const _id = orderStats.id(unitId, o.month)
      if (await stats.update({ _id }, data)) return
      await stats.insertUnique(emptyStats(unitId, o.month))
      await stats.update({ _id }, data)
    }),
  )
}

/** The 服务进度提醒 template as configured (notify_templates/orderUpdate), or the documented default. */
export async function orderTemplate(db: Db): Promise<NoticeTemplate> {
  const doc = await from(db, notify_templates).byId(ORDER_UPDATE_TEMPLATE_NAME)
  if (doc?.id && doc.fields) return { id: doc.id, kind: doc.kind, page: doc.page, fields: doc.fields }
  return DEFAULT_ORDER_UPDATE_TEMPLATE
}

const MAX_TEAM_TOLD = 200
const MAX_MANAGERS_TOLD = 50

async function audience(db: Db, _: DbCommand, o: OrderDoc, who: Audience): Promise<string[]> {
  switch (who) {
    case 'owner':
      return [...new Set([o.placedBy, ...(o.residentId ? [o.residentId] : [])])]
    case 'holder':
      return o.holder ? [o.holder] : []
    case 'queueManagers': {
      const found = await from(db, users).find((ref) =>
        ref.where({ 'grants.unitId': o.queueUnitId }).field({ grants: true }).limit(MAX_MANAGERS_TOLD),
      )
      return found
        .filter((u: UserRecord) => u.grants.some((g) => g.role === 'manager' && g.unitId === o.queueUnitId))
        .map((u) => u._id)
    }
    case 'team': {
      if (!o.teamId) return []
      const found = await from(db, users).find((ref) =>
        ref.where({ teamIds: o.teamId }).field({ _id: true }).limit(MAX_TEAM_TOLD),
      )
      return found.map((u) => u._id)
    }
  }
}

/**
 * Tells the next party about a step through notify (inbox always; the resident's waits also by subscribe
 * message when they hold a credit). One message per (step, person): the event id carries the order's
 * version. The acting person is not told about their own step, except the owner's receipt. A failure
 * to tell is logged and does not undo the step.
 */
export async function tell(
  deps: NotifyDeps,
  event: OrderEvent | 'place',
  o: OrderDoc,
  who: Who,
): Promise<void> {
  const messages = messagesFor(event, o, who.as === 'manager' || who.as === 'timer')
  const template = messages.some((m) => m.push) ? await orderTemplate(deps.db) : null
  for (const m of messages) {
    try {
      const people = (await audience(deps.db, deps._, o, m.audience)).filter(
        (id) => m.audience === 'owner' || id !== who.openid,
      )
      const page = `orders/pages/detail/index?id=${o._id}`
      const push = m.push && template ? { template, values: pushValues(o, m.progress) } : undefined
      for (let i = 0; i < people.length; i += 10) {
        await Promise.all(
          people.slice(i, i + 10).map((openid) =>
            notify(deps, openid, {
              id: `order:${o._id}:v${o.version}:${m.audience}`,
              kind: 'order',
              title: m.title,
              body: m.body,
              page,
              ...(push ? { push } : {}),
            }),
          ),
        )
      }
    } catch (err) {
      console.error(`[orders.tell] ${o._id} ${event} ${m.audience}`, err)
    }
  }
}

export { serviceMenus }

/** The handler's context with the caller's record read (resident actions get it on demand). */
export async function loaded(ctx: HandlerContext<CallerRef>): Promise<HandlerContext<Caller>> {
  const ref = ctx.caller as CallerRef & Partial<Caller>
  // a router that already read the record passes it whole
  const caller = typeof ref.load === 'function' ? await ref.load() : (ref as Caller)
  return { ...ctx, caller }
}

/**
 * Teams by id: only `_id` and `name` are read, which the people context keeps meaning the same
 * (its declaration adds fields orders do not need).
 */
export async function teamsById(
  db: Db,
  ids: readonly string[],
): Promise<Array<{ _id: string; name: string }>> {
  if (!ids.length) return []
  return from(db, teams).find((q) =>
    q
      .where({ _id: db.command.in([...ids]) })
      .field({ name: true })
      .limit(ids.length),
  )
}
