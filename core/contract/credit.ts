/**
 * The credit context (志愿+信用, issue 15): the points ledger, the rules per center, 爱心超市.
 * For each action its input schema, the roles allowed and (as a phantom type) what it answers.
 * The client imports types only. docs/credit.md explains the rules.
 */
import * as z from 'zod'
import { action, fields } from './define'

export type LedgerKind = 'service' | 'award' | 'deduct' | 'redeem' | 'refund'

/** One ledger line as its person reads it. */
export interface LedgerLineView {
  _id: string
  kind: LedgerKind
  points: number
  /** the balance right after this line */
  balanceAfter: number
  /** why, in Chinese (the rule's computation, the manager's reason, the item) */
  explanation: string
  /** ms since the epoch */
  at: number
}

export interface MyCredit {
  /** points that can be spent */
  balance: number
  /** points held by redemptions not yet handed over */
  held: number
  /** every point ever earned (awards and service) */
  earned: number
  /** hours of confirmed service counted into points */
  serviceHours: number
  /** the last 20 lines, newest first */
  lines: LedgerLineView[]
  /** 星级志愿者: the highest star awarded (0: none yet) */
  stars: number
}

export interface StarView {
  _id: string
  /** masked */
  name: string
  level: number
  hours: number
  unitName: string
  status: 'pending' | 'publicizing' | 'awarded' | 'rejected'
  /** ms since the epoch, while publicizing */
  noticeEndsAt: number | null
  /** ms since the epoch */
  reachedAt: number
  awardedAt: number | null
}

export interface StarSettingsView {
  centerId: string
  /** hours for stars 1–5 */
  starHours: number[]
  noticeWorkingDays: number
  /** 'YYYY-MM-DD' days off and 调休 weekend working days */
  holidays: string[]
  workdays: string[]
  /** true while the center has saved nothing (the defaults and the official calendar apply) */
  isDefault: boolean
  /** the years of the State Council schedule the default calendar holds */
  officialYears: number[]
}

export interface RuleView {
  centerId: string
  version: number
  effectiveFrom: string
  scale: Array<{ fromHours: number; points: number; hours: number }>
  capPerActivity: number | null
  capPerDay: number | null
  categoryPercent: Record<string, number>
  goodRatingBonus: number
  goodRatingStars: number
}

export interface ShopItem {
  _id: string
  unitId: string
  unitName: string
  title: string
  price: number
  stock: number
  active: boolean
}

export type RedemptionStatus = 'claiming' | 'held' | 'handed' | 'cancelled' | 'expired' | 'failed'

export interface RedemptionView {
  _id: string
  itemId: string
  itemTitle: string
  unitName: string
  price: number
  status: RedemptionStatus
  /** the pickup code; the QR's scene is `p=<code>` (≤ 32 chars) */
  code: string
  /** while held: the QR of `p=<code>` as a PNG data URL (about 1 KB), for the manager to scan */
  qr: string | null
  /** ms since the epoch */
  createdAt: number
  expiresAt: number
}

export interface BoardView {
  unitName: string
  /** 'YYYY-MM' */
  month: string
  rows: Array<{ rank: number; rankText: string; name: string; points: number }>
  /** whether the caller has chosen to hide from boards */
  hidden: boolean
}

const points = (label: string, min: number, max: number) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`)

/** A client-made id of one intent: the same id again (a retry) never writes twice. */
const requestId = () =>
  z.string({ error: '缺少请求编号' }).regex(/^[A-Za-z0-9_-]{8,40}$/, '请求编号格式不对，请更新小程序后再试')

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const credit = {
  /** The caller's balance and last 20 lines (two reads). */
  mine: action<MyCredit>()({ input: z.object({}), roles: ['resident'] }),

  /**
   * A manager awards (+) or deducts (−) points with a reason, under a unit they manage, to a volunteer whose
   * home unit is in that unit's subtree (NOT_IN_UNIT otherwise); never to themself.
   */
  adjust: action<{ line: LedgerLineView; duplicate: boolean }>()({
    input: z
      .object({
        unitId: fields.id('单位'),
        /** the person by 志愿者编号 (the manager's page) … */
        volunteerNumber: z
          .string()
          .trim()
          .max(40, '志愿者编号太长，请核对')
          .transform((s) => s.toUpperCase())
          .optional(),
        /** … or by openid (one of the two) */
        openid: fields.id('志愿者').optional(),
        points: points('积分', -1000, 1000).refine((n) => n !== 0, '积分不能为 0'),
        reason: fields.text('原因', 100, 2),
        requestId: requestId(),
      })
      .refine((v) => !!v.volunteerNumber || !!v.openid, {
        message: '请填写志愿者编号',
        path: ['volunteerNumber'],
      }),
    roles: ['manager'],
  }),

  /** The versions of a center's rules, newest first, and the one in force today. */
  rules: action<{ versions: RuleView[]; current: RuleView }>()({
    input: z.object({ centerId: fields.id('中心') }),
    roles: ['manager'],
  }),

  /** A center's manager saves a new version of its rules, applying from a date. */
  saveRule: action<{ rule: RuleView }>()({
    input: z.object({
      centerId: fields.id('中心'),
      effectiveFrom: ymd,
      scale: z
        .array(
          z.object({
            fromHours: points('分档起点', 0, 100000),
            points: points('每档积分', 1, 100),
            hours: points('每档小时', 1, 10),
          }),
        )
        .min(1, '请至少设置一档积分标准')
        .max(10, '最多 10 档'),
      capPerActivity: points('单次活动上限', 1, 100000).nullable(),
      capPerDay: points('每日上限', 1, 100000).nullable(),
      categoryPercent: z.record(z.string().max(20), points('类别系数', 0, 1000)).default({}),
      goodRatingBonus: points('好评加分', 0, 1000).default(0),
      goodRatingStars: points('好评星级', 1, 5).default(4),
    }),
    roles: ['manager'],
  }),

  /** 晾榜: a unit's points earned in a month (service and awards less deductions), names masked. */
  board: action<BoardView>()({
    input: z.object({
      unitId: fields.id('单位'),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
    }),
    roles: ['resident'],
  }),

  /** The caller hides from (or shows again on) every 晾榜. */
  setBoardVisibility: action<{ hidden: boolean }>()({
    input: z.object({ hidden: z.boolean({ error: '请选择是否在榜单上显示' }) }),
    roles: ['resident'],
  }),

  /** 星级志愿者 under the units the caller manages: waiting for a decision, in 公示, and awarded. */
  starQueue: action<{ stars: StarView[] }>()({ input: z.object({}), roles: ['manager'] }),

  /** A center's star thresholds, 公示 length and calendar (any manager in its network). */
  starSettings: action<{ settings: StarSettingsView }>()({
    input: z.object({ centerId: fields.id('中心') }),
    roles: ['manager'],
  }),

  /** A center's admins save its star thresholds, 公示 working days and holiday / 调休 calendar. */
  saveStarSettings: action<{ settings: StarSettingsView }>()({
    input: z.object({
      centerId: fields.id('中心'),
      starHours: z.array(points('星级门槛', 1, 100000)).length(5, '请填写一星到五星共 5 个门槛'),
      noticeWorkingDays: points('公示工作日', 1, 30),
      holidays: z.array(ymd).max(400, '放假日期最多 400 个'),
      workdays: z.array(ymd).max(200, '调休上班日期最多 200 个'),
    }),
    roles: ['manager'],
  }),

  /** Approve (starts the 公示 of the center's working days) or reject a star; never one's own. */
  decideStar: action<{ star: StarView }>()({
    input: z.object({ id: fields.id('星级'), approve: z.boolean({ error: '请选择通过或不通过' }) }),
    roles: ['manager'],
  }),

  /** 爱心超市: a station's goods (anyone; inactive ones only for its managers). */
  items: action<{ items: ShopItem[] }>()({
    input: z.object({ unitId: fields.id('站点') }),
    roles: ['resident'],
  }),

  /** A station's manager adds (no id) or edits an item: price, stock, shown or not. */
  saveItem: action<{ item: ShopItem }>()({
    input: z.object({
      id: fields.id('物品').optional(),
      unitId: fields.id('站点'),
      title: fields.text('物品名称', 30),
      price: points('所需积分', 1, 100000),
      stock: points('库存', 0, 100000),
      active: z.boolean().default(true),
    }),
    roles: ['manager'],
  }),

  /** Redeems one item: its points are held and a pickup code issued. */
  redeem: action<{ redemption: RedemptionView }>()({
    input: z.object({ itemId: fields.id('物品'), requestId: requestId() }),
    roles: ['resident'],
  }),

  /** The caller's redemptions, newest first. */
  myRedemptions: action<{ redemptions: RedemptionView[] }>()({
    input: z.object({}),
    roles: ['resident'],
  }),

  /** The person cancels a redemption not yet handed over: the points come back. */
  cancel: action<{ redemption: RedemptionView }>()({
    input: z.object({ id: fields.id('兑换') }),
    roles: ['resident'],
  }),

  /** The station's manager scans the pickup code and hands the item over (once). */
  handOver: action<{ redemption: RedemptionView }>()({
    input: z.object({
      code: z
        .string({ error: '缺少取货码' })
        .trim()
        .transform((s) => s.replace(/^p=/, '').toUpperCase())
        .pipe(z.string().regex(/^[A-Z2-7]{16}$/, '取货码格式不对，请重新扫码')),
    }),
    roles: ['manager'],
  }),
}
