/**
 * notify(person, event): the one way a function tells a person something.
 *
 * The inbox message (collection `inbox`, _id `<event id>:<openid>`) is the promise: a unique insert, so
 * one message per (event, person) whatever retries, crashes or concurrent callers do. When the event
 * carries a subscribe message and the person holds a credit for its template (collection
 * `subscriptions`, _id `<templateId>:<openid>`, the credits notices also keeps), it is also sent, once:
 *
 *   pending ──spend a credit (conditional update, remembered in the subscription's spentFor)──▶
 *   sending (claimed by one caller: conditional update on the inbox record) ──send──▶ sent
 *
 * A caller that finds the record `pending` repeats the steps (each is idempotent); one that finds it
 * `sending` past the lease knows the sender died mid-send: it retries only when that was the person's
 * last credit and they still hold none, re-read right before the retry (WeChat refuses a duplicate: 43101;
 * an accept since would let it through), otherwise records `unknown` rather than risk sending twice. No transaction, no read guards an invariant: every step is one conditional write.
 */
import type { InboxKind, InboxPush } from '../core/contract/inbox'
import { inbox, subscriptions, type InboxDoc, type SubscriptionDoc } from '../core/contract/inbox.collections'
import { buildTemplateData, type NoticeTemplate, type NoticeValues } from '../core/notices/template'
import { crashPoint } from './crash-point'
import { from } from './db'
import type { Command, Db, OpenApi } from './types'

/** As notices: a resident may bank a few accepts of a one-time template. */
export const MAX_CREDITS = 12
/** A send claimed longer ago than this was cut off (longer than any function's timeout, 60 s). */
const SEND_LEASE_MS = 90_000

/** Tests shorten the lease (NOTIFY_SEND_LEASE_MS) to resume a killed send within the test. */
function sendLeaseMs(): number {
  const fromEnv = Number(process.env.NOTIFY_SEND_LEASE_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : SEND_LEASE_MS
}
/** WeChat: the user refused, or holds no credit for the template. */
const NO_CREDIT = 43101
/** How many events spentFor remembers per subscription (a retry comes within minutes). */
const SPENT_MEMORY = 50

export interface NotifyEvent {
  /** Stable across retries and callers: the same id twice is the same message. ≤ 100 ASCII characters. */
  id: string
  kind: InboxKind
  /** the inbox headline, e.g. "活动取消：冬季用电安全讲座" */
  title: string
  /** the message, written for elderly readers (dates as formatSpan writes them) */
  body: string
  /** the page it opens, without a leading slash: 'pages/activity/index?id=…' */
  page: string
  /** the subscribe message to send too, when the person holds a credit for the template */
  push?: { template: NoticeTemplate; values: NoticeValues }
}

/** 'message': also sent by WeChat; 'inbox': in 我的消息 only; 'pending': another caller is sending now. */
export type NotifyOutcome = 'message' | 'inbox' | 'pending'

export interface NotifyDeps {
  db: Db
  _: Command
  now: () => Date
  openapi: OpenApi
}

export type { InboxDoc }

function outcomeOf(push: InboxPush): NotifyOutcome {
  if (push === 'sent') return 'message'
  return push === 'pending' || push === 'sending' ? 'pending' : 'inbox'
}

function load(db: Db, _id: string): Promise<InboxDoc | undefined> {
  return from(db, inbox).byId(_id)
}

/** The inbox record of `event` for `openid`, as first written (a push, if any, still pending). */
export function inboxDoc(openid: string, event: NotifyEvent, t: Date): InboxDoc {
  const push = event.push
  return {
    _id: inbox.id(event.id, openid),
    openid,
    eventId: event.id,
    kind: event.kind,
    title: event.title,
    body: event.body,
    page: event.page,
    createdAt: t,
    readAt: null,
    push: push ? 'pending' : 'none',
    templateId: push?.template.id ?? null,
    // fitted now: a value WeChat would refuse is found before anything is promised
    pushData: push ? buildTemplateData(push.template.fields, push.values) : null,
    pushPage: push ? event.page : null,
    creditsLeft: null,
    sendingSince: null,
    errCode: null,
    settledAt: push ? null : t,
  }
}

/** Tells `openid` about `event`: exactly one inbox message, and the subscribe message when a credit allows. */
export async function notify(deps: NotifyDeps, openid: string, event: NotifyEvent): Promise<NotifyOutcome> {
  const fresh = inboxDoc(openid, event, deps.now())
  const written = await from(deps.db, inbox).insertUnique(fresh)
  const doc = written.inserted ? fresh : written.existing
  crashPoint('notify:after-inbox')
  return deliver(deps, doc)
}

/** Carries a message's subscribe message on from wherever it stands. */
export async function deliver(deps: NotifyDeps, doc: InboxDoc): Promise<NotifyOutcome> {
  const { db } = deps
  if (doc.push === 'sending') return resumeSend(deps, doc)
  if (doc.push !== 'pending' || !doc.templateId || !doc.pushData) return outcomeOf(doc.push)

  const creditsLeft = await spendCredit(deps, doc.templateId, doc.openid, doc._id)
  crashPoint('notify:after-spend')
  if (creditsLeft === null) {
    await settle(deps, doc._id, 'pending', { push: 'noCredit' })
    return outcomeOf((await load(db, doc._id))?.push ?? 'noCredit')
  }
  const claimed = await from(db, inbox).update(
    { _id: doc._id, push: 'pending' },
    { push: 'sending', sendingSince: deps.now(), creditsLeft },
  )
  if (claimed !== 1) return outcomeOf((await load(db, doc._id))?.push ?? 'pending')
  return send(deps, { ...doc, push: 'sending', creditsLeft }, creditsLeft)
}

async function resumeSend(deps: NotifyDeps, doc: InboxDoc): Promise<NotifyOutcome> {
  const since = doc.sendingSince ? new Date(doc.sendingSince).getTime() : 0
  if (deps.now().getTime() - since < sendLeaseMs()) return 'pending'
  // Take the stale claim over (one caller wins), then decide.
  const taken = await from(deps.db, inbox).update(
    { _id: doc._id, push: 'sending', sendingSince: doc.sendingSince },
    { sendingSince: deps.now() },
  )
  if (taken !== 1) return outcomeOf((await load(deps.db, doc._id))?.push ?? 'pending')
  // WeChat refuses a duplicate only while the person holds no credit: re-read it right before the retry
  // (an accept since, e.g. a 报名 tap, adds one and would let the first message go out twice).
  const credits = doc.creditsLeft === 0 ? await creditsOf(deps.db, doc.templateId!, doc.openid) : null
  if (credits !== 0) {
    await settle(deps, doc._id, 'sending', { push: 'unknown' })
    return 'inbox'
  }
  return send(deps, doc, 0, true)
}

async function creditsOf(db: Db, templateId: string, openid: string): Promise<number> {
  const sub = await from(db, subscriptions).byId(subscriptions.id(templateId, openid))
  return sub?.credits ?? 0
}

/** `seenCredits`: the person's credits as last read; a 43101 zeroes them only if none was added since. */
async function send(
  deps: NotifyDeps,
  doc: InboxDoc,
  seenCredits: number,
  isRetry = false,
): Promise<NotifyOutcome> {
  try {
    await deps.openapi.sendSubscribeMessage({
      touser: doc.openid,
      templateId: doc.templateId!,
      page: doc.pushPage ?? undefined,
      data: doc.pushData!,
    })
  } catch (err) {
    const errCode = Number((err as { errCode?: unknown }).errCode) || null
    if (errCode === NO_CREDIT) {
      // WeChat holds no credit: ours was wrong (or, on a retry, the first send went through). An accept
      // counted meanwhile is a credit WeChat holds too: keep it.
      await from(deps.db, subscriptions).update(
        { _id: subscriptions.id(doc.templateId!, doc.openid), credits: deps._.lte(seenCredits) },
        { credits: 0, updatedAt: deps.now() },
      )
      await settle(deps, doc._id, 'sending', { push: isRetry ? 'unknown' : 'noCredit', errCode })
      return 'inbox'
    }
    // Not sent: the credit goes back.
    await from(deps.db, subscriptions).update(
      { _id: subscriptions.id(doc.templateId!, doc.openid), credits: deps._.lt(MAX_CREDITS) },
      { credits: deps._.inc(1) },
    )
    await settle(deps, doc._id, 'sending', { push: 'failed', errCode })
    return 'inbox'
  }
  crashPoint('notify:after-send')
  await settle(deps, doc._id, 'sending', { push: 'sent' })
  await from(deps.db, subscriptions)
    .ref.doc(subscriptions.id(doc.templateId!, doc.openid))
    .update({ data: { lastSentAt: deps.now(), updatedAt: deps.now() } })
  return 'message'
}

async function settle(
  deps: NotifyDeps,
  _id: string,
  state: InboxPush,
  data: { push: InboxPush; errCode?: number | null },
): Promise<void> {
  await from(deps.db, inbox).update({ _id, push: state }, { ...data, settledAt: deps.now() })
}

/**
 * Spends one credit for this message, once: the subscription remembers which messages spent one. Answers
 * the credits left after it, or null when there was none to spend.
 */
async function spendCredit(
  deps: NotifyDeps,
  templateId: string,
  openid: string,
  messageId: string,
): Promise<number | null> {
  const { db, _ } = deps
  const subs = from(db, subscriptions)
  const _id = subscriptions.id(templateId, openid)
  await subs.update(
    { _id, credits: _.gt(0), spentFor: _.nin([messageId]) },
    {
      credits: _.inc(-1),
      spentFor: _.push({ each: [messageId], slice: -SPENT_MEMORY }),
      updatedAt: deps.now(),
    },
  )
  const sub = await subs.byId(_id)
  return sub?.spentFor?.includes(messageId) ? sub.credits : null
}

/**
 * Records one accept of a one-time template (wx.requestSubscribeMessage answered 'accept') as one
 * credit, capped at MAX_CREDITS, in the same collection notices keeps practice-day credits in.
 */
export async function addCredit(
  deps: Pick<NotifyDeps, 'db' | '_' | 'now'>,
  sub: {
    templateId: string
    openid: string
    centerId: string
    stationId: string | null
    stationName: string | null
  },
): Promise<void> {
  const { db, _ } = deps
  const t = deps.now()
  const subs = from(db, subscriptions)
  const _id = subscriptions.id(sub.templateId, sub.openid)
  const bump = () =>
    subs.update({ _id, credits: _.lt(MAX_CREDITS) }, { credits: _.inc(1), acceptedAt: t, updatedAt: t })
  if (await bump()) return
  const fresh: SubscriptionDoc = {
    _id,
    openid: sub.openid,
    templateId: sub.templateId,
    centerId: sub.centerId,
    stationId: sub.stationId,
    stationName: sub.stationName,
    credits: 1,
    acceptedAt: t,
    lastJobId: null,
    lastSentAt: null,
    lastSentMonth: null,
    spentFor: [],
    updatedAt: t,
  }
  // a second tap raced the first (or the cap is reached): count it on the existing document
  if (!(await subs.insertUnique(fresh)).inserted) await bump()
}

/** Summary of an event's messages: how many people were told, and how many also by WeChat message. */
export async function eventCounts(db: Db, eventId: string): Promise<{ total: number; byMessage: number }> {
  const messages = from(db, inbox)
  const [total, byMessage] = await Promise.all([
    messages.count({ eventId }),
    messages.count({ eventId, push: 'sent' }),
  ])
  return { total, byMessage }
}
