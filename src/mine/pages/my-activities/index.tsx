import { Page } from '@/components/page'
import { MyActivities } from '@/features/activities/components/my-activities'

export default function MyActivitiesPage() {
  return (
    <Page title="我的活动">
      <MyActivities />
    </Page>
  )
}
