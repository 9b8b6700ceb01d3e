import { Button } from '@/components/button'
import { useQuery } from '@/lib/use-query'
import { getUnread } from '../api/get-unread'
import { inboxLabel } from '../format'
import { openInbox } from '../navigation'
import { useRefreshOnShow } from '@/lib/use-refresh-on-show'

/** The way in to 我的消息, with the unread count written out (home page and 我的). */
export function InboxEntry({ primary = false }: { primary?: boolean }) {
  const query = useQuery('inbox:unread', getUnread)
  useRefreshOnShow(query.retry)
  const unread = query.status === 'success' ? query.data.unread : 0
  return (
    <Button variant={primary && unread > 0 ? 'primary' : undefined} block onClick={openInbox}>
      {inboxLabel(unread)}
    </Button>
  )
}
