/** The orders function (点单 → 派单 → 接单 → 评单): contract, answer shapes and error codes. */
import * as z from 'zod'
import { SERVICE_CATEGORIES, type ServiceCategory } from '../orders/categories'
import type { OrderEvent, OrderState } from '../orders/model'
import { action, fields } from './define'

export { SERVICE_CATEGORIES, type ServiceCategory }

/** Stable codes this function answers besides the common ones (core/errors.ts). */
export const ORDER_ERRORS = {
  SERVICE_UNKNOWN: '本中心暂未提供这项服务，请重新选择',
  ORDER_TIME_PAST: '预约时间已经过去了，请选择以后的时间',
  ORDER_TIME_FAR: '最多只能预约 30 天以内的服务',
  ORDER_NOT_FOUND: '没有找到这个订单，可能已被删除',
  ORDER_NOT_YOURS: '这不是您的订单，无法查看或操作',
  ORDER_TAKEN: '这个订单已被其他志愿者接走了，请看看其他订单',
  ORDER_NOT_DONE: '服务完成后才能评价',
  ALREADY_RATED: '您已经评价过了；7 天内可以修改一次评价',
  RATING_LOCKED: '评价已经修改过一次或已超过 7 天，不能再改了',
  ORDER_CLOSED: '订单已结束，无法再操作',
  ORDER_STATE: '订单当前状态不能进行此操作',
  ORDER_CHANGED: '订单刚刚有了变化，请刷新后再试',
  ORDER_TOP: '订单已在最上级（中心），不能再上报',
  TEAM_NOT_OFFERING: '这个服务队不提供这项服务，请换一个服务队',
  ADDRESS_REQUIRED: '上门服务请填写地址',
  NO_HOME_STATION: '请先选择您所在的站点（扫站点二维码或在首页选择）',
} as const
export type OrderErrorCode = keyof typeof ORDER_ERRORS

/** A service on a center's menu. */
export interface MenuItem {
  category: ServiceCategory
  description: string
  /** teams that can serve it (teams.\_id) */
  teamIds: string[]
  active: boolean
}

export interface MenuView {
  centerId: string
  centerName: string
  items: Array<MenuItem & { teams: Array<{ _id: string; name: string }> }>
  escalateAfterMinutes: number
  /** the subscribe-message template the 提交 tap asks for */
  templateId: string
}

export interface OrderHistoryView {
  event: OrderEvent | 'place'
  to: OrderState
  at: number
  byName: string
  reason: string | null
}

/** An order as a phone is shown it; `contact` only for the queue's managers and the holder. */
export interface OrderView {
  _id: string
  state: OrderState
  stateName: string
  category: ServiceCategory
  unitId: string
  unitName: string
  queueUnitName: string
  residentName: string
  placedByRole: 'self' | 'family' | 'manager'
  wantedAt: number
  where: 'home' | 'station'
  /** null when held for review and the viewer is not a manager */
  note: string | null
  noteHeld: boolean
  teamId: string | null
  teamName: string | null
  holderName: string | null
  reason: string | null
  doneNote: string | null
  minutes: number | null
  rating: { stars: number; comment: string; at: number; changes: number } | null
  submittedAt: number
  dispatchedAt: number | null
  acceptedAt: number | null
  doneAt: number | null
  contact: { address: string; phone: string } | null
  /** what the viewer may do now (from the state machine) */
  can: OrderEvent[]
  history: OrderHistoryView[]
}

/** One month's figures of a unit (its whole subtree), from counters kept with every transition. */
export interface OrderFigures {
  unitId: string
  month: string
  placed: number
  byState: Record<OrderState, number>
  escalated: number
  /** averages in minutes; null when nothing was counted */
  avgDispatchMinutes: number | null
  avgAcceptMinutes: number | null
  avgDoneMinutes: number | null
  /** average stars, 1–5 */
  satisfaction: number | null
  ratings: number
}

const orderId = () => fields.id('订单编号')
const reason = () => fields.text('原因', 100, 2)
const DAY_MS = 86_400_000
export const ORDER_MAX_AHEAD_MS = 30 * DAY_MS

const category = z.enum(SERVICE_CATEGORIES, { error: '请选择服务项目' })

export const orders = {
  /** The menu of the center above a unit (default: the caller's home station). */
  menu: action<MenuView>()({
    input: z.object({ unitId: fields.id('站点').optional() }),
    roles: ['resident'],
  }),
  /** Managers of a center replace its menu and the escalation time. */
  setMenu: action<MenuView>()({
    input: z.object({
      centerId: fields.id('中心'),
      items: z
        .array(
          z.object({
            category,
            description: fields.text('服务说明', 60),
            teamIds: z.array(fields.id('服务队')).max(20, '一项服务最多 20 个服务队'),
            active: z.boolean(),
          }),
        )
        .max(SERVICE_CATEGORIES.length, '服务项目太多')
        .refine((xs) => new Set(xs.map((x) => x.category)).size === xs.length, '服务项目不能重复'),
      escalateAfterMinutes: z
        .number({ error: '请填写自动上报时间' })
        .int('请填写整数分钟')
        .min(10, '自动上报时间至少 10 分钟')
        .max(7 * 24 * 60, '自动上报时间最多 7 天'),
    }),
    roles: ['manager'],
  }),
  /**
   * 点单. `requestId` (made by the phone once per order form) makes a retried submit answer the same order.
   * `forName` orders for someone else (a family member, an elder); a manager ordering on a phone call
   * gives `unitId`, `forName` and `phone`. `accepted`: template ids the 提交 tap's subscribe request accepted.
   */
  place: action<OrderView>()({
    input: z.object({
      requestId: z.string({ error: '缺少请求编号' }).regex(/^[A-Za-z0-9_-]{8,40}$/, '请求编号格式不对'),
      category,
      unitId: fields.id('站点').optional(),
      wantedAt: z.number({ error: '请选择服务时间' }).int('服务时间格式不对').positive('服务时间格式不对'),
      where: z.enum(['home', 'station'], { error: '请选择上门或到站' }),
      address: z.string().trim().max(80, '地址不能超过 80 个字').default(''),
      phone: z
        .string()
        .trim()
        .regex(/^$|^[0-9+\-\s]{5,20}$/, '电话号码格式不对')
        .default(''),
      note: z.string().trim().max(200, '备注不能超过 200 个字').default(''),
      forName: z.string().trim().max(20, '姓名不能超过 20 个字').optional(),
      byManager: z.boolean().default(false),
      accepted: z.array(z.string().min(1).max(64)).max(3).default([]),
    }),
    roles: ['resident'],
  }),
  /** 我的订单: orders the caller placed, newest first. */
  mine: action<{ orders: OrderView[] }>()({
    input: z.object({ limit: fields.limit(50, 20) }),
    roles: ['resident'],
  }),
  get: action<OrderView>()({ input: z.object({ id: orderId() }), roles: ['resident'] }),
  /**
   * A manager's queue: orders waiting for dispatch at the units they manage (escalated ones included),
   * then orders under way in those units.
   */
  queue: action<{ waiting: OrderView[]; underway: OrderView[]; more: boolean }>()({
    // 20 + 20 lines keep the answer under 30 KB (bench/orders.ts)
    input: z.object({ unitId: fields.id('单位').optional(), limit: fields.limit(30, 20) }),
    roles: ['manager'],
  }),
  dispatch: action<OrderView>()({
    input: z.object({ id: orderId(), teamId: fields.id('服务队') }),
    roles: ['manager'],
  }),
  escalate: action<OrderView>()({ input: z.object({ id: orderId() }), roles: ['manager'] }),
  reject: action<OrderView>()({ input: z.object({ id: orderId(), reason: reason() }), roles: ['manager'] }),
  cancel: action<OrderView>()({ input: z.object({ id: orderId(), reason: reason() }), roles: ['resident'] }),
  /** 可接订单: orders dispatched to the caller's teams, and the ones they hold. */
  available: action<{ open: OrderView[]; mine: OrderView[] }>()({
    input: z.object({ limit: fields.limit(50, 30) }),
    roles: ['volunteer'],
  }),
  accept: action<OrderView>()({ input: z.object({ id: orderId() }), roles: ['volunteer'] }),
  handBack: action<OrderView>()({
    input: z.object({ id: orderId(), reason: reason() }),
    roles: ['volunteer'],
  }),
  complete: action<OrderView>()({
    input: z.object({
      id: orderId(),
      note: z.string().trim().max(200, '服务记录不能超过 200 个字').default(''),
      minutes: z
        .number({ error: '请填写服务时长' })
        .int('服务时长请填整数分钟')
        .min(10, '服务时长至少 10 分钟')
        .max(480, '服务时长最多 8 小时'),
      photoFileId: z.string().max(300, '照片格式不对').nullable().default(null),
    }),
    roles: ['volunteer'],
  }),
  /** 评单: 1–5 stars; the first rating, or its one change within 7 days. */
  rate: action<OrderView>()({
    input: z.object({
      id: orderId(),
      stars: z
        .number({ error: '请选择星级' })
        .int('请选择 1 到 5 颗星')
        .min(1, '请选择 1 到 5 颗星')
        .max(5, '请选择 1 到 5 颗星'),
      comment: z.string().trim().max(200, '评价不能超过 200 个字').default(''),
    }),
    roles: ['resident'],
  }),
  figures: action<OrderFigures>()({
    input: z.object({
      unitId: fields.id('单位'),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11')
        .optional(),
    }),
    roles: ['manager'],
  }),
}
