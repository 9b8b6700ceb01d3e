/** The publish form as the person fills it (strings, date and time apart) and as the contract wants it. */
import type { EditableActivity } from '@core/contract'
import type { ActivityCategory } from '@core/domain'
import { atShanghai, dateTimeFields } from '@core/activities/form'
import type { ActivityDraft, FieldProblems } from '@core/activities/validation'

export interface ActivityForm {
  unitId: string
  title: string
  category: ActivityCategory
  description: string
  place: string
  date: string
  startTime: string
  endDate: string
  endTime: string
  registrationRequired: boolean
  capacity: string
  volunteerSlots: string
  theme: string
  practiceDay: boolean
  /** 属于本月主题 (sent only when the month's plan has a theme) */
  inMonthTheme: boolean
  coverFileId: string | null
  /** a URL to show the chosen cover (not sent) */
  coverPreview: string | null
  contactPhone: string
}

export type FormField = keyof ActivityForm
export type FormErrors = Partial<Record<FormField, string>>

/** A new activity: tomorrow 9:30–11:00 by default, at the first unit offered. */
export function emptyForm(unit: { _id: string; phone: string } | undefined, now: number): ActivityForm {
  const tomorrow = dateTimeFields(now + 86_400_000).date
  return {
    unitId: unit?._id ?? '',
    title: '',
    category: '理论宣讲',
    description: '',
    place: '',
    date: tomorrow,
    startTime: '09:30',
    endDate: tomorrow,
    endTime: '11:00',
    registrationRequired: false,
    capacity: '',
    volunteerSlots: '0',
    theme: '',
    practiceDay: false,
    inMonthTheme: true,
    coverFileId: null,
    coverPreview: null,
    contactPhone: unit?.phone ?? '',
  }
}

export function formOf(a: EditableActivity): ActivityForm {
  const start = dateTimeFields(a.start)
  const end = dateTimeFields(a.end)
  return {
    unitId: a.unitId,
    title: a.title,
    category: a.category,
    description: a.description,
    place: a.place,
    date: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    registrationRequired: a.registrationRequired,
    capacity: a.capacity === null ? '' : String(a.capacity),
    volunteerSlots: String(a.volunteerSlots),
    theme: a.theme ?? '',
    practiceDay: a.practiceDay,
    inMonthTheme: a.inMonthTheme ?? false,
    coverFileId: a.coverFileId,
    coverPreview: null,
    contactPhone: a.contactPhone,
  }
}

function instant(date: string, time: string): number {
  try {
    return atShanghai(date, time)
  } catch {
    return Number.NaN
  }
}

/** A number typed in a box: '' is none, anything not a whole number stays NaN for the rules to word. */
function count(text: string): number | null {
  const t = text.trim()
  if (t === '') return null
  return /^\d+$/.test(t) ? Number(t) : Number.NaN
}

export function draftOf(form: ActivityForm): ActivityDraft {
  return {
    title: form.title.trim(),
    category: form.category,
    description: form.description.trim(),
    place: form.place.trim(),
    start: instant(form.date, form.startTime),
    end: instant(form.endDate, form.endTime),
    registrationRequired: form.registrationRequired,
    capacity: form.registrationRequired ? count(form.capacity) : null,
    volunteerSlots: count(form.volunteerSlots) ?? 0,
    theme: form.theme.trim() || null,
    practiceDay: form.practiceDay,
    inMonthTheme: form.inMonthTheme,
    coverFileId: form.coverFileId,
    contactPhone: form.contactPhone.trim(),
  }
}

/** The draft's (or the server's) problems, placed on the boxes the person filled. */
export function formErrors(problems: FieldProblems | Record<string, string>): FormErrors {
  const placed: Record<string, FormField> = { start: 'startTime', end: 'endTime' }
  const errors: FormErrors = {}
  for (const [field, message] of Object.entries(problems)) {
    if (!message) continue
    const target = placed[field] ?? (field as FormField)
    errors[target] ??= message
  }
  return errors
}
