/** The unit-month figures managers see, from the counters kept with every transition. */
import type { OrderFigures } from '../contract/orders'
import type { OrderStatsDoc } from '../contract/orders.collections'
import { ORDER_STATES, type OrderState } from './model'

export function emptyStats(unitId: string, month: string): OrderStatsDoc {
  return {
    _id: `${unitId}:${month}`,
    unitId,
    month,
    placed: 0,
    n: Object.fromEntries(ORDER_STATES.map((s) => [s, 0])) as Record<OrderState, number>,
    escalated: 0,
    dispatchMs: 0,
    dispatchCount: 0,
    acceptMs: 0,
    acceptCount: 0,
    doneMs: 0,
    doneCount: 0,
    ratingSum: 0,
    ratingCount: 0,
  }
}

const avgMinutes = (sum: number, n: number): number | null => (n > 0 ? Math.round(sum / n / 60_000) : null)

export function toFigures(s: OrderStatsDoc): OrderFigures {
  return {
    unitId: s.unitId,
    month: s.month,
    placed: s.placed,
    byState: Object.fromEntries(ORDER_STATES.map((k) => [k, s.n?.[k] ?? 0])) as Record<OrderState, number>,
    escalated: s.escalated,
    avgDispatchMinutes: avgMinutes(s.dispatchMs, s.dispatchCount),
    avgAcceptMinutes: avgMinutes(s.acceptMs, s.acceptCount),
    avgDoneMinutes: avgMinutes(s.doneMs, s.doneCount),
    satisfaction: s.ratingCount > 0 ? Math.round((s.ratingSum / s.ratingCount) * 10) / 10 : null,
    ratings: s.ratingCount,
  }
}
