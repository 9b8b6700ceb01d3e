import type { MySlot, TeamSummary } from '@core/contract'
import { TEAM_LEVEL_NAMES } from '@core/domain'
import { formatSpan } from '@core/time'

export const teamLine = (t: TeamSummary): string =>
  `${TEAM_LEVEL_NAMES[t.level]} · ${t.speciality} · ${t.memberCount} 名队员 · ${t.unitName}`

/** 已确认 120 分钟 / 已签到 / 还没签到: what a sign-up earned (signin's service record). */
export function serviceLine(service: MySlot['service']): string {
  if (!service) return '还没签到'
  if (service.minutes === null) return '已签到，签退后计算时长'
  const hours = `${Math.floor(service.minutes / 60)} 小时 ${service.minutes % 60} 分钟`
  return service.status === 'confirmed' ? `已确认时长 ${hours}` : `时长 ${hours}（待专管员确认）`
}

export const slotWhen = (s: Pick<MySlot, 'start' | 'end'>): string => formatSpan(s.start, s.end)
