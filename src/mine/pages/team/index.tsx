import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { TeamView } from '@/features/people/components/team-view'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

export default function TeamPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const team = useQuery(`people:team:${id}`, () => api.people.team({ id }), { refreshOnShow: true })
  return (
    <Page title={team.status === 'success' ? team.data.team.name : '服务队'}>
      <QueryView query={team} loadingText="正在加载服务队…">
        {(page) => <TeamView page={page} onChange={team.retry} />}
      </QueryView>
    </Page>
  )
}
