import { Note } from '@/components/card'
import { QueryView } from '@/components/query-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { StationList } from './station-list'

const PAGE_SIZE = 100

/** The fallback when there is no location: the network's stations by name. */
export function AllStations() {
  const query = useQuery('stations:list', () => api.stations.list({ limit: PAGE_SIZE }))
  return (
    <QueryView query={query} loadingText="正在加载实践站列表…">
      {({ stations, nextCursor }) => (
        <>
          {stations.length === 0 ? (
            <Note>还没有登记的实践站。</Note>
          ) : (
            <StationList stations={stations} label="全部实践站" />
          )}
          {nextCursor !== null && <Note>这里只列出了前 {PAGE_SIZE} 个实践站。</Note>}
        </>
      )}
    </QueryView>
  )
}
