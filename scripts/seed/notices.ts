/**
 * The demo center's practice-day notice: settings (its practice day falls on the next demo practice-day
 * activity, so the demo shows one) and a dozen residents already subscribed, their credits granted in the
 * local cloud's WeChat stand-in too. The demo identities are not subscribed: they show the button.
 */
import { monthKeyOf, nextNotice, type PracticeSchedule } from '../../core/notices/schedule'
import { DEFAULT_NOTICE_TEMPLATE } from '../../core/notices/template'
import { formatDate, shanghai } from '../../core/time'
import { subscriptions, type SubscriptionDoc } from '../../core/contract/inbox.collections'
import { notice_settings, type SettingsDoc } from '../../core/contract/notices.collections'
import { insertDocs, type SeedDb } from './insert'
import { demoActivities } from './activities'
import { DEMO_IDS, demoUnits, demoUsers } from './county'

const SUBSCRIBED = 12

interface Grants {
  grantSubscription(openid: string, templateId: string, count?: number): void
}

export function demoNoticeSettings(now: Date): SettingsDoc {
  const today = formatDate(now)
  const practice = demoActivities(now)
    .activities.filter((a) => a.practiceDay && a.status === 'published' && formatDate(a.start) >= today)
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0]
  const day = practice ? shanghai(practice.start).date() : 15
  const schedule: PracticeSchedule = { day, sendDaysBefore: 1, sendAt: '09:00' }
  const next = nextNotice(now, schedule, null)
  const month = monthKeyOf(now)
  const themes = [{ month, theme: practice?.theme ?? '移风易俗树新风' }]
  if (next.month !== month) themes.push({ month: next.month, theme: practice?.theme ?? '移风易俗树新风' })
  return {
    _id: DEMO_IDS.center,
    centerId: DEMO_IDS.center,
    ...schedule,
    defaultStartTime: '09:00',
    themes,
    template: DEFAULT_NOTICE_TEMPLATE,
    ratePerSecond: 500,
    concurrency: 20,
    nextMonth: next.month,
    nextFireAt: next.fireAt,
    lastSentMonth: null,
    saved: true,
    updatedAt: now,
    updatedBy: null,
  }
}

export function demoSubscriptions(now: Date): SubscriptionDoc[] {
  const names = new Map(demoUnits().map((u) => [u._id, u.name]))
  return demoUsers(now)
    .filter((u) => u._id.startsWith('seed-resident-'))
    .slice(0, SUBSCRIBED)
    .map((u) => ({
      _id: `${DEFAULT_NOTICE_TEMPLATE.id}:${u._id}`,
      openid: u._id,
      templateId: DEFAULT_NOTICE_TEMPLATE.id,
      centerId: DEMO_IDS.center,
      stationId: u.homeUnitId ?? null,
      stationName: u.homeUnitId ? (names.get(u.homeUnitId) ?? null) : null,
      credits: 1,
      acceptedAt: now,
      lastJobId: null,
      lastSentAt: null,
      lastSentMonth: null,
      updatedAt: now,
    }))
}

export async function seedNotices(
  cloud: {
    db: SeedDb
  } & Partial<Grants>,
  now: Date,
): Promise<void> {
  await insertDocs(cloud.db, notice_settings, [demoNoticeSettings(now)])
  const subs = demoSubscriptions(now)
  await insertDocs(cloud.db, subscriptions, subs)
  for (const s of subs) cloud.grantSubscription?.(s.openid, s.templateId, s.credits)
}
