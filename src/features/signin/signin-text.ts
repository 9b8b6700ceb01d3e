/** What the sign-in screens say, in words (status is written, never only coloured). */
import type { MySignin, ServiceRecordView, SigninState } from '@core/contract'
import { formatMinutes } from '@core/signin/hours'
import { formatClock, formatDayLong, relativeDay } from '@core/time'

function when(t: number, now: number): string {
  return `${relativeDay(t, now) ?? formatDayLong(t)}${formatClock(t)}`
}

export function signinStateText(signIn: SigninState, now: number): string {
  switch (signIn.state) {
    case 'open':
      return `正在签到，${formatClock(signIn.closesAt)}截止`
    case 'upcoming':
      return `${when(signIn.opensAt, now)}开始签到`
    case 'closed':
      return '签到已结束'
    case 'cancelled':
      return '活动已取消'
  }
}

export function attendedText(attendedAt: number): string {
  return `已签到（${formatClock(attendedAt)}）`
}

export function myServiceText(service: NonNullable<MySignin['service']>): string {
  if (service.signOutAt === null) return `志愿服务中，${formatClock(service.signInAt)}签到`
  return `已签退，服务时长${formatMinutes(service.minutes ?? 0)}`
}

export const SERVICE_STATUS_TEXT: Record<ServiceRecordView['status'], string> = {
  open: '服务中',
  closed: '待确认',
  auto_closed: '未签退，已在活动结束时自动签退，待确认',
  confirmed: '已确认',
}

/** "上午9:05 签到 → 上午11:00 签退" */
export function sessionText(r: Pick<ServiceRecordView, 'signInAt' | 'signOutAt'>): string {
  const out = r.signOutAt === null ? '尚未签退' : `${formatClock(r.signOutAt)} 签退`
  return `${formatClock(r.signInAt)} 签到 → ${out}`
}

/** "服务时长：1小时30分（待确认）"; an open session says so once: "服务中，签退后计算时长". */
export function serviceLine(r: Pick<ServiceRecordView, 'status' | 'minutes'>): string {
  if (r.status === 'open' || r.minutes === null) return '服务中，签退后计算时长'
  return `服务时长：${formatMinutes(r.minutes)}（${SERVICE_STATUS_TEXT[r.status]}）`
}

export function minutesText(minutes: number | null): string {
  return minutes === null ? '服务中' : formatMinutes(minutes)
}

/** Seconds left on the manager's screen before the code changes, never negative. */
export function secondsLeft(
  target: number,
  serverNow: number,
  receivedAt: number,
  clientNow: number,
): number {
  const elapsed = clientNow - receivedAt
  return Math.max(0, Math.ceil((target - serverNow - elapsed) / 1000))
}
