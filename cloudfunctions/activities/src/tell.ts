/**
 * Telling registrants that their activity was cancelled or moved. The event is recorded on the activity
 * in the same conditional update that cancels or changes it (pendingEvents, telling: true), so a crash
 * after that update loses nothing. Then every registrant is notified (server/notify: exactly once
 * per event and person), within a time budget; whatever is left, the timer carries on every minute.
 * When everyone is told, the event leaves pendingEvents and `told` keeps its counts for the manager.
 */
import type { ToldSummary } from '../../../core/contract'
import {
  ACTIVITY_CHANGE_TEMPLATE_NAME,
  DEFAULT_ACTIVITY_CHANGE_TEMPLATE,
} from '../../../core/activities/change-notice'
import { activities, type PendingEvent } from '../../../core/contract/activities.collections'
import { inbox, notify_templates } from '../../../core/contract/inbox.collections'
import type { NoticeTemplate, NoticeValues } from '../../../core/notices/template'
import { from } from '../../../server/db'
import { eventCounts, notify, type NotifyDeps } from '../../../server/notify'
import type { Db } from '../../../server/types'
import { timerDeadline } from './timer-budget'

/** People notified side by side (each notify is a handful of small writes and maybe one send). */
const CONCURRENCY = 20
/** A message in one of these states needs nothing more: a resumed run skips its person. */
const SETTLED = ['none', 'sent', 'noCredit', 'failed', 'unknown']
/** Work per invocation; config.json's timeout is 10 s. */
export const TELL_BUDGET_MS = 6_000
/** Activities the timer works on per run. */
const TIMER_ACTIVITIES = 10

/** The 活动变更提醒 template as configured (notify_templates/activityChange), or the documented default. */
export async function changeTemplate(db: Db): Promise<NoticeTemplate> {
  const stored = await from(db, notify_templates).byId(ACTIVITY_CHANGE_TEMPLATE_NAME)
  if (!stored) return DEFAULT_ACTIVITY_CHANGE_TEMPLATE
  const { _id, ...template } = stored
  void _id
  return template
}

function revive(v: NoticeValues): NoticeValues {
  return {
    ...v,
    time: { start: new Date(v.time.start), end: v.time.end ? new Date(v.time.end) : undefined },
  }
}

/**
 * Notifies the registrants of the activity's pending events, oldest first, until done or out of budget.
 * Answers the latest counts (done: false while some are still to be told).
 */
export async function tellRegistrants(
  deps: NotifyDeps,
  activityId: string,
  budgetMs = TELL_BUDGET_MS,
): Promise<ToldSummary | null> {
  const { db, _ } = deps
  const started = Date.now()
  const all = from(db, activities)
  const doc = await all.byId(activityId, { registrants: true, pendingEvents: true, told: true })
  if (!doc) return null
  const events = doc.pendingEvents ?? []
  if (!events.length) return doc.told ?? null
  const template = await changeTemplate(db)
  const people = [...(doc.registrants ?? [])].sort()
  let summary: ToldSummary | null = doc.told ?? null
  for (const ev of events) {
    const message = {
      id: ev.id,
      kind: ev.kind,
      title: ev.title,
      body: ev.body,
      page: `pages/activity/index?id=${activityId}`,
      push: { template, values: revive(ev.values) },
    }
    for (let i = 0; i < people.length; i += CONCURRENCY) {
      if (Date.now() - started > budgetMs) {
        summary = await summarise(db, ev, people.length, false)
        // only while the event is still pending: a run that finished it meanwhile wrote done: true
        await all.update({ _id: activityId, 'pendingEvents.id': ev.id }, { told: summary })
        return summary
      }
      const chunk = people.slice(i, i + CONCURRENCY)
      const settled = await from(db, inbox).find((q) =>
        q
          .where({ eventId: ev.id, push: _.in(SETTLED), openid: _.in(chunk) })
          .field({ openid: true })
          .limit(chunk.length),
      )
      const done = new Set(settled.map((r) => r.openid))
      await Promise.all(chunk.filter((p) => !done.has(p)).map((p) => notify(deps, p, message)))
    }
    summary = await summarise(db, ev, people.length, true)
    await all.ref.doc(activityId).update({ data: { pendingEvents: _.pull({ id: ev.id }), told: summary } })
  }
  await all.update({ _id: activityId, pendingEvents: _.size(0) }, { telling: false })
  return summary
}

async function summarise(db: Db, ev: PendingEvent, toTell: number, done: boolean): Promise<ToldSummary> {
  const { total, byMessage } = await eventCounts(db, ev.id)
  return {
    eventId: ev.id,
    kind: ev.kind,
    toTell,
    told: total,
    byMessage,
    inboxOnly: total - byMessage,
    done,
    at: new Date(ev.at).getTime(),
  }
}

/**
 * The timer's share: activities with events still to tell, a few per run, within what is left of the
 * run's budget (timer-budget.ts: shared with reconcileRegistrations before it).
 */
export async function tellPending(
  deps: NotifyDeps,
  budgetMs = timerDeadline(deps) - Date.now(),
): Promise<number> {
  const started = Date.now()
  const pending = await from(deps.db, activities).find((q) =>
    q.where({ telling: true }).field({ _id: true }).limit(TIMER_ACTIVITIES),
  )
  for (const a of pending) {
    const left = budgetMs - (Date.now() - started)
    if (left <= 0) break
    await tellRegistrants(deps, a._id, left)
  }
  return pending.length
}
