import { Button } from '@/components/button'
import { Heading } from '@/components/heading'
import { List, ListItem } from '@/components/list-item'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import type { ScopeChoice } from '../scope'

/** The stations a reader can choose the weekly list of (the network's first 100, by code). */
const STATION_CHOICES = 100

/** Where to see activities: near me (the 15-minute circle) or one station, chosen from the list. */
export function ScopeChooser({ onChoose }: { onChoose: (scope: ScopeChoice) => void }) {
  const stations = useQuery('activities:stations', () => api.stations.list({ limit: STATION_CHOICES }))
  return (
    <>
      <Heading>看哪里的活动</Heading>
      <Button variant="primary" block onClick={() => onChoose({ kind: 'nearby' })}>
        我附近的活动（步行约15分钟）
      </Button>
      <QueryView query={stations} loadingText="正在加载实践站列表…">
        {({ stations: list }) => (
          <List label="选择实践站">
            {list.map((s) => (
              <ListItem
                key={s._id}
                title={s.name}
                lines={[s.address]}
                onOpen={() => onChoose({ kind: 'unit', unitId: s._id })}
              />
            ))}
          </List>
        )}
      </QueryView>
    </>
  )
}
