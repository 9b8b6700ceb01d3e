/** Words for the credit pages (pure: tested in credit-text.test.ts). */
import type { LedgerKind, RedemptionStatus } from '@core/contract'

export const KIND_LABEL: Record<LedgerKind, string> = {
  service: '志愿服务',
  award: '奖励',
  deduct: '扣减',
  redeem: '兑换',
  refund: '退回',
}

export const STATUS_LABEL: Record<RedemptionStatus, string> = {
  claiming: '处理中',
  held: '待领取',
  handed: '已领取',
  cancelled: '已取消（积分已退回）',
  expired: '已过期（积分已退回）',
  failed: '未成功',
}

/** "+25 分" / "−30 分": the sign is written, never only a colour. */
export function signedPoints(points: number): string {
  return points >= 0 ? `+${points} 分` : `−${-points} 分`
}

/** A fresh id for one tap's intent (a retry of the same tap reuses it). */
export function newRequestId(now = Date.now(), random = Math.random): string {
  return `r${now.toString(36)}${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`
}

/** The pickup code in groups of four, easier to read aloud and to type: "ABCD EFGH IJKL MNOP". */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
