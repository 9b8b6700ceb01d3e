/**
 * The notices context (practice-day and ad-hoc notices): per-center settings, fan-out jobs and one
 * delivery per (job, subscriber). Subscriptions are the notify context's (inbox.collections.ts).
 */
import type { FailedCounts, FailureReason, JobKind, JobState } from '../notices/job'
import type { NoticeTemplate } from '../notices/template'
import { collection } from './collection'
import type { MonthTheme } from './notices'

export interface SettingsDoc {
  _id: string
  centerId: string
  day: number
  sendDaysBefore: number
  sendAt: string
  defaultStartTime: string
  themes: MonthTheme[]
  template: NoticeTemplate
  ratePerSecond: number
  concurrency: number
  /** the month whose notice the timer sends next, and when */
  nextMonth: string
  nextFireAt: Date
  lastSentMonth: string | null
  /** false when created with defaults (a first subscriber), true once a manager saved */
  saved: boolean
  updatedAt: Date
  updatedBy: string | null
}

/** The notice's values as stored on a job (dates as Date: the database keeps them typed). */
export interface StoredValues {
  theme: string
  place: string
  note: string
  center: string
  station: string
  phone: string
  start: Date
  end: Date | null
}

export interface JobDoc {
  /** 'pd:<centerId>:<YYYY-MM>' or 'adhoc:<stationId>:<requestId>' */
  _id: string
  kind: JobKind
  centerId: string
  stationId: string | null
  month: string | null
  /** 'YYYY-MM-DD' of a practice-day job: its activities name each station's event */
  practiceDate: string | null
  /** the unit and its ancestors: managers of any of them see the job */
  scopePath: string[]
  title: string
  template: NoticeTemplate
  values: StoredValues
  ratePerSecond: number
  concurrency: number
  state: JobState
  haltReason: FailureReason | null
  haltMessage: string | null
  /** the last subscriber openid fully handled (the checkpoint) */
  cursor: string | null
  total: number
  sent: number
  failed: FailedCounts
  leaseUntil: Date
  leaseOwner: string | null
  runs: number
  createdAt: Date
  createdBy: string | null
  updatedAt: Date
  finishedAt: Date | null
}

export interface DeliveryDoc {
  /** '<jobId>:<openid>' */
  _id: string
  jobId: string
  openid: string
  subscriptionId: string
  state: 'pending' | 'sent' | 'failed'
  reason: FailureReason | null
  errCode: number | null
  errMsg: string | null
  attempts: number
  /** our credit count when claimed: decides whether an interrupted send may be retried */
  creditsAtClaim: number
  runId: string
  claimedAt: Date
  settledAt: Date | null
}

export const notice_settings = collection<SettingsDoc>()({
  name: 'notice_settings',
  description:
    'One per center (_id = center id): practice day, monthly themes, the notice template (id, kind, page, field mapping), send rate, and the next planned notice (nextMonth, nextFireAt) the timer polls.',
  indexes: [{ name: 'next_fire', keys: { nextFireAt: 1 } }],
})

export const notice_jobs = collection<JobDoc>()({
  name: 'notice_jobs',
  description:
    "Fan-out jobs: _id 'pd:<centerId>:<YYYY-MM>' (one per center and month) or 'adhoc:<stationId>:<requestId>'. Holds the template and values snapshot, state, cursor checkpoint, lease and counts.",
  indexes: [
    { name: 'state_lease', keys: { state: 1, leaseUntil: 1 } },
    { name: 'center_created', keys: { centerId: 1, createdAt: -1 } },
    { name: 'scope_created', keys: { scopePath: 1, createdAt: -1 } },
  ],
  /** 'pd:<centerId>:<YYYY-MM>': one practice-day job per center and month */
  practiceId: (centerId: string, month: string): string => `pd:${centerId}:${month}`,
  /** 'adhoc:<stationId>:<requestId>': a station's ad-hoc notice, once per request */
  adhocId: (stationId: string, requestId: string): string => `adhoc:${stationId}:${requestId}`,
})

export const notice_deliveries = collection<DeliveryDoc>()({
  name: 'notice_deliveries',
  description:
    "One per (job, subscriber), _id '<jobId>:<openid>': inserted as the claim before a send (the _id makes a second claim fail), then pending → sent | failed with the WeChat error code.",
  indexes: [{ name: 'job_state_reason', keys: { jobId: 1, state: 1, reason: 1 } }],
  /** '<jobId>:<openid>' */
  id: (jobId: string, openid: string): string => `${jobId}:${openid}`,
})
