/** Creating fan-out jobs: one per center and month, or one per ad-hoc request. Both are idempotent. */
import { subscriptions } from '../../../../core/contract/inbox.collections'
import {
  notice_jobs,
  type JobDoc,
  type SettingsDoc,
  type StoredValues,
} from '../../../../core/contract/notices.collections'
import type { Unit } from '../../../../core/domain'
import { emptyFailed, type JobKind } from '../../../../core/notices/job'
import { planNotice } from '../../../../core/notices/schedule'
import { shanghai } from '../../../../core/time'
import { from } from '../../../../server/db'
import type { Command, Db } from '../../../../server/types'
import { themeOf, withPlanThemes } from '../model'

/** What a notice says when the subscriber's station holds no practice-day activity. */
export const GENERAL_PLACE = '就近的新时代文明实践站'
export const GENERAL_NOTE = '点击查看您身边的实践日活动'

interface NewJob {
  _id: string
  kind: JobKind
  centerId: string
  stationId: string | null
  month: string | null
  practiceDate: string | null
  scopePath: string[]
  title: string
  values: StoredValues
  /** whose subscribers */
  audience: Record<string, unknown>
  createdBy: string | null
}

/** Inserts the job unless it exists; answers the job either way. */
async function createJob(db: Db, _: Command, s: SettingsDoc, spec: NewJob, now: Date): Promise<JobDoc> {
  const total = await from(db, subscriptions).count({
    ...spec.audience,
    templateId: s.template.id,
    credits: _.gt(0),
  })
  const job: JobDoc = {
    _id: spec._id,
    kind: spec.kind,
    centerId: spec.centerId,
    stationId: spec.stationId,
    month: spec.month,
    practiceDate: spec.practiceDate,
    scopePath: spec.scopePath,
    title: spec.title,
    template: s.template,
    values: spec.values,
    ratePerSecond: s.ratePerSecond,
    concurrency: s.concurrency,
    state: 'running',
    haltReason: null,
    haltMessage: null,
    cursor: null,
    total,
    sent: 0,
    failed: emptyFailed(),
    leaseUntil: new Date(0),
    leaseOwner: null,
    runs: 0,
    createdAt: now,
    createdBy: spec.createdBy,
    updatedAt: now,
    finishedAt: null,
  }
  const written = await from(db, notice_jobs).insertUnique(job)
  return written.inserted ? job : written.existing
}

/** The month's practice-day job for a center (id pd:<center>:<month>: never two for one month). */
export async function createPracticeJob(
  db: Db,
  _: Command,
  s: SettingsDoc,
  center: Pick<Unit, '_id' | 'name' | 'phone'>,
  month: string,
  now: Date,
): Promise<JobDoc> {
  const plan = planNotice(month, s)
  const [h, m] = s.defaultStartTime.split(':').map(Number)
  const planned = await withPlanThemes(db, s, plan.practiceDay.start)
  const theme = themeOf(planned, month) ?? `${shanghai(plan.practiceDay.start).month() + 1}月文明实践日`
  return createJob(
    db,
    _,
    s,
    {
      _id: notice_jobs.practiceId(center._id, month),
      kind: 'practiceDay',
      centerId: center._id,
      stationId: null,
      month,
      practiceDate: plan.practiceDay.date,
      scopePath: [center._id],
      title: theme,
      values: {
        theme,
        place: GENERAL_PLACE,
        note: GENERAL_NOTE,
        center: center.name,
        station: center.name,
        phone: center.phone,
        start: new Date(plan.practiceDay.start.getTime() + ((h ?? 9) * 60 + (m ?? 0)) * 60_000),
        end: null,
      },
      audience: { centerId: center._id },
      createdBy: null,
    },
    now,
  )
}

export interface AdhocSpec {
  station: Pick<Unit, '_id' | 'name' | 'phone' | 'ancestors'>
  centerId: string
  centerName: string
  theme: string
  start: Date
  end: Date | null
  place?: string
  note?: string
  requestId: string
  createdBy: string
}

/** An ad-hoc notice to one station's subscribers (id adhoc:<station>:<requestId>: a repeated tap is one job). */
export function createAdhocJob(
  db: Db,
  _: Command,
  s: SettingsDoc,
  spec: AdhocSpec,
  now: Date,
): Promise<JobDoc> {
  return createJob(
    db,
    _,
    s,
    {
      _id: notice_jobs.adhocId(spec.station._id, spec.requestId),
      kind: 'adhoc',
      centerId: spec.centerId,
      stationId: spec.station._id,
      month: null,
      practiceDate: null,
      scopePath: [...spec.station.ancestors, spec.station._id],
      title: spec.theme,
      values: {
        theme: spec.theme,
        place: spec.place ?? spec.station.name,
        note: spec.note ?? spec.station.name,
        center: spec.centerName,
        station: spec.station.name,
        phone: spec.station.phone,
        start: spec.start,
        end: spec.end,
      },
      audience: { stationId: spec.station._id },
      createdBy: spec.createdBy,
    },
    now,
  )
}
