import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { StationCodesPanel } from '@/features/signin/components/station-codes-panel'
import { useStationCodes } from '@/features/signin/use-station-codes'

/** 站点二维码: generate each unit's printed code once, download it with the unit's name to print. */
export default function StationCodesPage() {
  const { params } = useRouter()
  const codes = useStationCodes(params.unitId ? decodeURIComponent(params.unitId) : undefined)
  return (
    <Page title="站点二维码">
      <PrivacyConsent />
      <QueryView query={codes} loadingText="正在查询站点…">
        {(data) => <StationCodesPanel units={data.units} truncated={data.truncated} />}
      </QueryView>
    </Page>
  )
}
