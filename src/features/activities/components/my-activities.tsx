import type { MyActivity } from '@core/contract'
import { Note } from '@/components/card'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { itemLines, whenText } from '../format'
import { openActivity } from '../navigation'

function Registrations({ list, label, now }: { list: MyActivity[]; label: string; now: number }) {
  return (
    <List label={label}>
      {list.map(({ activity }) => (
        <ListItem
          key={activity._id}
          title={activity.title}
          lines={itemLines(activity, now, { withDate: true })}
          onOpen={() => openActivity(activity._id)}
        />
      ))}
    </List>
  )
}

/** 我的活动: what I registered for, coming ones first, cancelled ones (with the reason), past ones. */
export function MyActivities() {
  const query = useQuery('activities:mine', () => api.activities.mine(), {
    refreshOnShow: true,
  })
  const now = Date.now()
  return (
    <QueryView query={query} loadingText="正在加载我报名的活动…">
      {({ upcoming, cancelled, past }) => (
        <>
          <Heading>即将参加</Heading>
          {upcoming.length === 0 ? (
            <Note>您还没有报名即将举行的活动。可以在“本周活动”里看看。</Note>
          ) : (
            <Registrations list={upcoming} label="即将参加的活动" now={now} />
          )}
          {cancelled.length > 0 && (
            <>
              <Heading>已取消</Heading>
              <List label="已取消的活动">
                {cancelled.map(({ activity, cancelReason }) => (
                  <ListItem
                    key={activity._id}
                    title={activity.title}
                    lines={[
                      `时间：${whenText(activity, now)}`,
                      `状态：已取消${cancelReason ? `，原因：${cancelReason}` : ''}`,
                    ]}
                    onOpen={() => openActivity(activity._id)}
                  />
                ))}
              </List>
            </>
          )}
          {past.length > 0 && (
            <>
              <Heading>参加过的</Heading>
              <Registrations list={past} label="参加过的活动" now={now} />
            </>
          )}
        </>
      )}
    </QueryView>
  )
}
