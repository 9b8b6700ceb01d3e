import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PosterPanel } from '@/features/posters/components/poster-panel'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { useStation } from '@/features/stations/use-station'
import { useMe } from '@/lib/use-me'

function ForUnit({ unitId }: { unitId: string }) {
  const station = useStation(unitId)
  return (
    <QueryView query={station} loadingText="正在读取站点…">
      {(s) => <PosterPanel unitId={unitId} unitName={s.unit.name} />}
    </QueryView>
  )
}

/**
 * 活动预告海报 (subpackage `manager/`): `?unitId=` or the first unit I manage. The server checks the
 * caller manages the unit (posters.weekly).
 */
export default function PostersPage() {
  const { params } = useRouter()
  const fromLink = params.unitId ? decodeURIComponent(params.unitId) : undefined
  return (
    <Page title="活动预告海报">
      <PrivacyConsent />
      {fromLink ? <ForUnit unitId={fromLink} /> : <FirstManaged />}
    </Page>
  )
}

function FirstManaged() {
  const me = useMe()
  return (
    <QueryView query={me}>
      {(m) =>
        m.managedUnitIds[0] ? <ForUnit unitId={m.managedUnitIds[0]} /> : <View>你还没有管理的站点</View>
      }
    </QueryView>
  )
}
