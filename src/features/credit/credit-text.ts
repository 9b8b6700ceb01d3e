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

const STAR_NAMES = ['', '一星', '二星', '三星', '四星', '五星']

/** "★★☆☆☆ 二星志愿者": the stars drawn and written (never only symbols); '' for none. */
export function starText(level: number): string {
  if (level < 1) return ''
  const n = Math.min(5, Math.floor(level))
  return `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${STAR_NAMES[n]}志愿者`
}

/** Days as typed by a manager (spaces, commas, new lines) → sorted unique 'YYYY-MM-DD'; bad ones listed. */
export function parseDays(text: string): { days: string[]; bad: string[] } {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = parts.filter((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p))
  const days = [...new Set(parts.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)))].sort()
  return { days, bad }
}

/** "理论宣讲 150" lines → { 理论宣讲: 150 }; bad lines listed. */
export function parsePercents(text: string): { percents: Record<string, number>; bad: string[] } {
  const percents: Record<string, number> = {}
  const bad: string[] = []
  for (const line of text.split(/\n+/)) {
    const t = line.trim()
    if (!t) continue
    const m = /^(.+?)[\s:：=]+(\d+)\s*%?$/.exec(t)
    if (!m) bad.push(t)
    else percents[m[1]!.trim()] = Number(m[2])
  }
  return { percents, bad }
}
