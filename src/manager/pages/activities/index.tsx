import { useRouter } from '@tarojs/taro'
import { weekKey } from '@core/time'
import { weekStartOf } from '@core/activities/week'
import { Page } from '@/components/page'
import { ManagedWeek } from '@/features/activities/components/manager/managed-week'

/** Managers' activities (subpackage `manager/`: kept out of the main package). */
export default function ManagedActivitiesPage() {
  const { params } = useRouter()
  const week =
    params.week && /^\d{4}-\d{2}-\d{2}$/.test(params.week) ? weekStartOf(params.week) : weekKey(Date.now())
  return (
    <Page title="管理活动">
      <ManagedWeek initialWeek={week} />
    </Page>
  )
}
