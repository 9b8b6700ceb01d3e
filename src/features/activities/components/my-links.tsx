import { Button } from '@/components/button'
import { useQuery } from '@/lib/use-query'
import { getMyAccount } from '../api/get-my-account'
import { openManagedActivities, openMyActivities } from '../navigation'

/** 我的活动 for everyone; 管理活动 for managers (专管员), once the account says so. */
export function MyLinks() {
  const me = useQuery('users:me', getMyAccount)
  const manages = me.status === 'success' && me.data.managedUnitIds.length > 0
  return (
    <>
      <Button variant="primary" block onClick={openMyActivities}>
        我的活动（我报名的）
      </Button>
      {manages && (
        <Button block onClick={openManagedActivities}>
          管理活动（发布、编辑、取消）
        </Button>
      )}
    </>
  )
}
