/** The text of 朗读 (read-aloud) for an activity: whole sentences, times and phone numbers as spoken. */
import type { Activity } from '../domain'
import { formatDate, formatDayLong, relativeDay, shanghai, type Instant } from '../time'
import { placesLeft, phaseWord, type PhaseInput } from './status'

/** "上午9点30分", "中午12点", "下午2点", "晚上7点半" is avoided: speech engines say digits reliably, not 半. */
export function spokenClock(t: Instant): string {
  const d = shanghai(t)
  const h = d.hour()
  const part = h < 12 ? '上午' : h === 12 ? '中午' : h < 18 ? '下午' : '晚上'
  const h12 = h <= 12 ? h : h - 12
  const m = d.minute()
  return `${part}${h12}点${m === 0 ? '' : `${m}分`}`
}

/** Digits one by one, groups separated by pauses: "0 5 3 6，7 2 1 1 0 0 1". */
export function spokenPhone(phone: string): string {
  return phone
    .split('-')
    .map((group) => group.split('').join(' '))
    .join('，')
}

export function spokenSpan(start: Instant, end: Instant, now: Instant): string {
  const rel = relativeDay(start, now)
  const day = `${rel ? `${rel}，` : ''}${formatDayLong(start)}`
  const endText =
    formatDate(start) === formatDate(end) ? spokenClock(end) : `${formatDayLong(end)}${spokenClock(end)}`
  return `${day}${spokenClock(start)}到${endText}`
}

export type ReadAloudInput = PhaseInput &
  Pick<Activity, 'title' | 'category' | 'place' | 'unitName' | 'description' | 'contactPhone'>

export function readAloudText(a: ReadAloudInput, now: Instant): string {
  const parts = [
    `${a.title}。`,
    `类别：${a.category}。`,
    `时间：${spokenSpan(a.start, a.end, now)}。`,
    `地点：${a.place}，${a.unitName}。`,
    `状态：${phaseWord(a, now)}。`,
  ]
  if (a.status === 'published' && a.registrationRequired && a.capacity !== null) {
    const left = placesLeft(a)
    parts.push(left > 0 ? `需要报名，还剩${left}个名额。` : '需要报名，名额已经满了。')
  }
  if (a.description.trim()) parts.push(`活动介绍：${a.description.trim()}`.replace(/([^。！？.!?])$/, '$1。'))
  parts.push(`咨询电话：${spokenPhone(a.contactPhone)}。`)
  return parts.join('')
}
