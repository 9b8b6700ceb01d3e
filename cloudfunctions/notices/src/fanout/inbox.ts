/**
 * Each notice also lands in the person's inbox (我的消息), written through the shared notify service's
 * record: one message per (job, subscriber), `_id` `notice:<job>:<openid>`, before the subscribe message
 * is claimed and sent (the inbox is the promise, the message the bonus). A wave's messages go in one
 * insert; when some exist already (a resumed run), each goes through `notify`, whose unique insert
 * keeps it one. The fan-out sends the subscribe message itself (the job's own claims and recovery),
 * so the inbox record carries no push.
 */
import { formatClock, formatDayLong, formatSpan } from '../../../../core/time'
import { inbox } from '../../../../core/contract/inbox.collections'
import type { JobDoc } from '../../../../core/contract/notices.collections'
import type { NoticeValues } from '../../../../core/notices/template'
import { from } from '../../../../server/db'
import { inboxDoc, notify, type NotifyDeps, type NotifyEvent } from '../../../../server/notify'

export const noticeEventId = (jobId: string): string => `notice:${jobId}`

/** What the inbox says, written out as elders read it. */
export function noticeEvent(
  job: Pick<JobDoc, '_id' | 'kind' | 'title' | 'template'>,
  v: NoticeValues,
): NotifyEvent {
  const when = v.time.end
    ? formatSpan(v.time.start, v.time.end)
    : `${formatDayLong(v.time.start)} ${formatClock(v.time.start)}`
  const heading = job.kind === 'practiceDay' ? '文明实践日提醒' : '实践站通知'
  const lines = [v.title ?? v.theme, `时间：${when}`, `地点：${v.place}`]
  if (v.note && v.note !== v.title) lines.push(v.note)
  return {
    id: noticeEventId(job._id),
    kind: 'notice',
    title: `${heading}：${job.title}`,
    body: lines.join('\n'),
    page: job.template.page,
  }
}

export async function writeInbox(
  deps: NotifyDeps,
  messages: { openid: string; event: NotifyEvent }[],
): Promise<void> {
  if (messages.length === 0) return
  const t = deps.now()
  const docs = messages.map(({ openid, event }) => inboxDoc(openid, event, t))
  const messagesOf = from(deps.db, inbox)
  try {
    await messagesOf.insert(docs)
    return
  } catch {
    // some exist already (a resumed run): the rest in one write, read back rather than trusted
  }
  const existing = new Set(
    (
      await messagesOf.find((ref) =>
        ref
          .where({ _id: deps._.in(docs.map((d) => d._id)) })
          .field({ _id: true })
          .limit(docs.length),
      )
    ).map((d) => d._id),
  )
  const missing = messages.filter((_m, i) => !existing.has(docs[i]!._id))
  try {
    if (missing.length) await messagesOf.insert(docs.filter((d) => !existing.has(d._id)))
  } catch {
    // raced by another writer: one by one, each kept unique by notify
    for (const { openid, event } of missing) await notify(deps, openid, event)
  }
}
