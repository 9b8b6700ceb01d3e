/** How an activity is written out in lists and on its page: dates in words, status in words. */
import type { ActivityListItem } from '@core/contract'
import { formatClock, formatDate, formatDayLong, formatSpan, relativeDay, type Instant } from '@core/time'
import { phaseWord, placesText } from '@core/activities/status'

/** "上午9:30–11:00" on the day's own heading; the end's date is written when it is another day. */
export function timeOfDay(item: Pick<ActivityListItem, 'start' | 'end'>): string {
  if (formatDate(item.start) !== formatDate(item.end)) {
    return `${formatClock(item.start)}–${formatDayLong(item.end)} ${formatClock(item.end)}`
  }
  return formatSpan(item.start, item.end).replace(`${formatDayLong(item.start)} `, '')
}

/** "明天 11月25日 星期二 上午9:30–11:00" */
export function whenText(item: Pick<ActivityListItem, 'start' | 'end'>, now: Instant): string {
  const rel = relativeDay(item.start, now)
  return `${rel ? `${rel} ` : ''}${formatSpan(item.start, item.end)}`
}

/** "状态：报名中，还剩 5 个名额（共 30 个）" — the word always, places while they matter. */
export function statusText(item: ActivityListItem, now: Instant): string {
  const word = phaseWord(item, now)
  const places = word === '报名中' ? placesText(item) : undefined
  return `状态：${word}${places ? `，${places}` : ''}`
}

/** The lines under a list item's title. */
export function itemLines(
  item: ActivityListItem,
  now: Instant,
  options: { withDate?: boolean } = {},
): string[] {
  return [
    `时间：${options.withDate ? whenText(item, now) : timeOfDay(item)}`,
    `地点：${item.place}（${item.unitName}）`,
    statusText(item, now),
    ...(item.practiceDay ? ['文明实践日活动'] : []),
  ]
}

/** "3 分钟前", "2 小时前", "11月25日" — how old a saved list is. */
export function savedAgo(savedAt: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - savedAt) / 60_000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} 小时前`
  return formatDayLong(savedAt)
}

/** "1 公里", "500 米" */
export function radiusText(metres: number): string {
  return metres >= 1000 ? `${Number((metres / 1000).toFixed(1))} 公里` : `${Math.round(metres)} 米`
}
