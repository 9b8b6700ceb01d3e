import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MySlots } from '@/features/people/components/my-slots'
import { VolunteerView } from '@/features/people/components/volunteer-view'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { api } from '@/lib/api'
import { useMe } from '@/lib/use-me'
import { useQuery } from '@/lib/use-query'

/** 成为志愿者 / 我的志愿者信息, and the volunteer slots I signed up for. */
export default function VolunteerPage() {
  const mine = useQuery('people:myVolunteer', () => api.people.myVolunteer())
  const stations = useQuery('stations:list:all', () => api.stations.list({ limit: 100 }))
  const me = useMe()
  const active = mine.status === 'success' && mine.data.profile?.status === 'active'
  const slots = useQuery(active ? 'people:mySlots' : null, () => api.people.mySlots())
  const title = active ? '我的志愿者信息' : '成为志愿者'
  return (
    <Page title={title}>
      <PrivacyConsent />
      <QueryView query={mine} loadingText="正在加载…">
        {(data) => (
          <QueryView query={stations} loadingText="正在加载站点…">
            {(list) => (
              <VolunteerView
                mine={data}
                stations={list.stations}
                homeUnitId={me.status === 'success' ? me.data.homeUnitId : null}
                onChange={me.retry}
              />
            )}
          </QueryView>
        )}
      </QueryView>
      {active && slots.status === 'success' && <MySlots slots={slots.data} />}
    </Page>
  )
}
