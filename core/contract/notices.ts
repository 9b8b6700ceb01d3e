import type { FailureReason, JobKind, JobState } from '../notices/job'
import { isClock, isMonthKey } from '../notices/schedule'
import { NOTICE_SOURCES, type NoticeTemplate, type TemplateKind } from '../notices/template'
import * as z from 'zod'
import { action, fields } from './define'

/** The monthly practice day (文明实践日) notice. Times travel as epoch milliseconds. */

export interface MonthTheme {
  /** 'YYYY-MM' */
  month: string
  theme: string
}

export interface PracticeDayInfo {
  /** 'YYYY-MM' */
  month: string
  /** 'YYYY-MM-DD' */
  date: string
  /** 月主题, null when the center has not set one */
  theme: string | null
  /** when the notice goes out */
  fireAt: number
}

export interface NoticeSettingsView {
  centerId: string
  centerName: string
  /** 1–31; months without that day use their last day */
  day: number
  sendDaysBefore: number
  /** 'HH:mm' */
  sendAt: string
  /** 'HH:mm': the start shown in a notice when the subscriber's station holds no practice-day activity */
  defaultStartTime: string
  themes: MonthTheme[]
  template: NoticeTemplate
  /** messages per second a job may send */
  ratePerSecond: number
  /** sends in flight at once within one run */
  concurrency: number
  /** the next notice to go out */
  next: PracticeDayInfo
  /** false until a manager saves (defaults shown) */
  saved: boolean
  updatedAt: number | null
}

export interface PracticeActivity {
  _id: string
  title: string
  unitId: string
  unitName: string
  place: string
  start: number
  end: number
}

export interface UpcomingPracticeDay extends PracticeDayInfo {
  centerId: string
  centerName: string
  /** the practice day's activities in the center (or the station given), earliest first */
  activities: PracticeActivity[]
}

export interface MySubscription {
  centerId: string
  centerName: string
  /** what wx.requestSubscribeMessage must ask for */
  templateId: string
  templateKind: TemplateKind
  /** the station whose practice-day activities the notice names, if the subscriber picked one */
  stationId: string | null
  stationName: string | null
  /** messages WeChat allows us to send (one per accept, one-time templates) as we recorded them */
  credits: number
  /** credits > 0: the button says 已订阅<remindMonth>月文明实践日提醒 */
  subscribed: boolean
  /** 'YYYY-MM' of the last practice-day notice this subscriber received */
  lastSentMonth: string | null
  /** the coming practice day (still tomorrow's after its notice went out) */
  next: PracticeDayInfo
  /** 'YYYY-MM': the practice day whose notice a credit held now is spent on (the next not yet sent) */
  remindMonth: string
}

export interface NoticeJobView {
  _id: string
  kind: JobKind
  centerId: string
  stationId: string | null
  /** 'YYYY-MM' for a practice-day job */
  month: string | null
  title: string
  state: JobState
  /** why a halted job stopped, in Chinese, naming the field WeChat refused */
  haltMessage: string | null
  total: number
  sent: number
  failed: Record<FailureReason, number>
  failedTotal: number
  remaining: number
  createdAt: number
  updatedAt: number
  finishedAt: number | null
}

const CENTER = fields.id('实践中心')
const STATION = fields.id('实践站')

const templateSchema = z.object({
  id: z
    .string({ error: '请填写模板 ID' })
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      '模板 ID 只含字母、数字、下划线和连字符，从公众平台「订阅消息 → 我的模板」复制',
    ),
  kind: z.enum(['oneTime', 'longTerm'], { error: '请选择一次性订阅或长期订阅' }),
  page: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/, '跳转页面写成 pages/index/index 的形式，不带开头的斜杠'),
  fields: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z_]+\d{1,2}$/, '关键词写成 thing1、time2 的形式'),
        source: z.enum(NOTICE_SOURCES, { error: '请选择要填入的内容' }),
      }),
    )
    .min(1, '至少填一个关键词')
    .max(5, '订阅消息最多 5 个关键词'),
})

const clock = (label: string) => z.string().refine(isClock, `${label}写成 09:00 的形式（24 小时制）`)

export const notices = {
  /** A center's practice-day settings, with defaults when none are saved (managers of the center or below). */
  getSettings: action<NoticeSettingsView>()({
    input: z.object({ centerId: CENTER.optional() }).default({}),
    roles: ['manager'],
  }),
  /** Practice day, themes, template and send rate (managers of the center). */
  setSettings: action<NoticeSettingsView>()({
    input: z.object({
      centerId: CENTER,
      day: z
        .number()
        .int('日期应为整数')
        .min(1, '实践日在每月 1–31 日之间')
        .max(31, '实践日在每月 1–31 日之间'),
      sendDaysBefore: z.number().int().min(0, '提前天数在 0–7 之间').max(7, '提前天数在 0–7 之间').default(1),
      sendAt: clock('发送时间').default('09:00'),
      defaultStartTime: clock('活动开始时间').default('09:00'),
      themes: z
        .array(
          z.object({
            month: z.string().refine(isMonthKey, '月份写成 2025-11 的形式'),
            theme: z.string().trim().max(40, '主题不能超过 40 个字'),
          }),
        )
        .max(12, '一次最多设置 12 个月的主题')
        .default([]),
      template: templateSchema.optional(),
      ratePerSecond: z
        .number()
        .int()
        .min(1, '发送速度至少每秒 1 条')
        .max(2000, '发送速度最多每秒 2000 条')
        .optional(),
      concurrency: z.number().int().min(1, '并发至少 1').max(100, '并发最多 100').optional(),
    }),
    roles: ['manager'],
  }),
  /**
   * Records one accept of wx.requestSubscribeMessage as one credit (one-time subscription: one message),
   * and the station the subscriber picked.
   */
  subscribe: action<MySubscription>()({
    input: z.object({
      templateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板 ID 格式不对'),
      stationId: STATION.optional(),
    }),
    roles: ['resident'],
  }),
  /** What the subscribe button shows: the caller's credits for the practice-day template. */
  mySubscription: action<MySubscription>()({
    input: z.object({ stationId: STATION.optional() }).default({}),
    roles: ['resident'],
  }),
  /** The coming practice day and its activities. */
  upcoming: action<UpcomingPracticeDay>()({
    input: z.object({ centerId: CENTER.optional(), stationId: STATION.optional() }).default({}),
    roles: ['resident'],
  }),
  /** Recent notice jobs of the units the caller manages: counts by outcome. */
  jobStatus: action<{ jobs: NoticeJobView[] }>()({
    input: z
      .object({
        centerId: CENTER.optional(),
        jobId: z.string().max(160).optional(),
        limit: fields.limit(20, 5),
      })
      .default({ limit: 5 }),
    roles: ['manager'],
  }),
  /** An ad-hoc notice to one station's subscribers, through the same fan-out (managers of the station). */
  startAdhoc: action<NoticeJobView>()({
    input: z.object({
      stationId: STATION,
      theme: fields.text('通知主题', 20),
      start: z.number({ error: '请选择时间' }).int(),
      end: z.number().int().optional(),
      place: fields.text('地点', 40).optional(),
      note: fields.text('备注', 40).optional(),
      /** the client's id for this submission: a repeated tap does not start a second job */
      requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, '请求编号格式不对'),
    }),
    roles: ['manager'],
  }),
  /** Restarts a job halted by a data or configuration error, once the settings are fixed. */
  resumeJob: action<NoticeJobView>()({
    input: z.object({ jobId: z.string().min(1).max(160) }),
    roles: ['manager'],
  }),
}
