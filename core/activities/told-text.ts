/** What the manager is told about telling registrants of a cancellation or change. */
import type { ToldSummary } from '../contract/activities'

/**
 * "已通知 35 位报名的人：10 位同时收到微信消息，25 位只在「我的消息」里。" While the function is still at
 * it: "正在通知报名的人：已通知 12 / 35 位，…".
 */
export function toldText(t: ToldSummary | null): string {
  if (!t || t.toTell === 0) return '没有人报名，无需通知。'
  const split = `${t.byMessage} 位同时收到微信消息，${t.inboxOnly} 位只在「我的消息」里（没有订阅提醒）`
  if (!t.done)
    return `正在通知报名的人：已通知 ${t.told} / ${t.toTell} 位，${split}。系统会继续，稍后刷新查看。`
  return `已通知 ${t.told} 位报名的人：${split}。`
}
