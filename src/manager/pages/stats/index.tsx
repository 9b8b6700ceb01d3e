import { View } from '@tarojs/components'
import { useState } from 'react'
import type { PeriodKind } from '@core/contract'
import { formatDate } from '@core/time'
import { Button } from '@/components/button'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { ExportButton } from '@/features/stats/components/export-button'
import { StatsReportView } from '@/features/stats/components/stats-report'
import { shiftDate } from '@/features/stats/figures-view'
import { useStatsReport, useUnitNames } from '@/features/stats/use-stats'
import { useMe } from '@/lib/use-me'

const PERIODS: Array<{ kind: PeriodKind; label: string; unit: string }> = [
  { kind: 'week', label: '周', unit: '周' },
  { kind: 'month', label: '月', unit: '月' },
  { kind: 'year', label: '年', unit: '年' },
]

interface Step {
  unitId: string
  name: string
}

/**
 * One unit's figures: 周/月/年 and 上一/下一 to move through periods; the child units open their own
 * figures (the trail leads back up, never above the unit I manage: the server refuses anything else).
 */
function Report({ root }: { root: string }) {
  const today = formatDate(Date.now())
  const [trail, setTrail] = useState<Step[]>([{ unitId: root, name: '' }])
  const [period, setPeriod] = useState<PeriodKind>('month')
  const [date, setDate] = useState(today)
  const unitId = trail[trail.length - 1]!.unitId
  const report = useStatsReport(unitId, period, date)
  const unit = PERIODS.find((p) => p.kind === period)!.unit
  const atNow = shiftDate(date, period, 1) > today
  const parent = trail.length > 1 ? trail[trail.length - 2]! : null
  return (
    <>
      {parent && (
        <View className="stats-units">
          <Button
            label={`返回上级：${parent.name || '我管理的单位'}`}
            onClick={() => setTrail(trail.slice(0, -1))}
          >
            {`返回上级：${parent.name || '我管理的单位'}`}
          </Button>
        </View>
      )}
      <View className="stats-periods">
        {PERIODS.map((p) => (
          <Button
            key={p.kind}
            pressed={p.kind === period}
            label={`按${p.label}统计`}
            onClick={() => {
              setPeriod(p.kind)
              setDate(today)
            }}
          >
            {`按${p.label}`}
          </Button>
        ))}
      </View>
      <View className="stats-nav">
        <Button onClick={() => setDate(shiftDate(date, period, -1))}>{`上一${unit}`}</Button>
        <Button disabled={atNow} onClick={() => setDate(atNow ? date : shiftDate(date, period, 1))}>
          {`下一${unit}`}
        </Button>
        {date !== today && <Button onClick={() => setDate(today)}>{`本${unit}`}</Button>}
      </View>
      <QueryView query={report} loadingText="正在统计…">
        {(data) => (
          <StatsReportView
            report={data}
            onOpen={(id, name) =>
              setTrail([
                ...trail.slice(0, -1),
                { unitId: trail[trail.length - 1]!.unitId, name: data.unit.name },
                { unitId: id, name },
              ])
            }
          />
        )}
      </QueryView>
      <ExportButton unitId={unitId} period={period} date={date} />
    </>
  )
}

/** With several units managed: a button for each, by name once the names are in. */
function RootPicker({ ids, root, onPick }: { ids: string[]; root: number; onPick: (i: number) => void }) {
  const names = useUnitNames(ids)
  return (
    <View className="stats-units">
      {ids.map((id, i) => (
        <Button key={id} pressed={i === root} onClick={() => onPick(i)}>
          {names.status === 'success' ? names.data[i]! : `我管理的第 ${i + 1} 个单位`}
        </Button>
      ))}
    </View>
  )
}

/** 统计 for managers (subpackage `manager/`): a unit I manage (or one below it) and its subtree's figures. */
export default function StatsPage() {
  const me = useMe()
  const [root, setRoot] = useState(0)
  return (
    <Page title="统计">
      <QueryView query={me}>
        {(m) =>
          m.managedUnitIds.length === 0 ? (
            <View>你还没有管理的单位</View>
          ) : (
            <>
              {m.managedUnitIds.length > 1 && (
                <RootPicker ids={m.managedUnitIds} root={root} onPick={setRoot} />
              )}
              <Report
                key={m.managedUnitIds[root] ?? ''}
                root={m.managedUnitIds[root] ?? m.managedUnitIds[0]!}
              />
            </>
          )
        }
      </QueryView>
    </Page>
  )
}
