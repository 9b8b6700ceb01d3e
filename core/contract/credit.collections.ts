/** The credit context's collections (issue 15): ledger, accounts, rules, 爱心超市. docs/credit.md. */
import type { CreditRule } from '../credit/rules'
import type { StarSettings } from '../credit/stars'
import { collection } from './collection'
import type { LedgerKind, RedemptionStatus } from './credit'

/**
 * One ledger line. Append-only: never updated or removed; a correction is a new line. `_id` is derived
 * from the source (`svc_<recordId>_<n>`, `adj_<manager>_<requestId>`, `rdm_<redemptionId>`,
 * `rfd_<redemptionId>`), so a retried or resumed write meets the line it already wrote.
 */
export interface LedgerLine {
  _id: string
  openid: string
  kind: LedgerKind
  points: number
  balanceAfter: number
  /** what produced it: a service record's _id, a redemption's _id, or the manager's request */
  sourceId: string
  /** the rule version for service lines (`${centerId}_v${version}`), else null */
  ruleId: string | null
  explanation: string
  /** openid of the manager (awards), the person (redemptions) or 'system' (service, expiry) */
  by: string
  byName: string | null
  reason: string | null
  /** the unit the points are counted under (service: the activity's unit; award: the manager's unit) */
  unitId: string | null
  unitPath: string[]
  at: Date
}

/** A person's balance, changed in the same transaction as each line. `_id` = openid. */
export interface CreditAccount {
  _id: string
  balance: number
  held: number
  earned: number
  /** confirmed service minutes counted so far (the position on a diminishing scale) */
  serviceMinutes: number
  /** service points per Shanghai day, for the day cap: 'YYYY-MM-DD' → points (days of the last 60) */
  servicePointsByDay: Record<string, number>
  lines: number
  updatedAt: Date
  /** the name the person's service or awards came with (for 晾榜, shown masked) */
  name?: string | null
  /** the person chose not to appear on 晾榜 */
  hideFromBoard?: boolean
  /** the highest star awarded (after its 公示) */
  stars?: number
  /** the highest star level queued for a decision (stars reached are queued once) */
  starsQueued?: number
}

/** One version of a center's rules: `_id` = `${centerId}_v${version}`. */
export interface CreditRuleDoc extends CreditRule {
  createdBy: string
  createdAt: Date
}

export interface ShopItemDoc {
  _id: string
  unitId: string
  unitName: string
  unitPath: string[]
  title: string
  price: number
  /** left to redeem; a redemption takes one with a conditional update, a cancel gives it back */
  stock: number
  /** redemptions holding one unit of stock: makes taking and giving back idempotent */
  claims: string[]
  handedOut: number
  active: boolean
  updatedBy: string
  updatedAt: Date
}

export interface RedemptionDoc {
  /** `${openid}_${requestId}` */
  _id: string
  openid: string
  itemId: string
  itemTitle: string
  unitId: string
  unitName: string
  unitPath: string[]
  price: number
  status: RedemptionStatus
  /** 16 chars of base32: the pickup code (QR scene `p=<code>`) */
  code: string
  createdAt: Date
  expiresAt: Date
  /** set when the stock claim has been given back (cancelled, expired, failed) */
  stockReturned: boolean
  failure: string | null
  handedBy: string | null
  handedAt: Date | null
}

/** Where the service settlement timer got to. */
export interface CreditCursorDoc {
  _id: string
  confirmedAt: Date
}

export const creditLedger = collection<LedgerLine>()({
  name: 'credit_ledger',
  description:
    'Points ledger, append-only: one line per source (_id derived from it), with the balance after it and the rule version.',
  indexes: [
    { name: 'openid_at', keys: { openid: 1, at: -1 } },
    { name: 'source', keys: { sourceId: 1 } },
    { name: 'unitpath_at', keys: { unitPath: 1, at: -1 } },
  ],
})

export const creditAccounts = collection<CreditAccount>()({
  name: 'credit_accounts',
  description:
    "A person's points balance (_id = openid), changed in the same transaction as each ledger line.",
  indexes: [],
})

export const creditRules = collection<CreditRuleDoc>()({
  name: 'credit_rules',
  description: "Versions of a center's credit rules (_id = `${centerId}_v${version}`), each from a date.",
  indexes: [{ name: 'center_version', keys: { centerId: 1, version: -1 } }],
})

export const shopItems = collection<ShopItemDoc>()({
  name: 'credit_items',
  description:
    '爱心超市 goods of a station: points price, stock (taken by conditional update) and the claims on it.',
  indexes: [{ name: 'unit_active', keys: { unitId: 1, active: 1 } }],
})

export const redemptions = collection<RedemptionDoc>()({
  name: 'credit_redemptions',
  description:
    '爱心超市 redemptions (_id = `${openid}_${requestId}`): points held, a pickup code, handed over once.',
  indexes: [
    { name: 'code', keys: { code: 1 }, unique: true },
    { name: 'openid_created', keys: { openid: 1, createdAt: -1 } },
    { name: 'status_expires', keys: { status: 1, expiresAt: 1 } },
  ],
})

export const creditCursors = collection<CreditCursorDoc>()({
  name: 'credit_cursors',
  description: 'Where the credit timer got to in confirmed service records.',
  indexes: [],
})

/** What a service record has been settled to so far: the guard written with each of its lines. */
export interface CreditSourceDoc {
  /** the service record's _id */
  _id: string
  openid: string
  revision: number
  minutes: number
  /** service points after caps (the day cap counts these) */
  capped: number
  points: number
  day: string
  lines: number
  ruleId: string
  /** a rated order's service: the order, the rating counted so far and how often it had changed */
  orderId?: string | null
  ratingStars?: number | null
  ratingChanges?: number
  /** the good-rating bonus inside `points` */
  bonus?: number
  /** until when a changed rating may still come (orders allow one change within 7 days), else null */
  watchUntil?: Date | null
  /** for the lines a re-settlement writes */
  title?: string
  unitId?: string
  unitPath?: string[]
}

export const creditSources = collection<CreditSourceDoc>()({
  name: 'credit_sources',
  description:
    'What each confirmed service record has been settled to (_id = its _id): the guard of its ledger lines.',
  indexes: [{ name: 'watch', keys: { watchUntil: 1 } }],
})

/** A star reached (`_id` = `${openid}_${level}`): pending → publicizing (公示) → awarded, or rejected. */
export interface StarDoc {
  _id: string
  openid: string
  name: string | null
  level: number
  hours: number
  /** the unit of the service that crossed the threshold: its managers decide */
  unitId: string
  unitName: string
  unitPath: string[]
  status: 'pending' | 'publicizing' | 'awarded' | 'rejected'
  reachedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
  noticeEndsAt: Date | null
  awardedAt: Date | null
}

export const creditStars = collection<StarDoc>()({
  name: 'credit_stars',
  description:
    '星级志愿者: a star reached (_id = `${openid}_${level}`), queued for the managers of the unit, then 公示, then awarded.',
  indexes: [
    { name: 'unitpath_status', keys: { unitPath: 1, status: 1, reachedAt: 1 } },
    { name: 'status_notice', keys: { status: 1, noticeEndsAt: 1 } },
  ],
})

/** A center's star settings (`_id` = centerId): thresholds, 公示 length and its working-day calendar. */
export interface CreditSettingsDoc extends StarSettings {
  _id: string
  updatedBy: string
  updatedAt: Date
}

export const creditSettings = collection<CreditSettingsDoc>()({
  name: 'credit_settings',
  description:
    "A center's 星级志愿者 settings (_id = centerId): star thresholds in hours, 公示 working days and its holiday / 调休 calendar.",
  indexes: [],
})
