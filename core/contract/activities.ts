import { ACTIVITY_CATEGORIES, type Activity, type ActivityCategory, type UnitLevel } from '../domain'
import {
  ACTIVITY_LIMITS,
  draftProblems,
  cancelReasonProblem,
  type ActivityDraft,
} from '../activities/validation'
import { NEARBY_DEFAULT_RADIUS_M, NEARBY_MAX_RADIUS_M } from './nearby'
import * as z from 'zod'
import { action, fields } from './define'

/** At most this many activities in one weekly list (a station holds a handful a week). */
export const WEEK_LIST_MAX = 300
/** The 15-minute circle's activities come from at most this many nearby stations and points. */
export const NEARBY_UNITS_MAX = 20

/** One line of the weekly list: only what the list shows (times as epoch milliseconds). */
export interface ActivityListItem {
  _id: string
  title: string
  category: ActivityCategory
  unitId: string
  unitName: string
  place: string
  start: number
  end: number
  status: Activity['status']
  registrationRequired: boolean
  capacity: number | null
  registeredCount: number
  practiceDay: boolean
}

export interface WeekInfo {
  /** the Monday, YYYY-MM-DD (Asia/Shanghai) */
  start: string
  prev: string
  next: string
}

export type WeekScope =
  | { kind: 'unit'; unitId: string; name: string; level: UnitLevel; phone: string }
  | { kind: 'nearby'; radiusMeters: number; stations: Array<{ _id: string; name: string }> }

export interface WeekList {
  week: WeekInfo
  scope: WeekScope
  items: ActivityListItem[]
  /** more than WEEK_LIST_MAX activities matched; the first ones by start time are shown */
  truncated: boolean
  serverNow: number
}

export interface ActivityDetail extends ActivityListItem {
  description: string
  theme: string | null
  volunteerSlots: number
  coverFileId: string | null
  /** an https URL for the cover (cloud storage temporary URL), when there is one */
  coverUrl: string | null
  contactPhone: string
  cancelReason: string | null
  unitAddress: string
  unitPhone: string
}

export interface ActivityDetailAnswer {
  activity: ActivityDetail
  /** the caller holds a registration */
  registered: boolean
  /** the 活动变更提醒 template to ask for inside the 报名 tap (configuration: notify_templates) */
  changeTemplateId: string
  /** the caller manages the activity's unit (shows 编辑) */
  canManage: boolean
  serverNow: number
}

export interface RegistrationAnswer {
  registered: boolean
  registeredCount: number
  capacity: number | null
  /** nothing changed: the caller was already (un)registered */
  unchanged: boolean
}

export interface MyActivity {
  activity: ActivityListItem
  registeredAt: number
  /** the reason, when the activity was cancelled */
  cancelReason: string | null
}

/** How the registrants of an activity were told of its last cancellation or change. */
export interface ToldSummary {
  eventId: string
  kind: 'activityCancelled' | 'activityChanged'
  /** registrants to tell */
  toTell: number
  /** told so far (each has it in 我的消息) */
  told: number
  /** of those, also by WeChat subscribe message */
  byMessage: number
  /** of those, in 我的消息 only (no credit for the template) */
  inboxOnly: number
  /** false while some are still to be told (the function carries on by itself) */
  done: boolean
  at: number
}

export interface ManagedActivity extends ActivityListItem {
  volunteerSlots: number
  attendedCount: number
  told: ToldSummary | null
}

/** One line of the registrants list (签到表): for managers of the activity's unit or above. */
export interface Registrant {
  name: string | null
  phone: string | null
  registeredAt: number
}

export interface ManagedUnit {
  _id: string
  name: string
  level: UnitLevel
  phone: string
}

/** An activity as the edit form shows it. */
export interface EditableActivity extends ActivityDraft {
  _id: string
  unitId: string
  unitName: string
  status: Activity['status']
  registeredCount: number
}

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

const anyText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .max(ACTIVITY_LIMITS.descriptionMax * 4, `${label}太长了`)
    .transform((s) => s.trim())

/** The publish/edit form. Field rules live in core/activities/validation (one set of messages). */
const draftShape = {
  title: anyText('活动名称'),
  category: z.enum(ACTIVITY_CATEGORIES, { error: '请选择活动类别' }),
  description: anyText('活动介绍'),
  place: anyText('活动地点'),
  start: z.number({ error: '请选择开始时间' }).int('请选择开始时间'),
  end: z.number({ error: '请选择结束时间' }).int('请选择结束时间'),
  registrationRequired: z.boolean({ error: '请选择是否需要报名' }).default(false),
  capacity: z.number({ error: '人数上限应为数字' }).nullable().default(null),
  volunteerSlots: z.number({ error: '志愿者名额应为数字' }).default(0),
  theme: anyText('月主题')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
  practiceDay: z.boolean().default(false),
  inMonthTheme: z.boolean().default(false),
  coverFileId: z
    .string()
    .max(300, '封面图片地址太长')
    .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s?#]+$/, '封面只能用上传到本小程序云存储的图片')
    .nullable()
    .default(null),
  contactPhone: anyText('联系电话'),
}

function withDraftRules<S extends z.ZodObject>(schema: S) {
  return schema.superRefine((value, ctx) => {
    const problems = draftProblems(value as unknown as ActivityDraft)
    for (const [path, message] of Object.entries(problems))
      ctx.addIssue({ code: 'custom', path: [path], message })
  })
}

export const activities = {
  /** 每周活动预告 for a unit (with its subtree) or the 15-minute circle around a point. */
  listWeek: action<WeekList>()({
    input: z.object({
      scope: z.discriminatedUnion(
        'kind',
        [
          z.object({ kind: z.literal('unit'), unitId: fields.id('站点编号') }),
          z.object({
            kind: z.literal('nearby'),
            latitude: fields.latitude(),
            longitude: fields.longitude(),
            radiusMeters: z
              .number()
              .min(100, '范围至少 100 米')
              .max(NEARBY_MAX_RADIUS_M, `范围最多 ${NEARBY_MAX_RADIUS_M} 米`)
              .default(NEARBY_DEFAULT_RADIUS_M),
          }),
        ],
        { error: '请选择站点或附近' },
      ),
      /** any day of the wanted week; this week when absent */
      week: ymd.optional(),
    }),
    roles: ['resident'],
  }),
  get: action<ActivityDetailAnswer>()({
    input: z.object({ id: fields.id('活动编号') }),
    roles: ['resident'],
  }),
  /** 报名: idempotent, one per person, capacity enforced atomically. */
  register: action<RegistrationAnswer>()({
    input: z.object({
      id: fields.id('活动编号'),
      /** template ids the person accepted in the same tap (wx.requestSubscribeMessage): one credit each */
      accepted: z.array(fields.id('模板编号')).max(3, '一次最多 3 个提醒').default([]),
    }),
    roles: ['resident'],
  }),
  /** 取消报名 */
  withdraw: action<RegistrationAnswer>()({
    input: z.object({ id: fields.id('活动编号') }),
    roles: ['resident'],
  }),
  /** 我的活动: what I registered for, coming ones first. */
  mine: action<{
    upcoming: MyActivity[]
    cancelled: MyActivity[]
    past: MyActivity[]
    serverNow: number
  }>()({
    input: z.object({}).default({}),
    roles: ['resident'],
  }),
  /** A manager's activities of one week, with registration counts. */
  managed: action<{ week: WeekInfo; items: ManagedActivity[]; truncated: boolean; serverNow: number }>()({
    input: z.object({ week: ymd.optional(), unitId: fields.id('单位编号').optional() }),
    roles: ['manager'],
  }),
  /** What the publish/edit form needs: the units the caller may publish for, and the activity. */
  editor: action<{ units: ManagedUnit[]; activity: EditableActivity | null; serverNow: number }>()({
    input: z.object({ id: fields.id('活动编号').optional() }),
    roles: ['manager'],
  }),
  create: action<{ id: string }>()({
    input: withDraftRules(z.object({ unitId: fields.id('举办单位'), ...draftShape })),
    roles: ['manager'],
  }),
  update: action<{ id: string; told: ToldSummary | null }>()({
    input: withDraftRules(z.object({ id: fields.id('活动编号'), ...draftShape })),
    roles: ['manager'],
  }),
  /**
   * A cover image sent inline (base64), for clients without direct cloud-storage upload (the H5 build);
   * the mini-program uploads with wx.cloud.uploadFile instead. Small images only (callFunction payloads).
   */
  uploadCover: action<{ fileId: string; url: string | null }>()({
    input: z.object({
      unitId: fields.id('举办单位'),
      contentType: z.enum(['image/jpeg', 'image/png', 'image/webp'], {
        error: '封面只能是 JPG、PNG 或 WebP 图片',
      }),
      dataBase64: z
        .string({ error: '请选择封面图片' })
        .min(16, '请选择封面图片')
        .max(ACTIVITY_LIMITS.coverBase64Max, '图片太大了，请选一张小一些的（不超过 90 KB）')
        .regex(/^[A-Za-z0-9+/]+=*$/, '图片数据有误'),
    }),
    roles: ['manager'],
  }),
  /** Cancels an activity and records who registered, so they can be told. */
  cancel: action<{ cancelled: true; toTell: number; unchanged: boolean; told: ToldSummary | null }>()({
    input: z.object({ id: fields.id('活动编号'), reason: anyText('取消原因') }).superRefine((v, ctx) => {
      const problem = cancelReasonProblem(v.reason)
      if (problem) ctx.addIssue({ code: 'custom', path: ['reason'], message: problem })
    }),
    roles: ['manager'],
  }),
  /** Who registered, with names and phones where given (签到表): managers of the unit or above. */
  registrants: action<{
    activity: ActivityListItem
    items: Registrant[]
    truncated: boolean
    serverNow: number
  }>()({
    input: z.object({ id: fields.id('活动编号') }),
    roles: ['manager'],
  }),
}
