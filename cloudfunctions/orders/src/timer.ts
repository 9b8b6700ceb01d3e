import { orders } from '../../../core/contract/orders.collections'
import type { OrderDoc } from '../../../core/orders/model'
import { from } from '../../../server/db'
import type { TimerHandler } from '../../../server/router'
import { loadUnit } from '../../../server/units'
import { loadMenu } from './handlers/menu'
import { transition } from './store'

const BATCH = 100
/** Stop starting escalations after this long: the function's timeout (config.json) is 20 s. */
const BUDGET_MS = 12_000

/**
 * Every 5 minutes (config.json): orders still waiting for dispatch past their escalateAt move up one
 * level (站 → 所 → 中心), each by the same conditional transition a manager's 上报 takes, so a dispatch
 * racing the timer wins or loses cleanly. The managers above are told.
 */
export const escalateTimer: TimerHandler = async (ctx) => {
  const deadline = Date.now() + BUDGET_MS
  const due = await from(ctx.db, orders).find((ref) =>
    ref
      .where({ state: 'submitted', escalateAt: ctx._.lte(ctx.now()) })
      .orderBy('escalateAt', 'asc')
      .field({ history: false })
      .limit(BATCH),
  )
  let escalated = 0
  let skipped = 0
  const names = new Map<string, string>()
  for (const o of due) {
    if (Date.now() > deadline) break
    const parentId = o.queuePath[o.queuePath.length - 2]
    if (!parentId) continue
    if (!names.has(parentId)) names.set(parentId, (await loadUnit(ctx.db, parentId))?.name ?? '')
    const menu = await loadMenu(ctx.db, o.centerId)
    try {
      await transition(
        ctx,
        { ...o, history: [] } as OrderDoc,
        {
          event: 'escalate',
          escalateAfterMs: menu.escalateAfterMinutes * 60_000,
          parentName: names.get(parentId)!,
        },
        { openid: null, name: '系统自动上报', as: 'timer' },
      )
      escalated++
    } catch {
      skipped++ // dispatched or changed meanwhile
    }
  }
  return { escalated, skipped, more: due.length === BATCH }
}
