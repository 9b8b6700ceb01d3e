/** 我的消息: the caller's inbox (written by server/notify), newest first, and what is unread. */
import type { InboxMessage } from '../../../core/contract'
import { inbox, type InboxDoc } from '../../../core/contract/inbox.collections'
import { from } from '../../../server/db'
import type { Handler } from '../../../server/router'
import type { Db } from '../../../server/types'

const LIST_FIELDS = { title: true, body: true, kind: true, page: true, createdAt: true, readAt: true }

function view(d: Pick<InboxDoc, '_id' | keyof typeof LIST_FIELDS>): InboxMessage {
  return {
    _id: d._id,
    kind: d.kind,
    title: d.title,
    body: d.body,
    page: d.page,
    createdAt: new Date(d.createdAt).getTime(),
    read: d.readAt !== null && d.readAt !== undefined,
  }
}

const unreadOf = (db: Db, openid: string): Promise<number> => from(db, inbox).count({ openid, readAt: null })

/**
 * Pages on (createdAt, _id), both descending: after the last one shown come the older messages and those
 * of the same millisecond with a smaller _id (several messages are written in one millisecond when an
 * activity is cancelled and a notice goes out together).
 */
export const list: Handler<'inbox', 'list'> = async (input, { db, _, caller }) => {
  const openid = caller.openid
  let where: object = { openid }
  if (input.before) {
    const before = new Date(input.before)
    where = input.beforeId
      ? _.or([
          { openid, createdAt: _.lt(before) },
          { openid, createdAt: before, _id: _.lt(input.beforeId) },
        ])
      : { openid, createdAt: _.lt(before) }
  }
  const [found, unread] = await Promise.all([
    from(db, inbox).find((ref) =>
      ref
        .where(where)
        .field(LIST_FIELDS)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(input.limit + 1),
    ),
    unreadOf(db, caller.openid),
  ])
  return { items: found.slice(0, input.limit).map(view), unread, more: found.length > input.limit }
}

export const unread: Handler<'inbox', 'unread'> = async (_input, { db, caller }) => ({
  unread: await unreadOf(db, caller.openid),
})

/** Only the caller's own messages are touched: the openid is part of every condition. */
export const markRead: Handler<'inbox', 'markRead'> = async (input, { db, _, caller, now }) => {
  const where: Record<string, unknown> = { openid: caller.openid, readAt: null }
  if (!input.all) where._id = _.in(input.ids ?? [])
  await from(db, inbox).update(where, { readAt: now() })
  return { unread: await unreadOf(db, caller.openid) }
}
