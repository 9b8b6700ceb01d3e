import { View } from '@tarojs/components'
import type { StatFigures, StatsReport } from '@core/contract'
import { Card } from '@/components/card'
import './stats.css'

/** How each figure is named and written (docs/statistics.md). */
const FIGURES: Array<{ key: keyof StatFigures; label: string; show: (n: number) => string }> = [
  { key: 'activities', label: '活动场次', show: (n) => `${n} 场` },
  { key: 'attendances', label: '参与人次', show: (n) => `${n} 人次` },
  { key: 'serviceSessions', label: '志愿服务', show: (n) => `${n} 人次` },
  { key: 'serviceMinutes', label: '服务时长', show: (n) => `${Math.round((n / 60) * 10) / 10} 小时` },
]

/** A bar as a plain View: its width is the share of the largest value (no chart library). */
function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0
  return (
    <View className="stats-bar-row" aria-label={`${label}：${value}`}>
      <View className="stats-bar-label">{label}</View>
      <View className="stats-bar-track">
        <View className="stats-bar" style={{ width: `${pct}%` }} />
      </View>
      <View className="stats-bar-value">{value}</View>
    </View>
  )
}

/** The figures as a table, the child units ranked by 人次 as bars and a table, and the months of the year. */
export function StatsReportView({ report }: { report: StatsReport }) {
  const maxChild = Math.max(0, ...report.children.map((c) => c.figures.attendances))
  const maxMonth = Math.max(0, ...report.months.map((m) => m.attendances))
  return (
    <>
      <Card label={`${report.unit.name} · ${report.period.label}`}>
        {FIGURES.map((f) => (
          <View key={f.key} className="stats-row">
            <View>{f.label}</View>
            <View className="stats-num">{f.show(report.figures[f.key])}</View>
          </View>
        ))}
        {report.orders && (
          <View className="stats-row">
            <View>群众点单</View>
            <View className="stats-num">{`${report.orders.placed} 单`}</View>
          </View>
        )}
      </Card>
      {report.children.length > 0 && (
        <Card label="下级单位排行（按参与人次）">
          {report.children.map((c, i) => (
            <Bar key={c.unitId} label={`${i + 1}. ${c.name}`} value={c.figures.attendances} max={maxChild} />
          ))}
          {report.children.map((c) => (
            <View key={`t-${c.unitId}`} className="stats-row">
              <View>{c.name}</View>
              <View className="stats-num">{`${c.figures.activities} 场 · ${c.figures.attendances} 人次`}</View>
            </View>
          ))}
        </Card>
      )}
      <Card label={`${report.period.from.slice(0, 4)}年各月参与人次`}>
        {report.months.map((m, i) => (
          <Bar key={i} label={`${i + 1}月`} value={m.attendances} max={maxMonth} />
        ))}
      </Card>
    </>
  )
}
