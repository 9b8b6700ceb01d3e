/**
 * The notify + inbox context: what the app told a person (server/notify), the subscribe-message credits
 * a person holds per template, and the configured templates of notify events.
 */
import type { NoticeTemplate } from '../notices/template'
import { collection } from './collection'
import type { InboxKind, InboxPush } from './inbox'

export interface InboxDoc {
  /** '<event id>:<openid>' */
  _id: string
  openid: string
  eventId: string
  kind: InboxKind
  title: string
  body: string
  page: string
  createdAt: Date
  readAt: Date | null
  push: InboxPush
  templateId: string | null
  /** the subscribe message's data, fitted to WeChat's limits when the message was written */
  pushData: Record<string, { value: string }> | null
  pushPage: string | null
  /** credits left after this message's was spent (0: a retry cannot duplicate) */
  creditsLeft: number | null
  sendingSince: Date | null
  errCode: number | null
  settledAt: Date | null
}

export interface SubscriptionDoc {
  /** '<templateId>:<openid>' */
  _id: string
  openid: string
  templateId: string
  centerId: string
  stationId: string | null
  stationName: string | null
  credits: number
  acceptedAt: Date
  /** the job that last spent a credit: a job spends at most one per subscriber */
  lastJobId: string | null
  lastSentAt: Date | null
  lastSentMonth: string | null
  /** the notify messages that spent a credit (the latest few), so a retry never spends twice */
  spentFor?: string[]
  updatedAt: Date
}

/** The part of a subscription notify's credit steps read. */
export type CreditDoc = Pick<SubscriptionDoc, '_id' | 'credits' | 'spentFor'>

/** A notify event's subscribe-message template as an operator configured it: _id is the template's name. */
export type TemplateDoc = NoticeTemplate & { _id: string }

export const inbox = collection<InboxDoc>()({
  name: 'inbox',
  description:
    "我的消息: what the app told a person (core/server/notify), one per (event, person), _id '<event id>:<openid>'. push: none | pending | sending | sent | noCredit | failed | unknown (whether the WeChat subscribe message went too); readAt null while unread.",
  indexes: [
    { name: 'openid_createdAt', keys: { openid: 1, createdAt: -1 } },
    { name: 'openid_readAt', keys: { openid: 1, readAt: 1 } },
    { name: 'eventId_push', keys: { eventId: 1, push: 1 } },
  ],
  /** '<event id>:<openid>' */
  id: (eventId: string, openid: string): string => `${eventId}:${openid}`,
})

export const subscriptions = collection<SubscriptionDoc>()({
  name: 'subscriptions',
  description:
    "Practice-day notice subscriptions: one per (template, openid), _id '<templateId>:<openid>'. credits mirrors what WeChat allows us to send (one per accept of a one-time template), spent only when a send succeeds.",
  indexes: [
    { name: 'center_template_openid', keys: { centerId: 1, templateId: 1, openid: 1 } },
    { name: 'station_template_openid', keys: { stationId: 1, templateId: 1, openid: 1 } },
    { name: 'openid', keys: { openid: 1 } },
  ],
  /** '<templateId>:<openid>' */
  id: (templateId: string, openid: string): string => `${templateId}:${openid}`,
})

export const notify_templates = collection<TemplateDoc>()({
  name: 'notify_templates',
  description:
    "Subscribe-message templates of notify events, by name: _id 'activityChange' (活动变更提醒) holds { id, kind, page, fields: [{ key, source }] } as the WeChat console shows it. Missing: the documented default (core/activities/change-notice.ts). Operators edit it in the console (docs/notify.md).",
})
