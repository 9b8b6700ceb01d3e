/**
 * What registrants are told when an activity is cancelled or its time or place changes: the inbox text
 * (dates written out as elderly readers read them) and the values of the 活动变更提醒 subscribe message.
 */
import type { NoticeTemplate, NoticeValues } from '../notices/template'
import { formatSpan, type Instant } from '../time'

/** The name of the template's configuration document (collection notify_templates). */
export const ACTIVITY_CHANGE_TEMPLATE_NAME = 'activityChange'

/**
 * The documented default 活动变更提醒 template: thing1 活动名称, time2 活动时间, thing3 活动地点,
 * thing4 变更内容. The id is a placeholder the local cloud accepts; an operator stores the real id and
 * mapping in notify_templates/activityChange (docs/notify.md).
 */
export const DEFAULT_ACTIVITY_CHANGE_TEMPLATE: NoticeTemplate = {
  id: 'ACTIVITY_CHANGE_TEMPLATE',
  kind: 'oneTime',
  page: 'pages/activity/index',
  fields: [
    { key: 'thing1', source: 'title' },
    { key: 'time2', source: 'time' },
    { key: 'thing3', source: 'place' },
    { key: 'thing4', source: 'note' },
  ],
}

export interface NoticeActivity {
  _id: string
  title: string
  place: string
  start: Instant
  end: Instant
  unitName: string
  contactPhone: string
}

export interface ActivityMessage {
  title: string
  body: string
  values: NoticeValues
}

const ms = (t: Instant): number => new Date(t).getTime()

function valuesOf(a: NoticeActivity, note: string): NoticeValues {
  return {
    theme: a.title,
    title: a.title,
    time: { start: new Date(a.start), end: new Date(a.end) },
    place: a.place,
    note,
    center: '',
    station: a.unitName,
    phone: a.contactPhone,
  }
}

const callLine = (phone: string): string => (phone ? `如有疑问，请致电 ${phone}。` : '')

export function cancelMessage(a: NoticeActivity, reason: string): ActivityMessage {
  return {
    title: `活动取消：${a.title}`,
    body:
      `您报名的「${a.title}」（${formatSpan(a.start, a.end)}，${a.place}）已取消。` +
      `原因：${reason}。${callLine(a.contactPhone)}`,
    values: valuesOf(a, `已取消：${reason}`),
  }
}

/** The message for a change of time or place; undefined when neither changed. */
export function changeMessage(before: NoticeActivity, after: NoticeActivity): ActivityMessage | undefined {
  const timeChanged = ms(before.start) !== ms(after.start) || ms(before.end) !== ms(after.end)
  const placeChanged = before.place.trim() !== after.place.trim()
  if (!timeChanged && !placeChanged) return undefined
  const parts: string[] = []
  if (timeChanged)
    parts.push(`时间由 ${formatSpan(before.start, before.end)} 改为 ${formatSpan(after.start, after.end)}`)
  if (placeChanged) parts.push(`地点由「${before.place}」改为「${after.place}」`)
  const what = timeChanged && placeChanged ? '时间和地点' : timeChanged ? '时间' : '地点'
  return {
    title: `活动${what}变更：${after.title}`,
    body: `您报名的「${after.title}」${parts.join('；')}。${callLine(after.contactPhone)}`,
    values: valuesOf(after, `${what}已变更，请留意`),
  }
}
