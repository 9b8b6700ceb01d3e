import { Page } from '@/components/page'
import { InboxList } from '@/features/inbox/components/inbox-list'

export default function InboxPage() {
  return (
    <Page title="我的消息">
      <InboxList />
    </Page>
  )
}
