import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { TeamList } from '@/features/people/components/team-list'
import { api } from '@/lib/api'
import { useMe } from '@/lib/use-me'
import { useQuery } from '@/lib/use-query'

/** 志愿服务队: the teams of a unit (default: my home station) and of the units above it. */
export default function TeamsPage() {
  const { params } = useRouter()
  const me = useMe()
  const fromMe = me.status === 'success' ? me.data.homeUnitId : null
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : fromMe
  const teams = useQuery(unitId ? `people:teams:${unitId}` : null, () =>
    api.people.teams({ unitId: unitId! }),
  )
  const noHome = !unitId && me.status === 'success'
  return (
    <Page title="志愿服务队">
      {noHome ? (
        <Note>还没有设置所在站点：请在首页扫站点二维码或选择离您最近的站点，再来看这里的服务队。</Note>
      ) : (
        <QueryView query={teams} loadingText="正在加载服务队…">
          {(data) => <TeamList teams={data.teams} />}
        </QueryView>
      )}
    </Page>
  )
}
