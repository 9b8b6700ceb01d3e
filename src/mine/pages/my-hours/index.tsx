import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { MyHoursList } from '@/features/signin/components/my-hours-list'
import { useMyHours } from '@/features/signin/use-my-hours'

export default function MyHoursPage() {
  const hours = useMyHours()
  return (
    <Page title="我的志愿时长">
      <PrivacyConsent />
      <QueryView query={hours} loadingText="正在查询志愿时长…">
        {(first) => <MyHoursList first={first} />}
      </QueryView>
    </Page>
  )
}
