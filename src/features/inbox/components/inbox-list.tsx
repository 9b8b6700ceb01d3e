import { View } from '@tarojs/components'
import { useState } from 'react'
import type { InboxMessage } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { List, ListItem } from '@/components/list-item'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { toCloudError } from '@/lib/cloud'
import { useQuery } from '@/lib/use-query'
import { messageLines } from '../format'
import { openMessagePage } from '../navigation'

/**
 * 我的消息: everything the app told me, newest first. Opening a message marks it read and goes to what
 * it is about; 全部标为已读 clears the count on the home page. 更早的消息 pages back.
 */
export function InboxList() {
  const query = useQuery('inbox:list', () => api.inbox.list(), { refreshOnShow: true })
  const [older, setOlder] = useState<InboxMessage[]>([])
  const [more, setMore] = useState<boolean>()
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const [error, setError] = useState<string>()
  const now = Date.now()

  const open = (m: InboxMessage) => {
    setReadIds((s) => new Set(s).add(m._id))
    if (!m.read) api.inbox.markRead({ ids: [m._id] }).catch(() => undefined)
    openMessagePage(m.page)
  }

  return (
    <QueryView query={query} loadingText="正在加载我的消息…">
      {(first) => {
        const items = [...first.items, ...older].map((m) => (readIds.has(m._id) ? { ...m, read: true } : m))
        const unread = items.filter((m) => !m.read).length
        const hasMore = more ?? first.more
        const loadOlder = async () => {
          setError(undefined)
          try {
            const last = items[items.length - 1]
            const page = await api.inbox.list({ before: last?.createdAt, beforeId: last?._id })
            setOlder((o) => [...o, ...page.items])
            setMore(page.more)
          } catch (e) {
            setError(toCloudError(e).message)
          }
        }
        const readAll = async () => {
          setError(undefined)
          try {
            await api.inbox.markRead({ all: true })
            setReadIds(new Set(items.map((m) => m._id)))
          } catch (e) {
            setError(toCloudError(e).message)
          }
        }
        return (
          <>
            <View {...a11y({ role: 'status', live: 'polite' })}>
              <Note>{unread > 0 ? `有 ${unread} 条未读消息。` : '没有未读消息。'}</Note>
            </View>
            {error && <ErrorNotice message={error} />}
            {items.length === 0 ? (
              <Note>还没有消息。您报名的活动有变动或取消时，会写在这里。</Note>
            ) : (
              <List label="我的消息">
                {items.map((m) => (
                  <ListItem key={m._id} title={m.title} lines={messageLines(m, now)} onOpen={() => open(m)} />
                ))}
              </List>
            )}
            {unread > 0 && (
              <Button block onClick={readAll}>
                全部标为已读
              </Button>
            )}
            {hasMore && (
              <Button block onClick={loadOlder}>
                更早的消息
              </Button>
            )}
          </>
        )
      }}
    </QueryView>
  )
}
