/**
 * The one module that owns time. Everything is computed in Asia/Shanghai (UTC+8), whatever the
 * process's own TZ: WeChat's cloud functions run on a UTC clock (platform-facts "Cloud functions").
 * China has had no daylight saving since 1991, so a fixed +08:00 offset is exact for every date the
 * product handles and needs no Intl time-zone data (which some mini-program runtimes lack).
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const SHANGHAI_OFFSET_MINUTES = 8 * 60
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const

export type Instant = Date | number | string

/** The instant seen on a Shanghai wall clock. */
export function shanghai(t: Instant = Date.now()): Dayjs {
  return dayjs(t).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

/** An instant as epoch milliseconds (how the contract carries times). */
export function epochMs(t: Instant): number {
  return new Date(t).getTime()
}

export interface Range {
  /** inclusive */
  start: Date
  /** exclusive */
  end: Date
}

export function dayRange(t: Instant = Date.now()): Range {
  const start = shanghai(t).startOf('day')
  return { start: start.toDate(), end: start.add(1, 'day').toDate() }
}

/** Monday 00:00 to next Monday 00:00 in Shanghai (每周活动预告 runs Monday–Sunday). */
export function weekRange(t: Instant = Date.now()): Range {
  const d = shanghai(t).startOf('day')
  const sinceMonday = (d.day() + 6) % 7
  const start = d.subtract(sinceMonday, 'day')
  return { start: start.toDate(), end: start.add(7, 'day').toDate() }
}

export function monthRange(t: Instant = Date.now()): Range {
  const start = shanghai(t).startOf('month')
  return { start: start.toDate(), end: start.add(1, 'month').toDate() }
}

/** The Monday that starts the week `offset` weeks from the week holding `t`, as YYYY-MM-DD. */
export function weekKey(t: Instant = Date.now(), offset = 0): string {
  return shanghai(weekRange(t).start)
    .add(offset * 7, 'day')
    .format('YYYY-MM-DD')
}

/** Parses a Shanghai calendar date (YYYY-MM-DD) to the instant of its midnight. */
export function parseShanghaiDate(ymd: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`)
  const [, y, mo, d] = m
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)) - SHANGHAI_OFFSET_MINUTES * 60_000)
}

export function formatDate(t: Instant): string {
  return shanghai(t).format('YYYY-MM-DD')
}

/** "11月25日 星期二" */
export function formatDayLong(t: Instant): string {
  const d = shanghai(t)
  return `${d.month() + 1}月${d.date()}日 ${WEEKDAYS[d.day()]}`
}

/** "上午9:30", "中午12:00", "下午2:00", "晚上7:30" — how elderly readers say times. */
export function formatClock(t: Instant): string {
  const d = shanghai(t)
  const h = d.hour()
  const part = h < 12 ? '上午' : h === 12 ? '中午' : h < 18 ? '下午' : '晚上'
  const h12 = h % 12 === 0 ? 12 : h % 12
  return `${part}${h < 12 ? h : h12}:${d.format('mm')}`
}

/** "今天", "明天", "昨天" or undefined. */
export function relativeDay(t: Instant, now: Instant = Date.now()): string | undefined {
  const diff = shanghai(t).startOf('day').diff(shanghai(now).startOf('day'), 'day')
  return diff === 0 ? '今天' : diff === 1 ? '明天' : diff === -1 ? '昨天' : undefined
}

/** "11月25日 星期二 上午9:30–11:00" (the end's date is written too when it falls on another day). */
export function formatSpan(start: Instant, end: Instant): string {
  const sameDay = formatDate(start) === formatDate(end)
  const endText = sameDay
    ? formatClock(end).replace(/^(上午|中午|下午|晚上)/, samePart(start, end) ? '' : '$1')
    : `${formatDayLong(end)} ${formatClock(end)}`
  return `${formatDayLong(start)} ${formatClock(start)}–${endText}`
}

function samePart(a: Instant, b: Instant): boolean {
  return formatClock(a).slice(0, 2) === formatClock(b).slice(0, 2)
}
