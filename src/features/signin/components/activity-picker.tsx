import type { OutputOf } from '@core/contract'
import { formatSpan, relativeDay } from '@core/time'
import { Note } from '@/components/card'
import { List, ListItem } from '@/components/list-item'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

type Managed = OutputOf<'activities', 'managed'>

/** The manager's activities of this week, today's first, to open one's sign-in code or live list. */
export function ActivityPicker({ onPick, label }: { onPick: (activityId: string) => void; label: string }) {
  const query = useQuery('signin:managed-week', () => api.activities.managed())
  return (
    <QueryView query={query} loadingText="正在查找本周活动…">
      {(data: Managed) => {
        const items = data.items.filter((a) => a.status === 'published')
        const today = items.filter((a) => relativeDay(a.start, data.serverNow) === '今天')
        const others = items.filter((a) => relativeDay(a.start, data.serverNow) !== '今天')
        if (items.length === 0) return <Note>本周您管理的站点没有活动。</Note>
        return (
          <List label={label}>
            {[...today, ...others].map((a) => (
              <ListItem
                key={a._id}
                title={a.title}
                lines={[
                  `${relativeDay(a.start, data.serverNow) ?? ''}${formatSpan(a.start, a.end)}`,
                  `${a.unitName} · 已签到 ${a.attendedCount} 人`,
                ]}
                onOpen={() => onPick(a._id)}
              />
            ))}
          </List>
        )
      }}
    </QueryView>
  )
}
