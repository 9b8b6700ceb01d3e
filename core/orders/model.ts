/** What an order (点单) is, as stored: one document per order in the `orders` collection. */
import type { ServiceCategory } from './categories'

export const ORDER_STATES = [
  'submitted',
  'dispatched',
  'accepted',
  'done',
  'rated',
  'cancelled',
  'rejected',
] as const
export type OrderState = (typeof ORDER_STATES)[number]

/** States an order can still move from (the queue, the volunteers' list, the timer read only these). */
export const OPEN_STATES = ['submitted', 'dispatched', 'accepted'] as const satisfies readonly OrderState[]

export const ORDER_STATE_NAMES: Record<OrderState, string> = {
  submitted: '待派单',
  dispatched: '待接单',
  accepted: '服务中',
  done: '待评价',
  rated: '已评价',
  cancelled: '已取消',
  rejected: '未受理',
}

/** How the person acting relates to the order; the machine allows each event to some of them. */
export type OrderActor =
  /** the resident the order is for, or whoever placed it for them (family, a station manager) */
  | 'owner'
  /** a manager of a unit on the order's queue path (the queue unit or above) */
  | 'manager'
  /** a member of the team the order is dispatched to */
  | 'teamMember'
  /** the volunteer who accepted it */
  | 'holder'
  /** the escalation timer */
  | 'timer'

export interface OrderHistoryEntry {
  event: OrderEvent | 'place'
  from: OrderState | null
  to: OrderState
  at: Date
  /** openid of whoever acted (null for the timer); never answered to the phone */
  by: string | null
  byName: string
  as: OrderActor
  reason?: string
}

export const ORDER_EVENTS = [
  'dispatch',
  'escalate',
  'reject',
  'cancel',
  'accept',
  'handBack',
  'complete',
  'rate',
  'rerate',
] as const
export type OrderEvent = (typeof ORDER_EVENTS)[number]

export interface OrderRating {
  stars: number
  comment: string
  at: Date
  /** times the rating was changed after it was first given (at most 1) */
  changes: number
}

export interface OrderDoc {
  _id: string
  state: OrderState
  /** bumped by every transition: each write is conditional on the version it read */
  version: number
  centerId: string
  category: ServiceCategory
  /** the resident's station (or point): whose managers dispatch, whose figures count it */
  unitId: string
  unitName: string
  /** unit ancestors + the unit itself */
  unitPath: string[]
  /** whose managers handle it now: the unit, then each parent after an escalation */
  queueUnitId: string
  queueUnitName: string
  /** center … queue unit */
  queuePath: string[]
  /** when the timer escalates it if still undispatched (null at the center) */
  escalateAt: Date | null
  /** the resident it is for (null: placed by a manager for someone without WeChat) */
  residentId: string | null
  residentName: string
  placedBy: string
  placedByRole: 'self' | 'family' | 'manager'
  /** when the resident wants it */
  wantedAt: Date
  where: 'home' | 'station'
  /** private: only the queue's managers and the holder ever see these */
  address: string
  phone: string
  note: string
  /** msgSecCheck on the note: 'review' holds the note for a manager (not shown to volunteers) */
  noteCheck: 'pass' | 'review' | 'none'
  teamId: string | null
  teamName: string | null
  holder: string | null
  holderName: string | null
  reason: string | null
  doneNote: string | null
  donePhotoFileId: string | null
  /** minutes the volunteer served (credited as service hours once rated) */
  minutes: number | null
  rating: OrderRating | null
  /** 'YYYY-MM' (Shanghai) of submission: the month its figures count in */
  month: string
  submittedAt: Date
  dispatchedAt: Date | null
  acceptedAt: Date | null
  doneAt: Date | null
  closedAt: Date | null
  updatedAt: Date
  history: OrderHistoryEntry[]
}
