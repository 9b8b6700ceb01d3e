/** The orders context's collections: orders (点单), each center's service menu, unit-month figures. */
import type { ServiceCategory } from '../orders/categories'
import type { OrderDoc, OrderState } from '../orders/model'
import { collection } from './collection'

export interface ServiceMenuDoc {
  /** the center's unit id */
  _id: string
  items: Array<{ category: ServiceCategory; description: string; teamIds: string[]; active: boolean }>
  escalateAfterMinutes: number
  updatedAt: Date
  updatedBy: string | null
}

/** Counters of one unit's orders (its whole subtree) submitted in one month. */
export interface OrderStatsDoc {
  /** `${unitId}:${YYYY-MM}` */
  _id: string
  unitId: string
  month: string
  placed: number
  /** orders of the month now in each state */
  n: Record<OrderState, number>
  escalated: number
  dispatchMs: number
  dispatchCount: number
  acceptMs: number
  acceptCount: number
  doneMs: number
  doneCount: number
  ratingSum: number
  ratingCount: number
}

export const orders = collection<OrderDoc>()({
  name: 'orders',
  description:
    "Residents' service orders (点单): state machine in core/orders/machine.ts, each transition one conditional update on `version`; history kept on the order.",
  indexes: [
    { name: 'queue_state_submitted', keys: { queueUnitId: 1, state: 1, submittedAt: 1 } },
    { name: 'unitpath_state_updated', keys: { unitPath: 1, state: 1, updatedAt: -1 } },
    { name: 'team_state_dispatched', keys: { teamId: 1, state: 1, dispatchedAt: 1 } },
    { name: 'holder_state', keys: { holder: 1, state: 1 } },
    { name: 'placedby_submitted', keys: { placedBy: 1, submittedAt: -1 } },
    { name: 'state_escalate', keys: { state: 1, escalateAt: 1 } },
  ],
})

export const serviceMenus = collection<ServiceMenuDoc>()({
  name: 'service_menus',
  description:
    "Each center's service menu (_id = the center's unit id): categories, descriptions, serving teams.",
  indexes: [],
})

export const orderStats = collection<OrderStatsDoc>()({
  name: 'order_stats',
  description:
    'Order figures per unit and month (_id = `${unitId}:${YYYY-MM}`), counters incremented with every transition for each unit on the order’s path.',
  indexes: [],
  id: (unitId: string, month: string): string => `${unitId}:${month}`,
})
