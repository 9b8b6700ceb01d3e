import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { JoinRequests } from '@/features/people/components/join-requests'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 入队申请审核: team leaders and managers decide the requests they may decide. */
export default function JoinRequestsPage() {
  const requests = useQuery('people:joinRequests', () => api.people.joinRequests(), { refreshOnShow: true })
  return (
    <Page title="入队申请审核">
      <QueryView query={requests} loadingText="正在加载入队申请…">
        {(data) => <JoinRequests requests={data.requests} onChange={requests.retry} />}
      </QueryView>
    </Page>
  )
}
