import type { ActivityCategory, Activity, UnitLevel } from '../domain'
import type { SignInState } from '../signin/window'
import { CORRECTION_REASON_MAX, MAX_CREDITED_MINUTES } from '../signin/hours'
import * as z from 'zod'
import { action, fields } from './define'

/**
 * Stable error codes of the signin function, with the words a person reads. They are answered in the one
 * error shape (`{ ok: false, code, message }`); the scan page shows the message as is.
 */
export const SIGNIN_ERRORS = {
  SCENE_INVALID: '这个二维码不是文明实践站的二维码，请扫描站点门口张贴的二维码',
  STATION_UNKNOWN: '没有找到这个站点，二维码可能已失效，请联系站点工作人员',
  STATION_RETIRED: '这个站点已撤销，门口的二维码已停用',
  SIGNIN_NOT_OPEN: '还没到签到时间',
  SIGNIN_CLOSED: '活动已结束，签到已关闭',
  CODE_EXPIRED: '签到码已过期，请扫描专管员手机上正在显示的签到码',
  CODE_INVALID: '签到码无效，请扫描专管员手机上正在显示的签到码',
  CODE_OTHER_ACTIVITY: '这是另一场活动的签到码，请确认您要签到的活动',
  LOCATION_REQUIRED:
    '这场活动需要确认您在站点附近。请允许获取位置后再试；无法定位时，请专管员在手机上打开“允许无定位签到”后再扫码',
  TOO_FAR: '您离站点太远，无法签到。请到站点后再扫码',
  NOT_SIGNED_IN: '您还没有签到这场活动，请先扫码签到',
  SIGNED_OUT: '您已签退，本场服务已结束',
  HOURS_OPEN: '志愿者还没有签退，签退后才能确认时长',
  OWN_HOURS: '不能确认或更正自己的服务时长，请由上一级专管员确认',
  SECRET_MISSING: '签到码服务尚未配置，请联系管理员',
} as const

export type SigninErrorCode = keyof typeof SIGNIN_ERRORS

/** What the signin timer does each run; exported for tests. */
export interface CloseForgottenReport {
  closed: number
  more: boolean
  /** check-ins a kill had left uncounted, settled this run */
  reconciled: number
}

export interface SigninState {
  state: SignInState
  /** epoch ms */
  opensAt: number
  closesAt: number
}

/** The caller's own records for one activity. */
export interface MySignin {
  /** 签到 time of the caller as a resident, epoch ms */
  attendedAt: number | null
  /** the caller's volunteer session, when there is one */
  service: { signInAt: number; signOutAt: number | null; minutes: number | null } | null
}

export interface LandingActivity {
  _id: string
  title: string
  category: ActivityCategory
  place: string
  start: number
  end: number
  status: Activity['status']
  attendedCount: number
  signIn: SigninState
  mine: MySignin
  /** a volunteer sign-in of this activity needs the phone near the station (metres), or null */
  geofenceMeters: number | null
}

/** Where a scanned station code lands: the station and what is on there today. */
export interface StationLanding {
  unit: { _id: string; name: string; level: UnitLevel; address: string; phone: string; hours: string }
  activities: LandingActivity[]
  /** the activity under way (or about to start), null between activities */
  currentId: string | null
  /** the caller may sign in as a volunteer (holds a volunteer grant) */
  isVolunteer: boolean
  serverNow: number
}

export interface CheckInAnswer {
  /** signed_in: this call signed in; already: an earlier one did (已签到), at `signedInAt` */
  status: 'signed_in' | 'already'
  signedInAt: number
  activityId: string
}

export type ServiceStatus = 'open' | 'closed' | 'auto_closed' | 'confirmed'

/** A manager's correction as anyone is shown it: by name (or role), never by openid. */
export interface HoursCorrection {
  /** the manager's name, or "专管员" when they gave none */
  byName: string
  at: number
  fromMinutes: number | null
  toMinutes: number
  reason: string
}

/** One volunteer's service at one activity (志愿服务记录). */
export interface ServiceRecordView {
  _id: string
  activityId: string
  activityTitle: string
  unitId: string
  unitName: string
  activityStart: number
  activityEnd: number
  openid: string
  name: string | null
  signInAt: number
  signOutAt: number | null
  status: ServiceStatus
  /** credited minutes (hours.ts rules); null while open */
  minutes: number | null
  /** closed by the timer at the activity's end: needs a manager's look */
  autoClosed: boolean
  /** signed in without location on the manager's override */
  locationOverride: boolean
  distanceMeters: number | null
  /** who confirmed, by name (or "专管员"): answers never carry a manager's openid */
  confirmedByName: string | null
  confirmedAt: number | null
  corrections: HoursCorrection[]
}

export interface VolunteerAnswer {
  status: 'signed_in' | 'already' | 'signed_out'
  record: ServiceRecordView
}

export interface RotatingCode {
  activityId: string
  activityTitle: string
  scene: string
  /** what the QR code encodes: the H5 scan URL when a link base was given, else the bare scene */
  content: string
  /** a PNG of the QR code, as a data URL */
  qrDataUrl: string
  allowWithoutLocation: boolean
  geofenceMeters: number | null
  /** epoch ms: fetch the next code then */
  refreshAt: number
  /** epoch ms: this code stops working then */
  expiresAt: number
  serverNow: number
}

export interface LiveAttendance {
  activity: {
    _id: string
    title: string
    unitName: string
    start: number
    end: number
    status: Activity['status']
    attendedCount: number
    geofenceMeters: number | null
  }
  signIn: SigninState
  /** latest first; at most LIVE_RESIDENTS_MAX */
  residents: Array<{ name: string | null; signedInAt: number }>
  volunteers: ServiceRecordView[]
  /** volunteers signed in and not yet out */
  onDuty: number
  serverNow: number
}

export interface HoursTotals {
  records: number
  /** every closed session */
  minutes: number
  confirmedMinutes: number
  /** closed, not yet confirmed by a manager */
  pendingMinutes: number
}

export const LIVE_RESIDENTS_MAX = 200
export const LIVE_VOLUNTEERS_MAX = 200

const activityId = () => fields.id('活动编号')
/** `${activityId}_${openid}`: longer than a plain id */
const recordId = () => z.string({ error: '缺少记录编号' }).min(1, '缺少记录编号').max(200, '记录编号格式不对')
const position = z.object({
  latitude: fields.latitude(),
  longitude: fields.longitude(),
  accuracy: z.number().min(0).max(100_000).optional(),
})

export const signin = {
  /** A scanned station code (s=…): the station, today's activities, the one under way, my sign-ins. */
  scanStation: action<StationLanding>()({
    input: z.object({ scene: z.string({ error: '缺少二维码内容' }).max(200, '二维码内容太长') }),
    roles: ['resident'],
  }),
  /** 签到 as a resident, inside the window; a repeat answers 'already' with the first time. */
  checkIn: action<CheckInAnswer>()({
    input: z.object({ activityId: activityId() }),
    roles: ['resident'],
  }),
  /** A volunteer signs in with the rotating code (and, for a geofenced activity, a position). */
  volunteerSignIn: action<VolunteerAnswer>()({
    input: z.object({
      token: z.string({ error: '缺少签到码' }).max(64, '签到码格式不对'),
      /** the activity the volunteer meant, when they scanned from its page */
      activityId: activityId().optional(),
      position: position.optional(),
    }),
    roles: ['volunteer'],
  }),
  /** 签退, from the page after scanning or from 我的志愿时长: the sign-in's geofence applies */
  volunteerSignOut: action<VolunteerAnswer>()({
    input: z.object({ activityId: activityId(), position: position.optional() }),
    roles: ['volunteer'],
  }),
  /** The manager's rotating volunteer code; fetch again at refreshAt. */
  rotatingCode: action<RotatingCode>()({
    input: z.object({
      activityId: activityId(),
      /** geofence override: volunteers may sign in with this code without a location */
      allowWithoutLocation: z.boolean().default(false),
      /** the H5 app's address, so the QR code opens the scan page when scanned with a camera */
      linkBase: z
        .string()
        .max(200, '地址太长')
        .regex(/^https?:\/\/[^\s]+$/, '地址格式不对')
        .optional(),
    }),
    roles: ['manager'],
  }),
  /** Sets the volunteer geofence of an activity (metres around the station), or turns it off. */
  setGeofence: action<{ geofenceMeters: number | null }>()({
    input: z.object({
      activityId: activityId(),
      meters: z
        .number()
        .int('范围应为整数米')
        .min(50, '范围至少 50 米')
        .max(5000, '范围最多 5000 米')
        .nullable(),
    }),
    roles: ['manager'],
  }),
  liveAttendance: action<LiveAttendance>()({
    input: z.object({ activityId: activityId() }),
    roles: ['manager'],
  }),
  /** 我的志愿时长: my sessions, newest first, and totals. */
  myHours: action<{ records: ServiceRecordView[]; totals: HoursTotals; nextCursor: string | null }>()({
    input: z.object({ cursor: z.string().max(32).optional(), limit: fields.limit(50, 20) }),
    roles: ['volunteer'],
  }),
  confirmHours: action<ServiceRecordView>()({
    input: z.object({ recordId: recordId() }),
    roles: ['manager'],
  }),
  correctHours: action<ServiceRecordView>()({
    input: z.object({
      recordId: recordId(),
      minutes: z
        .number({ error: '请填写服务时长' })
        .int('时长应为整数分钟')
        .min(0, '时长不能为负数')
        .max(MAX_CREDITED_MINUTES, '一场活动最多记 24 小时'),
      reason: fields.text('更正原因', CORRECTION_REASON_MAX, 2),
    }),
    roles: ['manager'],
  }),
}
