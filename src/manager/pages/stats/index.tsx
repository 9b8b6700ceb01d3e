import { View } from '@tarojs/components'
import { useState } from 'react'
import type { PeriodKind } from '@core/contract'
import { Button } from '@/components/button'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ExportButton } from '@/features/stats/components/export-button'
import { StatsReportView } from '@/features/stats/components/stats-report'
import { useStatsReport } from '@/features/stats/use-stats'
import { useMe } from '@/lib/use-me'

const PERIODS: Array<{ kind: PeriodKind; label: string }> = [
  { kind: 'week', label: '本周' },
  { kind: 'month', label: '本月' },
  { kind: 'year', label: '本年' },
]

/** Today in Shanghai as YYYY-MM-DD (the phone's own zone may differ). */
function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

function Report({ unitId }: { unitId: string }) {
  const [period, setPeriod] = useState<PeriodKind>('month')
  const date = shanghaiToday()
  const report = useStatsReport(unitId, period, date)
  return (
    <>
      <View className="stats-periods">
        {PERIODS.map((p) => (
          <Button key={p.kind} onClick={() => setPeriod(p.kind)} disabled={p.kind === period}>
            {p.label}
          </Button>
        ))}
      </View>
      <QueryView query={report} loadingText="正在统计…">
        {(data) => <StatsReportView report={data} />}
      </QueryView>
      <ExportButton unitId={unitId} period={period} date={date} />
    </>
  )
}

/** 统计 for managers (subpackage `manager/`): the first unit I manage, its subtree's figures. */
export default function StatsPage() {
  const me = useMe()
  return (
    <Page title="统计">
      <QueryView query={me}>
        {(m) =>
          m.managedUnitIds[0] ? <Report unitId={m.managedUnitIds[0]} /> : <View>你还没有管理的单位</View>
        }
      </QueryView>
    </Page>
  )
}
