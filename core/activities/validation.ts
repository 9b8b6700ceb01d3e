/**
 * The rules an activity must meet, as pure functions: the contract's schema and the publish form both
 * use them, so a person sees the same Chinese message whichever side catches the problem.
 */
import { ACTIVITY_CATEGORIES, type Activity, type ActivityCategory } from '../domain'

export const ACTIVITY_LIMITS = {
  titleMin: 2,
  titleMax: 40,
  descriptionMax: 1000,
  placeMin: 2,
  placeMax: 60,
  themeMax: 30,
  capacityMax: 5000,
  volunteerSlotsMax: 500,
  cancelReasonMin: 2,
  cancelReasonMax: 100,
  /** longer events (an exhibition) are published as several activities */
  maxDurationDays: 7,
  /** how far ahead an activity may be published (年有计划: a year) */
  maxDaysAhead: 366,
  /** base64 of a ~90 KB cover sent inline: keeps the callFunction payload small (platform-facts: ~100 KB) */
  coverBase64Max: 122_880,
} as const

/** Mobile (11 digits), landline with area code and optional extension, or a 400 number. */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/

/** What a manager fills in to publish or edit an activity (times as epoch milliseconds). */
export interface ActivityDraft {
  title: string
  category: ActivityCategory
  description: string
  place: string
  start: number
  end: number
  registrationRequired: boolean
  capacity: number | null
  volunteerSlots: number
  theme: string | null
  practiceDay: boolean
  /** 属于本月主题 (the plan's month theme); absent: no */
  inMonthTheme?: boolean
  coverFileId: string | null
  contactPhone: string
}

export type FieldProblems = Partial<Record<keyof ActivityDraft | 'cancelReason', string>>

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function textLength(s: string): number {
  return [...s].length
}

function lengthProblem(label: string, value: string, min: number, max: number): string | undefined {
  const n = textLength(value.trim())
  if (n === 0 && min > 0) return `请填写${label}`
  if (n < min) return `${label}至少 ${min} 个字`
  if (n > max) return `${label}不能超过 ${max} 个字`
  return undefined
}

/** Every rule that does not depend on the clock; empty when the draft is fine. */
export function draftProblems(d: ActivityDraft): FieldProblems {
  const L = ACTIVITY_LIMITS
  const p: FieldProblems = {}
  const set = (field: keyof FieldProblems, problem: string | undefined) => {
    if (problem && !p[field]) p[field] = problem
  }
  set('title', lengthProblem('活动名称', d.title, L.titleMin, L.titleMax))
  if (!(ACTIVITY_CATEGORIES as readonly string[]).includes(d.category)) set('category', '请选择活动类别')
  set('description', lengthProblem('活动介绍', d.description, 1, L.descriptionMax))
  set('place', lengthProblem('活动地点', d.place, L.placeMin, L.placeMax))
  if (d.theme !== null) set('theme', lengthProblem('月主题', d.theme, 0, L.themeMax))

  if (!Number.isFinite(d.start)) set('start', '请选择开始时间')
  if (!Number.isFinite(d.end)) set('end', '请选择结束时间')
  else if (d.end <= d.start) set('end', '结束时间应晚于开始时间')
  else if (d.end - d.start > L.maxDurationDays * 86_400_000) {
    set('end', `活动最长 ${L.maxDurationDays} 天，更长的请分成几场发布`)
  }

  if (d.registrationRequired) {
    if (d.capacity === null) set('capacity', '需要报名的活动请填写人数上限')
    else if (!Number.isInteger(d.capacity) || d.capacity < 1) set('capacity', '人数上限至少为 1')
    else if (d.capacity > L.capacityMax) set('capacity', `人数上限最多 ${L.capacityMax}`)
  }
  if (!Number.isInteger(d.volunteerSlots) || d.volunteerSlots < 0 || d.volunteerSlots > L.volunteerSlotsMax) {
    set('volunteerSlots', `志愿者名额应为 0 到 ${L.volunteerSlotsMax} 之间的整数`)
  }
  const phone = d.contactPhone.trim()
  if (!phone) set('contactPhone', '请填写联系电话')
  else if (!PHONE_PATTERN.test(phone))
    set('contactPhone', '联系电话格式不对，例如 0536-7211001 或 13800000000')
  return p
}

/**
 * The rules that need the clock: a new start must lie ahead (an unchanged start of an existing activity
 * may have passed) and not absurdly far ahead.
 */
export function timeProblems(
  d: Pick<ActivityDraft, 'start'>,
  now: Date | number,
  previousStart?: Date | number,
): FieldProblems {
  const t = new Date(now).getTime()
  if (previousStart !== undefined && new Date(previousStart).getTime() === d.start) return {}
  if (d.start < t) return { start: '开始时间已经过去，请选择以后的时间' }
  if (d.start > t + ACTIVITY_LIMITS.maxDaysAhead * 86_400_000)
    return { start: '开始时间太远了，最多提前一年发布' }
  return {}
}

export function cancelReasonProblem(reason: string): string | undefined {
  return lengthProblem('取消原因', reason, ACTIVITY_LIMITS.cancelReasonMin, ACTIVITY_LIMITS.cancelReasonMax)
}

/** Rules that depend on what is already recorded (registrations made so far). */
export function editProblems(
  d: Pick<ActivityDraft, 'registrationRequired' | 'capacity'>,
  current: Pick<Activity, 'registeredCount'>,
): FieldProblems {
  if (current.registeredCount === 0) return {}
  if (!d.registrationRequired) {
    return { registrationRequired: `已有 ${current.registeredCount} 人报名，不能改为无需报名` }
  }
  if (d.capacity !== null && d.capacity < current.registeredCount) {
    return { capacity: `已有 ${current.registeredCount} 人报名，人数上限不能少于 ${current.registeredCount}` }
  }
  return {}
}

/** The text a content check (msgSecCheck) looks at. */
export function checkedText(d: Pick<ActivityDraft, 'title' | 'description' | 'place' | 'theme'>): string {
  return [d.title, d.theme ?? '', d.place, d.description].filter(Boolean).join('\n')
}
