import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ActivityDetailView } from '@/features/activities/components/activity-detail'
import { ActivityPreview } from '@/features/activities/components/activity-preview'
import { findCachedItem, useWeekCache } from '@/features/activities/week-cache'
import { SlotPanel } from '@/features/people/components/slot-panel'
import { SubscribeButton } from '@/features/subscribe/subscribe-button'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export default function ActivityPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const query = useQuery(`activities:get:${id}`, () => api.activities.get({ id }))
  const seen = useWeekCache((state) => findCachedItem(state.entries, id))
  const title = query.status === 'success' ? query.data.activity.title : (seen?.title ?? '活动详情')
  return (
    <Page title={title}>
      {query.status !== 'success' && seen && <ActivityPreview item={seen} />}
      <QueryView query={query} loadingText="正在加载活动详情…">
        {(answer) => (
          <>
            <ActivityDetailView answer={answer} />
            <SlotPanel
              activityId={answer.activity._id}
              volunteerSlots={answer.activity.volunteerSlots}
              open={answer.activity.status === 'published' && answer.activity.start > answer.serverNow}
              canManage={answer.canManage}
            />
            <SubscribeButton stationId={answer.activity.unitId} />
          </>
        )}
      </QueryView>
    </Page>
  )
}
