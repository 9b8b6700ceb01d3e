/** The notices manager page's forms and wording, as plain functions (tested in model.test.ts). */
import type { NoticeJobView, NoticeSettingsView } from '@core/contract'
import { adhocTimeProblem, FAILURE_REASON_LABELS, FAILURE_REASONS, type JobState } from '@core/notices/job'
import { addMonths, isClock } from '@core/notices/schedule'
import {
  NOTICE_SOURCE_LABELS,
  NOTICE_SOURCES,
  type NoticeSource,
  type TemplateKind,
} from '@core/notices/template'
import { formatClock, formatDayLong, parseShanghaiDate } from '@core/time'

export interface SettingsForm {
  day: string
  sendDaysBefore: string
  sendAt: string
  defaultStartTime: string
  /** the coming practice day's month and the one after */
  themeMonths: [string, string]
  themes: [string, string]
  templateId: string
  templateKind: TemplateKind
  page: string
  fields: { key: string; source: NoticeSource }[]
}

export type FormErrors = Record<string, string>

export function settingsForm(s: NoticeSettingsView): SettingsForm {
  const months: [string, string] = [s.next.month, addMonths(s.next.month, 1)]
  const themeOf = (m: string) => s.themes.find((t) => t.month === m)?.theme ?? ''
  return {
    day: String(s.day),
    sendDaysBefore: String(s.sendDaysBefore),
    sendAt: s.sendAt,
    defaultStartTime: s.defaultStartTime,
    themeMonths: months,
    themes: [themeOf(months[0]), themeOf(months[1])],
    templateId: s.template.id,
    templateKind: s.template.kind,
    page: s.template.page,
    fields: s.template.fields.map((f) => ({ ...f })),
  }
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(text.trim())) return undefined
  const n = Number(text.trim())
  return n >= min && n <= max ? n : undefined
}

/** The setSettings input, or the problems in words (keyed by form field). */
export function settingsInput(centerId: string, f: SettingsForm) {
  const errors: FormErrors = {}
  const day = wholeNumber(f.day, 1, 31)
  if (day === undefined) errors.day = '实践日填 1 到 31 之间的数字（没有这一天的月份用月末最后一天）'
  const before = wholeNumber(f.sendDaysBefore, 0, 7)
  if (before === undefined) errors.sendDaysBefore = '提前天数填 0 到 7 之间的数字'
  if (!isClock(f.sendAt)) errors.sendAt = '发送时间写成 09:00 的形式（24 小时制）'
  if (!isClock(f.defaultStartTime)) errors.defaultStartTime = '开始时间写成 09:00 的形式（24 小时制）'
  f.themes.forEach((t, i) => {
    if ([...t.trim()].length > 40) errors[`theme${i}`] = '主题不能超过 40 个字'
  })
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(f.templateId.trim())) {
    errors.templateId = '模板 ID 只含字母、数字、下划线和连字符，从公众平台「订阅消息 → 我的模板」复制'
  }
  f.fields.forEach((field, i) => {
    if (!/^[a-z_]+\d{1,2}$/.test(field.key.trim())) errors[`field${i}`] = '关键词写成 thing1、time2 的形式'
  })
  if (Object.keys(errors).length > 0 || day === undefined || before === undefined) return { errors }
  return {
    errors,
    input: {
      centerId,
      day,
      sendDaysBefore: before,
      sendAt: f.sendAt,
      defaultStartTime: f.defaultStartTime,
      themes: f.themeMonths.map((month, i) => ({ month, theme: f.themes[i]!.trim() })),
      template: {
        id: f.templateId.trim(),
        kind: f.templateKind,
        page: f.page.trim(),
        fields: f.fields.map((x) => ({ key: x.key.trim(), source: x.source })),
      },
    },
  }
}

export const SOURCE_OPTIONS = NOTICE_SOURCES.map((s) => ({ value: s, label: NOTICE_SOURCE_LABELS[s] }))

export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`
}

/** "11月15日 星期日" */
export function dayText(date: string): string {
  return formatDayLong(parseShanghaiDate(date))
}

/** "11月14日 星期六 上午9:00" */
export function whenText(epochMs: number): string {
  return `${formatDayLong(epochMs)} ${formatClock(epochMs)}`
}

export const JOB_STATE_LABELS: Record<JobState, string> = {
  running: '正在发送',
  completed: '已发送完',
  halted: '已暂停',
}

/** A job's counts in words: nothing is told by colour alone. */
export function jobLines(job: NoticeJobView): string[] {
  const lines = [
    `应发 ${job.total} 人：已送达 ${job.sent} 人，未送达 ${job.failedTotal} 人，待发送 ${job.remaining} 人`,
  ]
  for (const reason of FAILURE_REASONS) {
    const n = job.failed[reason]
    if (n > 0) lines.push(`未送达原因「${FAILURE_REASON_LABELS[reason]}」：${n} 人`)
  }
  return lines
}

export function jobTitle(job: NoticeJobView): string {
  const what =
    job.kind === 'practiceDay' ? `${job.month ? monthLabel(job.month) : ''}文明实践日提醒` : '临时通知'
  return `${what}：${job.title}（${JOB_STATE_LABELS[job.state]}）`
}

export interface AdhocForm {
  stationId: string
  theme: string
  date: string
  time: string
  place: string
  note: string
}

/** The startAdhoc input, or the problems in words. `requestId` makes a repeated tap one notice. */
export function adhocInput(f: AdhocForm, requestId: string, now: number) {
  const errors: FormErrors = {}
  if (!f.stationId) errors.stationId = '请选择实践站'
  const theme = f.theme.trim()
  if (!theme) errors.theme = '请填写通知主题'
  else if ([...theme].length > 20) errors.theme = '通知主题不能超过 20 个字（微信提醒的限制）'
  let start: number | undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) errors.date = '请选择日期'
  else if (!isClock(f.time)) errors.time = '时间写成 09:00 的形式（24 小时制）'
  else {
    const [h, m] = f.time.split(':').map(Number)
    start = parseShanghaiDate(f.date).getTime() + (h! * 60 + m!) * 60_000
    // the server's rule, checked here first so the form says it before anything is sent
    const problem = adhocTimeProblem(start, null, now)
    if (problem) errors.date = problem.message
  }
  if ([...f.place.trim()].length > 40) errors.place = '地点不能超过 40 个字'
  if ([...f.note.trim()].length > 40) errors.note = '备注不能超过 40 个字'
  if (Object.keys(errors).length > 0 || start === undefined) return { errors }
  return {
    errors,
    input: {
      stationId: f.stationId,
      theme,
      start,
      ...(f.place.trim() ? { place: f.place.trim() } : {}),
      ...(f.note.trim() ? { note: f.note.trim() } : {}),
      requestId,
    },
  }
}

/** A fresh id for one ad-hoc submission (not secret: it only de-duplicates repeated taps). */
export function newRequestId(random: () => number = Math.random): string {
  return Array.from({ length: 16 }, () => Math.floor(random() * 36).toString(36)).join('')
}
