import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { weekKey } from '@core/time'
import { weekStartOf } from '@core/activities/week'
import { Page } from '@/components/page'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { WeekView, weekPageTitle } from '@/features/activities/components/week-view'
import type { ScopeChoice } from '@/features/activities/scope'
import { useWeekCache } from '@/features/activities/week-cache'

function initialWeek(param: string | undefined): string {
  return param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? weekStartOf(param) : weekKey(Date.now())
}

/**
 * 每周活动预告. `?unitId=` opens one station's week (from its page or its QR code); otherwise the place
 * viewed last time, or the 15-minute circle; `?week=` any date of the week wanted.
 */
export default function WeekPage() {
  const { params } = useRouter()
  const lastScope = useWeekCache((state) => state.lastScope)
  const setLastScope = useWeekCache((state) => state.setLastScope)
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined
  const [scope, setScope] = useState<ScopeChoice | null>(
    unitId ? { kind: 'unit', unitId } : (lastScope ?? { kind: 'nearby' }),
  )
  const [week, setWeek] = useState(() => initialWeek(params.week))

  return (
    <Page title={weekPageTitle(week)}>
      <PrivacyConsent />
      <WeekView
        scope={scope}
        week={week}
        onScope={(next) => {
          setScope(next)
          setLastScope(next)
        }}
        onWeek={setWeek}
      />
    </Page>
  )
}
