import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { PlanView } from '@core/contract'
import { formatClock, formatDate } from '@core/time'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { dayName, KIND_NAMES, monthName } from '../month-label'
import { MonthEditor } from './month-editor'

/** 年度计划: twelve months, each a theme and key dates with their responsible units; center admins edit. */
export function PlanYear({ plan: loaded }: { plan: PlanView }) {
  const [plan, setPlan] = useState(loaded)
  const [editing, setEditing] = useState<string | null>(null)
  const [saved, setSaved] = useState<string>()
  return (
    <View>
      <Note>
        {plan.canEdit
          ? `${plan.centerName}的${plan.year}年计划：每月一个主题，重要日期各有责任单位。实践日提醒使用这里的主题。`
          : `${plan.centerName}的${plan.year}年计划，由中心管理员填写。`}
      </Note>
      {saved && <Note>{saved}</Note>}
      {plan.months.map((m) => (
        <Card key={m.month} label={`${monthName(m.month)}计划`}>
          <View className="plan-month__theme">
            {`${monthName(m.month)}主题：${m.theme ?? (m.fallbackTheme ? `${m.fallbackTheme}（实践日设置）` : '未定')}`}
          </View>
          {m.keyDates.map((k) => (
            <View key={`${k.kind}:${k.date}:${k.title}`} className="field">
              {`${dayName(k.date)} ${k.title}（${KIND_NAMES[k.kind]}）· 责任单位：${k.unitName}`}
            </View>
          ))}
          {editing === m.month ? (
            <MonthEditor
              plan={plan}
              month={m}
              onSaved={(next) => {
                setPlan(next)
                setEditing(null)
                setSaved(`已保存${monthName(m.month)}计划（第 ${next.version} 版）`)
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <>
              {plan.canEdit && (
                <Button onClick={() => setEditing(m.month)}>{`编辑${monthName(m.month)}计划`}</Button>
              )}
              <Button
                onClick={() => Taro.navigateTo({ url: `/manager/pages/plan-month/index?month=${m.month}` })}
              >
                {`${monthName(m.month)}计划与完成情况`}
              </Button>
            </>
          )}
        </Card>
      ))}
      {plan.history.length > 0 && (
        <Card label="修改记录">
          {plan.history.map((h) => (
            <View key={h.version} className="field">
              {`第 ${h.version} 版 · ${formatDate(h.at)} ${formatClock(h.at)} · 修改了${h.changedMonths.map(monthName).join('、')}`}
            </View>
          ))}
        </Card>
      )}
    </View>
  )
}
