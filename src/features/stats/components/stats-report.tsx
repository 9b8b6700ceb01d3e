import { View } from '@tarojs/components'
import { useState } from 'react'
import type { StatsReport } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { extraLines, figureLines, TREND_METRICS, trendValue } from '../figures-view'
import './stats.css'

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}`

/** A horizontal bar as plain Views: its length is the share of the largest value. */
function Bar({ value, max, label, text }: { value: number; max: number; label: string; text: string }) {
  const pct = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100)) : 0
  return (
    <View className="stats-bar-row" {...a11y({ role: 'listitem', label: `${label}：${text}` })}>
      <View className="stats-bar-label" {...a11y({ hidden: true })}>
        {label}
      </View>
      <View className="stats-bar-track" {...a11y({ hidden: true })}>
        <View className="stats-bar" style={{ width: `${pct}%` }} />
      </View>
      <View className="stats-bar-value" {...a11y({ hidden: true })}>
        {text}
      </View>
    </View>
  )
}

/** The twelve months as columns (plain Views), the chosen figure; the numbers are in the table below. */
function Trend({ report }: { report: StatsReport }) {
  const [metric, setMetric] = useState<(typeof TREND_METRICS)[number]['key']>('attendances')
  const values = report.months.map((m) => trendValue(m, metric))
  const max = Math.max(0, ...values)
  const name = TREND_METRICS.find((m) => m.key === metric)!.label
  const year = report.period.from.slice(0, 4)
  const current = report.period.kind === 'month' ? Number(report.period.from.slice(5, 7)) : 0
  return (
    <Card label={`${year}年各月趋势`}>
      <View className="stats-title">{`${year}年各月趋势（${name}）`}</View>
      <View className="stats-switch">
        {TREND_METRICS.map((m) => (
          <Button key={m.key} pressed={m.key === metric} onClick={() => setMetric(m.key)}>
            {m.label}
          </Button>
        ))}
      </View>
      <View
        className="stats-columns"
        {...a11y({
          role: 'group',
          label: `各月${name}：${values.map((v, i) => `${i + 1}月 ${v}`).join('，')}`,
        })}
      >
        {values.map((v, i) => (
          <View key={i} className="stats-column" {...a11y({ hidden: true })}>
            <View className="stats-column-track">
              <View
                className={i + 1 === current ? 'stats-column-bar stats-column-bar--now' : 'stats-column-bar'}
                style={{ height: `${max > 0 ? Math.round((v / max) * 100) : 0}%` }}
              />
            </View>
            <View className="stats-column-label">{i + 1}</View>
          </View>
        ))}
      </View>
      <View className="stats-table" {...a11y({ role: 'list', label: `${year}年各月数字` })}>
        <View className="stats-tr stats-th" {...a11y({ hidden: true })}>
          <View className="stats-td stats-td--name">月份</View>
          <View className="stats-td">场次</View>
          <View className="stats-td">人次</View>
          <View className="stats-td">时长</View>
        </View>
        {report.months.map((m, i) => (
          <View
            key={i}
            className="stats-tr"
            {...a11y({
              role: 'listitem',
              label: `${i + 1}月：${m.activities} 场，${m.attendances} 人次，${hours(m.serviceMinutes)} 小时`,
            })}
          >
            <View className="stats-td stats-td--name">{`${i + 1}月`}</View>
            <View className="stats-td">{m.activities}</View>
            <View className="stats-td">{m.attendances}</View>
            <View className="stats-td">{hours(m.serviceMinutes)}</View>
          </View>
        ))}
      </View>
    </Card>
  )
}

/**
 * A unit's period: its figures as a table, its child units ranked by 人次 (bars, then a table; each
 * child opens its own figures), and the twelve months of the year as columns and a table.
 */
export function StatsReportView({
  report,
  onOpen,
}: {
  report: StatsReport
  onOpen?: (unitId: string, name: string) => void
}) {
  const lines = [...figureLines(report.figures), ...extraLines(report)]
  const maxChild = Math.max(0, ...report.children.map((c) => c.figures.attendances))
  return (
    <>
      <Card label={`${report.unit.name} · ${report.period.label}`}>
        <View className="stats-title">{`${report.unit.name}`}</View>
        <View className="stats-sub">{`${report.period.label}（${report.period.from} 至 ${report.period.to}）`}</View>
        <View {...a11y({ role: 'list', label: '统计数字' })}>
          {lines.map((f) => (
            <View key={f.key} className="stats-row" {...a11y({ role: 'listitem' })}>
              <View>{f.label}</View>
              <View className="stats-num">{f.text}</View>
            </View>
          ))}
        </View>
      </Card>
      {report.children.length > 0 && (
        <Card label="下级单位排行">
          <View className="stats-title">下级单位排行（按参与人次）</View>
          <View {...a11y({ role: 'list', label: '下级单位参与人次' })}>
            {report.children.map((c, i) => (
              <Bar
                key={c.unitId}
                label={`${i + 1}. ${c.name}`}
                value={c.figures.attendances}
                max={maxChild}
                text={`${c.figures.attendances}`}
              />
            ))}
          </View>
          <View className="stats-table" {...a11y({ role: 'list', label: '下级单位数字' })}>
            {report.children.map((c, i) => (
              <View key={`t-${c.unitId}`} className="stats-child" {...a11y({ role: 'listitem' })}>
                <View className="stats-child-name">{`${i + 1}. ${c.name}`}</View>
                <View className="stats-child-nums">
                  {`${c.figures.activities} 场 · ${c.figures.attendances} 人次 · ${hours(c.figures.serviceMinutes)} 小时`}
                </View>
                {onOpen && (
                  <Button label={`查看${c.name}`} onClick={() => onOpen(c.unitId, c.name)}>
                    查看
                  </Button>
                )}
              </View>
            ))}
          </View>
        </Card>
      )}
      <Trend report={report} />
    </>
  )
}
