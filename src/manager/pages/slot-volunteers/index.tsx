import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { SlotVolunteers } from '@/features/people/components/slot-volunteers'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** Who signed up for an activity's volunteer slots (managers of its unit). */
export default function SlotVolunteersPage() {
  const { params } = useRouter()
  const activityId = decodeURIComponent(params.activityId ?? '')
  const answer = useQuery(`people:slotVolunteers:${activityId}`, () =>
    api.people.slotVolunteers({ activityId }),
  )
  return (
    <Page title="报名的志愿者">
      <QueryView query={answer} loadingText="正在加载…">
        {(data) => <SlotVolunteers answer={data} />}
      </QueryView>
    </Page>
  )
}
