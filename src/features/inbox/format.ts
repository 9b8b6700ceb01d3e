/** How a message is written in 我的消息: when it came (in words), and whether it was read. */
import type { InboxMessage } from '@core/contract'
import { formatClock, formatDayLong, relativeDay, type Instant } from '@core/time'

/** "今天 下午2:00", "11月25日 星期二 上午9:30" */
export function receivedText(createdAt: number, now: Instant): string {
  const rel = relativeDay(createdAt, now)
  return `${rel ?? formatDayLong(createdAt)} ${formatClock(createdAt)}`
}

/** The lines under a message's title: when, whether read (in words, never colour alone), the text. */
export function messageLines(m: InboxMessage, now: Instant): string[] {
  return [`${m.read ? '已读' : '未读'} · ${receivedText(m.createdAt, now)}`, m.body]
}

/** "我的消息（3 条未读）" */
export function inboxLabel(unread: number): string {
  return unread > 0 ? `我的消息（${unread} 条未读）` : '我的消息'
}
