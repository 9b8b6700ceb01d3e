import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { StationWeekEntry } from '@/features/activities/components/home-entries'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { StationDetail } from '@/features/stations/components/station-detail'
import { useStation } from '@/features/stations/use-station'
import { SubscribeButton } from '@/features/subscribe/subscribe-button'

export default function StationPage() {
  const { params } = useRouter()
  const station = useStation(decodeURIComponent(params.id ?? ''))
  return (
    <Page title={station.status === 'success' ? station.data.unit.name : '实践站'}>
      <PrivacyConsent />
      <QueryView query={station} loadingText="正在打开实践站…">
        {(detail) => (
          <>
            <StationWeekEntry unitId={detail.unit._id} />
            <StationDetail detail={detail} />
            <SubscribeButton stationId={detail.unit._id} />
          </>
        )}
      </QueryView>
    </Page>
  )
}
