import { View } from '@tarojs/components'
import type { PlanMonthReport } from '@core/contract'
import { Card, Field, Note } from '@/components/card'
import { dayName, KIND_NAMES, monthName } from '../month-label'

/** A unit's month: the plan (theme, key dates with responsible units) against what was held. */
export function MonthReport({ report }: { report: PlanMonthReport }) {
  const name = monthName(report.month)
  return (
    <View>
      <Card label={`${report.unitName}${name}主题`}>
        <Field name="本月主题">{report.theme ?? '本月计划未定主题'}</Field>
        <Field name="举办活动">{`${report.activities} 场`}</Field>
        <Field name="属于本月主题">{`${report.themed} 场`}</Field>
      </Card>
      <Card label={`${name}重要日期`}>
        {report.keyDates.length === 0 && <Note>本月没有重要日期</Note>}
        {report.keyDates.map((k) => (
          <View key={`${k.kind}:${k.date}:${k.title}`} className="field">
            {`${dayName(k.date)} ${k.title}（${KIND_NAMES[k.kind]}）· 责任单位：${k.unitName} · ${
              k.held > 0 ? `已举办 ${k.held} 场` : '没有活动'
            }`}
          </View>
        ))}
      </Card>
    </View>
  )
}
