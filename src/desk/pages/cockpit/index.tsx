import { formatDate } from '@core/time'
import { View } from '@tarojs/components'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MonthFigures, OrderFunnel, Ranking, UnitMap } from '@/desk/cockpit/cockpit'
import { useCockpitReport, useSubtree } from '@/desk/cockpit/use-cockpit'
import { useMe } from '@/lib/use-me'

function Cockpit({ unitId }: { unitId: string }) {
  const report = useCockpitReport(unitId, formatDate(Date.now()))
  const subtree = useSubtree(unitId)
  return (
    <div className="desk-grid">
      <QueryView query={subtree} loadingText="正在读取单位分布…">
        {(t) => <UnitMap units={t.units} truncated={t.truncated} />}
      </QueryView>
      <QueryView query={report} loadingText="正在统计…">
        {(r) => (
          <>
            <MonthFigures report={r} />
            <OrderFunnel orders={r.orders} />
            <Ranking report={r} />
          </>
        )}
      </QueryView>
    </div>
  )
}

/**
 * 数据驾驶舱 (subpackage `desk/`, H5 builds only: src/app.config.ts): the first unit I manage, its
 * subtree. The server checks the scope of every call (stats.report, network.tree).
 */
export default function CockpitPage() {
  const me = useMe()
  return (
    <Page title="数据驾驶舱">
      <QueryView query={me}>
        {(m) =>
          m.managedUnitIds[0] ? (
            <Cockpit unitId={m.managedUnitIds[0]} />
          ) : (
            <View>数据驾驶舱仅供专管员使用。</View>
          )
        }
      </QueryView>
    </Page>
  )
}
