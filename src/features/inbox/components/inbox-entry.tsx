import { Button } from '@/components/button'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { inboxLabel } from '../format'
import { openInbox } from '../navigation'

/** The way in to 我的消息, with the unread count written out (home page and 我的). */
export function InboxEntry({ primary = false }: { primary?: boolean }) {
  const query = useQuery('inbox:unread', () => api.inbox.unread(), { refreshOnShow: true })
  const unread = query.status === 'success' ? query.data.unread : 0
  return (
    <Button variant={primary && unread > 0 ? 'primary' : undefined} block onClick={openInbox}>
      {inboxLabel(unread)}
    </Button>
  )
}
