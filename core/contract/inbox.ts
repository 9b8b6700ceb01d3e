import * as z from 'zod'
import { action, fields } from './define'

/** What an inbox message is about (new kinds are added by the functions that tell people things). */
export const INBOX_KINDS = ['activityCancelled', 'activityChanged', 'notice', 'order'] as const
export type InboxKind = (typeof INBOX_KINDS)[number]

/** How the message reached the person besides the inbox. */
export type InboxPush =
  /** no subscribe message for this kind */
  | 'none'
  /** being sent */
  | 'pending'
  | 'sending'
  /** also sent as a WeChat subscribe message */
  | 'sent'
  /** no credit for the template: inbox only */
  | 'noCredit'
  /** WeChat refused (error code kept on the record) */
  | 'failed'
  /** the sender stopped mid-send and a retry could duplicate it: not retried */
  | 'unknown'

/** One line of 我的消息 (times as epoch milliseconds). */
export interface InboxMessage {
  _id: string
  kind: InboxKind
  title: string
  body: string
  /** the mini-program page it opens, e.g. 'pages/activity/index?id=…' */
  page: string
  createdAt: number
  read: boolean
}

export const INBOX_PAGE_MAX = 50

export const inbox = {
  /**
   * 我的消息, newest first (by createdAt, then _id); `before` and `beforeId` page back: the createdAt and
   * _id of the last one shown (a message sharing its millisecond is not skipped).
   */
  list: action<{ items: InboxMessage[]; unread: number; more: boolean }>()({
    input: z.object({
      before: z.number().int('时间格式不对').positive('时间格式不对').optional(),
      beforeId: z.string().min(1, '消息编号格式不对').max(200, '消息编号格式不对').optional(),
      limit: fields.limit(INBOX_PAGE_MAX, 20),
    }),
    roles: ['resident'],
  }),
  /** The unread count the home page shows. */
  unread: action<{ unread: number }>()({ input: z.object({}).default({}), roles: ['resident'] }),
  /** Marks the given messages (or all) read; answers the unread count left. */
  markRead: action<{ unread: number }>()({
    input: z
      .object({
        ids: z
          .array(z.string({ error: '缺少消息编号' }).min(1, '缺少消息编号').max(200, '消息编号格式不对'))
          .max(INBOX_PAGE_MAX, `一次最多 ${INBOX_PAGE_MAX} 条`)
          .optional(),
        all: z.boolean().optional(),
      })
      .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, { message: '请选择要标为已读的消息' }),
    roles: ['resident'],
  }),
}
