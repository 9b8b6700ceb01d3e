/** The notices collections' documents, their defaults, and what the actions answer from them. */
import type {
  MonthTheme,
  MySubscription,
  NoticeJobView,
  NoticeSettingsView,
  PracticeDayInfo,
} from '../../../core/contract'
import { subscriptions, type SubscriptionDoc } from '../../../core/contract/inbox.collections'
import {
  notice_jobs,
  notice_settings,
  type JobDoc,
  type SettingsDoc,
} from '../../../core/contract/notices.collections'
import type { Unit } from '../../../core/domain'
import { AppError } from '../../../core/errors'
import { emptyFailed, failedTotal, remainingOf } from '../../../core/notices/job'
import {
  DEFAULT_PRACTICE_SCHEDULE,
  monthKeyOf,
  nextNotice,
  planNotice,
  type PlannedNotice,
} from '../../../core/notices/schedule'
import { DEFAULT_NOTICE_TEMPLATE } from '../../../core/notices/template'
import { plans } from '../../../core/contract/plans.collections'
import { overlayThemes, type StoredPlanMonth } from '../../../core/plans/plan'
import { units } from '../../../core/contract/stations.collections'
import { from } from '../../../server/db'
import { loadUnit } from '../../../server/units'
import type { Db } from '../../../server/types'

/** Send rate and parallelism when a center has not chosen (WeChat documents no per-second limit). */
export const DEFAULT_RATE_PER_SECOND = 500
export const DEFAULT_CONCURRENCY = 20
/** A resident may bank a few accepts; more is abuse, not intent. */
export const MAX_CREDITS = 12
/** Themes kept per center: a year back and ahead is plenty. */
const MAX_THEMES = 24

export function defaultSettings(centerId: string, now: Date): SettingsDoc {
  const schedule = DEFAULT_PRACTICE_SCHEDULE
  const next = nextNotice(now, schedule, null)
  return {
    _id: centerId,
    centerId,
    ...schedule,
    defaultStartTime: '09:00',
    themes: [],
    template: DEFAULT_NOTICE_TEMPLATE,
    ratePerSecond: DEFAULT_RATE_PER_SECOND,
    concurrency: DEFAULT_CONCURRENCY,
    nextMonth: next.month,
    nextFireAt: next.fireAt,
    lastSentMonth: null,
    saved: false,
    updatedAt: now,
    updatedBy: null,
  }
}

export function plannedOf(
  s: Pick<SettingsDoc, 'day' | 'sendDaysBefore' | 'sendAt' | 'nextMonth'>,
): PlannedNotice {
  return planNotice(s.nextMonth, s)
}

export function themeOf(s: Pick<SettingsDoc, 'themes'>, month: string): string | null {
  return s.themes.find((t) => t.month === month)?.theme || null
}

/** Merges new month themes into the stored ones (an empty theme clears a month), newest kept. */
export function mergeThemes(stored: MonthTheme[], changes: MonthTheme[]): MonthTheme[] {
  const byMonth = new Map(stored.map((t) => [t.month, t.theme]))
  for (const c of changes) {
    if (c.theme) byMonth.set(c.month, c.theme)
    else byMonth.delete(c.month)
  }
  return [...byMonth]
    .map(([month, theme]) => ({ month, theme }))
    .sort((a, b) => a.month.localeCompare(b.month))
    .slice(-MAX_THEMES)
}

/**
 * The settings with the month themes the notice uses: the annual plan's (plans context, the latest
 * version of the years of `at` and the next), the settings' own theme only for a month the plan leaves
 * empty (docs/plans.md). Two indexed reads in parallel; the result is for reading, never stored.
 */
export async function withPlanThemes(db: Db, s: SettingsDoc, at: Date): Promise<SettingsDoc> {
  return { ...s, themes: overlayThemes(s.themes, await planMonthsAround(db, s.centerId, at)) }
}

/** The months of the center's latest plan versions for the year of `at` and the next. */
export async function planMonthsAround(db: Db, centerId: string, at: Date): Promise<StoredPlanMonth[]> {
  const year = Number(monthKeyOf(at).slice(0, 4))
  const found = await Promise.all(
    [year, year + 1].map((y) =>
      from(db, plans).find((q) =>
        q
          .where({ planKey: plans.key(centerId, String(y)) })
          .orderBy('version', 'desc')
          .field({ months: true })
          .limit(1),
      ),
    ),
  )
  return found.flatMap((d) => d[0]?.months ?? [])
}

export function practiceDayInfo(s: SettingsDoc, now: Date): PracticeDayInfo {
  // the stored plan, unless the day it names is already over (the timer will move it on)
  const stored = plannedOf(s)
  const plan = now.getTime() < stored.practiceDay.end.getTime() ? stored : nextNotice(now, s, s.lastSentMonth)
  return {
    month: plan.month,
    date: plan.practiceDay.date,
    theme: themeOf(s, plan.month),
    fireAt: plan.fireAt.getTime(),
  }
}

/** The practice day residents see: the coming one, whether or not its notice went out. */
export function comingInfo(s: SettingsDoc, now: Date): PracticeDayInfo {
  const plan = nextNotice(now, s, null)
  return {
    month: plan.month,
    date: plan.practiceDay.date,
    theme: themeOf(s, plan.month),
    fireAt: plan.fireAt.getTime(),
  }
}

export async function requireUnit(db: Db, id: string, label: string): Promise<Unit> {
  const unit = await loadUnit(db, id)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND', `没有找到这个${label}，可能已撤销`)
  return unit
}

export function centerIdOf(unit: Pick<Unit, '_id' | 'level' | 'ancestors'>): string {
  return unit.level === 'center' ? unit._id : (unit.ancestors[0] ?? unit._id)
}

/** The first center of the network: the answer when nothing else names one (one-center deployments). */
export async function firstCenter(db: Db): Promise<Unit | undefined> {
  const [center] = await from(db, units).find((ref) =>
    ref.where({ level: 'center' }).orderBy('code', 'asc').limit(1),
  )
  return center
}

export async function loadSettings(db: Db, centerId: string): Promise<SettingsDoc | undefined> {
  return from(db, notice_settings).byId(centerId)
}

/** The center's settings, created with the defaults if none exist (so its subscribers are served). */
export async function ensureSettings(db: Db, centerId: string, now: Date): Promise<SettingsDoc> {
  const found = await loadSettings(db, centerId)
  if (found) return found
  const fresh = defaultSettings(centerId, now)
  const written = await from(db, notice_settings).insertUnique(fresh)
  return written.inserted ? fresh : written.existing
}

export function settingsView(s: SettingsDoc, centerName: string, now: Date): NoticeSettingsView {
  return {
    centerId: s.centerId,
    centerName,
    day: s.day,
    sendDaysBefore: s.sendDaysBefore,
    sendAt: s.sendAt,
    defaultStartTime: s.defaultStartTime,
    themes: s.themes.filter((t) => t.month >= monthKeyOf(now)),
    template: s.template,
    ratePerSecond: s.ratePerSecond,
    concurrency: s.concurrency,
    next: practiceDayInfo(s, now),
    saved: s.saved,
    updatedAt: s.saved ? new Date(s.updatedAt).getTime() : null,
  }
}

export function jobView(j: JobDoc): NoticeJobView {
  const failed = { ...emptyFailed(), ...j.failed }
  return {
    _id: j._id,
    kind: j.kind,
    centerId: j.centerId,
    stationId: j.stationId,
    month: j.month,
    title: j.title,
    state: j.state,
    haltMessage: j.haltMessage,
    total: j.total,
    sent: j.sent,
    failed,
    failedTotal: failedTotal(failed),
    remaining: remainingOf(j.state, { total: j.total, sent: j.sent, failed }),
    createdAt: new Date(j.createdAt).getTime(),
    updatedAt: new Date(j.updatedAt).getTime(),
    finishedAt: j.finishedAt ? new Date(j.finishedAt).getTime() : null,
  }
}

export function subscriptionView(
  s: SettingsDoc,
  center: Pick<Unit, '_id' | 'name'>,
  sub: SubscriptionDoc | undefined,
  now: Date,
): MySubscription {
  const credits = sub?.credits ?? 0
  return {
    centerId: center._id,
    centerName: center.name,
    templateId: s.template.id,
    templateKind: s.template.kind,
    stationId: sub?.stationId ?? null,
    stationName: sub?.stationName ?? null,
    credits,
    // a long-term template needs one accept, then stays on until the user turns it off in WeChat
    subscribed: credits > 0,
    lastSentMonth: sub?.lastSentMonth ?? null,
    next: comingInfo(s, now),
    remindMonth: practiceDayInfo(s, now).month,
  }
}

export function loadSubscription(
  db: Db,
  templateId: string,
  openid: string,
): Promise<SubscriptionDoc | undefined> {
  return from(db, subscriptions).byId(subscriptions.id(templateId, openid))
}

export function loadJob(db: Db, jobId: string): Promise<JobDoc | undefined> {
  return from(db, notice_jobs).byId(jobId)
}
