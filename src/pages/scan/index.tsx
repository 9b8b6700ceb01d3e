import { useRouter } from '@tarojs/taro'
import { useMemo } from 'react'
import { Page } from '@/components/page'
import { ErrorNotice } from '@/components/error-notice'
import { QueryView } from '@/components/query-view'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { ScanAgain } from '@/features/signin/components/scan-again'
import { StationLanding } from '@/features/signin/components/station-landing'
import { VolunteerCode } from '@/features/signin/components/volunteer-code'
import { scanTarget } from '@/features/signin/scan-target'
import { useStationLanding } from '@/features/signin/use-station-landing'
import { SubscribeButton } from '@/features/subscribe/subscribe-button'

/** Where every printed station code and rotating volunteer code opens (wxacode page pages/scan/index). */
export default function ScanPage() {
  const { params } = useRouter()
  const target = useMemo(() => scanTarget(params), [params])
  const landing = useStationLanding(target.kind === 'station' ? target.scene : null)

  if (target.kind === 'volunteer') {
    return (
      <Page title="志愿者签到">
        <PrivacyConsent />
        <VolunteerCode token={target.token} />
      </Page>
    )
  }
  if (target.kind === 'invalid') {
    return (
      <Page title="扫码签到">
        <ErrorNotice message={target.message} />
        <ScanAgain />
      </Page>
    )
  }
  return (
    <Page title={landing.status === 'success' ? landing.data.unit.name : '实践站'}>
      <PrivacyConsent />
      <QueryView query={landing} loadingText="正在打开实践站…">
        {(data) => (
          <StationLanding landing={data}>
            <SubscribeButton stationId={data.unit._id} />
          </StationLanding>
        )}
      </QueryView>
      {landing.status === 'error' && <ScanAgain />}
    </Page>
  )
}
