/**
 * The order funnel (点单 → 派单 → 接单 → 完成 → 评价) from the stats report's orders by state. The
 * report counts the period's orders by the state each is in now; an order in a later state has passed
 * every earlier one, so a stage's figure is the orders now in it or beyond. Cancelled and rejected
 * orders are counted as submitted only (the report does not say how far they got).
 */
import type { StatsOrderFigures } from '@core/contract'

export const FUNNEL_STAGES = [
  { state: 'submitted', label: '群众点单' },
  { state: 'dispatched', label: '已派单' },
  { state: 'accepted', label: '已接单' },
  { state: 'done', label: '已完成' },
  { state: 'rated', label: '已评价' },
] as const

export interface FunnelStep {
  label: string
  count: number
  /** share of the orders placed, whole per cent (0 with no orders) */
  percent: number
}

const FLOW = ['submitted', 'dispatched', 'accepted', 'done', 'rated'] as const

export function orderFunnel(orders: StatsOrderFigures): FunnelStep[] {
  const total = orders.placed
  return FUNNEL_STAGES.map((stage, i) => {
    const count = i === 0 ? total : FLOW.slice(i).reduce((sum, s) => sum + (orders.byState[s] ?? 0), 0)
    return { label: stage.label, count, percent: total > 0 ? Math.round((count / total) * 100) : 0 }
  })
}
