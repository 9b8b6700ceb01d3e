/** Pure helpers of the order pages: the time slots offered, how an order is written out. */
import type { OrderView } from '@core/contract'
import { formatClock, formatDayLong, relativeDay, shanghai } from '@core/time'

export interface Slot {
  at: number
  label: string
}

/** Hours a standard order may start at (Shanghai). */
const SLOT_HOURS = [9, 14] as const
/** A slot must be at least this far ahead to be offered. */
const LEAD_MS = 60 * 60_000

/** The next four 上午9:00 / 下午2:00 slots at least an hour ahead: no typing, one tap. */
export function slotsFrom(now: number, count = 4): Slot[] {
  const out: Slot[] = []
  const today = shanghai(now).startOf('day')
  for (let d = 0; out.length < count && d < 14; d++) {
    for (const h of SLOT_HOURS) {
      const at = today.add(d, 'day').add(h, 'hour').valueOf()
      if (at - now < LEAD_MS) continue
      out.push({ at, label: whenLabel(at, now) })
      if (out.length === count) break
    }
  }
  return out
}

/** "明天 上午9:00", "11月28日 星期五 下午2:00" */
export function whenLabel(at: number, now: number): string {
  return `${relativeDay(at, now) ?? formatDayLong(at)} ${formatClock(at)}`
}

export function orderLines(o: OrderView, now: number): string[] {
  const lines = [
    `${o.stateName} · ${whenLabel(o.wantedAt, now)}`,
    o.where === 'home' ? '上门服务' : `到${o.unitName}`,
  ]
  if (o.teamName && o.state === 'dispatched') lines.push(`已派给：${o.teamName}`)
  if (o.holderName && (o.state === 'accepted' || o.state === 'done')) lines.push(`志愿者：${o.holderName}`)
  if (o.rating) lines.push(`评价：${'★'.repeat(o.rating.stars)}${'☆'.repeat(5 - o.rating.stars)}`)
  if (o.reason && (o.state === 'cancelled' || o.state === 'rejected')) lines.push(`原因：${o.reason}`)
  return lines
}

/** A one-off id for one order form, so a retried 提交 finds the same order. */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

export const CANCEL_REASONS = ['不需要了', '时间不合适', '家人已经帮忙办好了'] as const
export const REJECT_REASONS = ['超出本站服务范围', '近期无法安排志愿者', '信息不全，请电话联系站点'] as const
export const HAND_BACK_REASONS = ['临时有事去不了', '不擅长这项服务'] as const
export const MINUTE_CHOICES = [30, 60, 90, 120] as const
