import { Button } from '@/components/button'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'
import { openJoinRequests, openTeams, openVolunteer } from '../navigate'

/** 我的: 成为志愿者 or 我的志愿者信息, the teams, and (leaders, managers) 入队申请审核. */
export function VolunteerEntries({ manager }: { manager: boolean }) {
  const mine = useQuery('people:myVolunteer', () => api.people.myVolunteer(), { refreshOnShow: true })
  const profile = mine.status === 'success' ? mine.data.profile : null
  const active = profile?.status === 'active'
  return (
    <>
      <Button block onClick={openVolunteer}>
        {active ? `我的志愿者信息（编号 ${profile.number}）` : '成为志愿者'}
      </Button>
      {active && (
        <Button block onClick={() => openTeams(profile.homeUnitId)}>
          志愿服务队
        </Button>
      )}
      {(active || manager) && (
        <Button block onClick={openJoinRequests}>
          入队申请审核（队长、专管员）
        </Button>
      )}
    </>
  )
}
