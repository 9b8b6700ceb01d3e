/**
 * When the monthly practice day (文明实践日) falls and when its notice goes out, in Asia/Shanghai.
 * Pure: every function takes `now`; the cloud function and the timer only ask.
 */
import { parseShanghaiDate, shanghai, type Instant } from '../time'

/** A center's schedule: the day of the month, and how long before it the notice is sent. */
export interface PracticeSchedule {
  /** 1–31; a month without that day uses its last day (31 → 28/29 February, 30 April). */
  day: number
  /** 0–7 days before the practice day */
  sendDaysBefore: number
  /** 'HH:mm', Shanghai wall clock */
  sendAt: string
}

export const DEFAULT_PRACTICE_SCHEDULE: PracticeSchedule = { day: 15, sendDaysBefore: 1, sendAt: '09:00' }

/** One month's practice day. */
export interface PracticeDay {
  /** 'YYYY-MM' */
  month: string
  /** 'YYYY-MM-DD' */
  date: string
  /** 00:00 of that day in Shanghai */
  start: Date
  /** 00:00 of the next day (exclusive) */
  end: Date
}

const MONTH = /^(\d{4})-(\d{2})$/
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/

export function isMonthKey(value: string): boolean {
  const m = MONTH.exec(value)
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

export function isClock(value: string): boolean {
  return CLOCK.test(value)
}

/** 'YYYY-MM' of the instant in Shanghai. */
export function monthKeyOf(t: Instant): string {
  return shanghai(t).format('YYYY-MM')
}

function splitMonth(month: string): [number, number] {
  const m = MONTH.exec(month)
  if (!m || !isMonthKey(month)) throw new RangeError(`not a YYYY-MM month: ${month}`)
  return [Number(m[1]), Number(m[2])]
}

export function addMonths(month: string, n: number): string {
  const [y, m] = splitMonth(month)
  const index = y * 12 + (m - 1) + n
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function daysInMonth(month: string): number {
  const [y, m] = splitMonth(month)
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** The practice day of `month`, the day clamped to the month's last day. */
export function practiceDayOf(month: string, day: number): PracticeDay {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`practice day must be 1–31: ${day}`)
  const date = `${month}-${String(Math.min(day, daysInMonth(month))).padStart(2, '0')}`
  const start = parseShanghaiDate(date)
  return { month, date, start, end: new Date(start.getTime() + 24 * 3600_000) }
}

/** The first practice day that has not ended: today's if today is one, else the next. */
export function comingPracticeDay(now: Instant, day: number): PracticeDay {
  const month = monthKeyOf(now)
  const thisMonth = practiceDayOf(month, day)
  return new Date(now).getTime() < thisMonth.end.getTime()
    ? thisMonth
    : practiceDayOf(addMonths(month, 1), day)
}

/** When the notice for `practiceDay` goes out: `sendDaysBefore` days earlier at `sendAt` (Shanghai). */
export function fireTimeOf(
  practiceDay: PracticeDay,
  schedule: Pick<PracticeSchedule, 'sendDaysBefore' | 'sendAt'>,
): Date {
  const m = CLOCK.exec(schedule.sendAt)
  if (!m) throw new RangeError(`sendAt must be HH:mm: ${schedule.sendAt}`)
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return new Date(practiceDay.start.getTime() + (minutes - schedule.sendDaysBefore * 24 * 60) * 60_000)
}

/** The next notice to send: which month, and when. */
export interface PlannedNotice {
  month: string
  practiceDay: PracticeDay
  fireAt: Date
}

export function planNotice(month: string, schedule: PracticeSchedule): PlannedNotice {
  const practiceDay = practiceDayOf(month, schedule.day)
  return { month, practiceDay, fireAt: fireTimeOf(practiceDay, schedule) }
}

/**
 * The next notice to send from `now`: the coming practice day's, unless that month's notice was already
 * sent (`lastSentMonth`), then the following month's. A fire time already past means "due now": a
 * schedule saved after 09:00 the day before still gets its notice out before the day.
 */
export function nextNotice(
  now: Instant,
  schedule: PracticeSchedule,
  lastSentMonth: string | null,
): PlannedNotice {
  let month = comingPracticeDay(now, schedule.day).month
  if (lastSentMonth !== null && lastSentMonth >= month) month = addMonths(lastSentMonth, 1)
  return planNotice(month, schedule)
}

/** What the timer does with a planned notice whose fire time has come. */
export type TickDecision =
  | { action: 'wait' }
  | { action: 'start'; month: string }
  /** the practice day is over and nothing was sent (e.g. the service was down): move on */
  | { action: 'skip'; month: string }

export function decideTick(now: Instant, planned: PlannedNotice): TickDecision {
  const t = new Date(now).getTime()
  if (t < planned.fireAt.getTime()) return { action: 'wait' }
  if (t >= planned.practiceDay.end.getTime()) return { action: 'skip', month: planned.month }
  return { action: 'start', month: planned.month }
}
