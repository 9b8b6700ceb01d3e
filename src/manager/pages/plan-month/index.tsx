import { useRouter } from '@tarojs/taro'
import { addMonths, isMonthKey, monthKeyOf } from '@core/notices/schedule'
import { useState } from 'react'
import { Button } from '@/components/button'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MonthReport } from '@/features/plans/components/month-report'
import { monthName } from '@/features/plans/month-label'
import { useMonthReport } from '@/features/plans/use-plans'

/** 月计划与完成情况 (subpackage `manager/`): `?unitId=` (default the manager's unit) and `?month=YYYY-MM`. */
export default function PlanMonthPage() {
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined
  const [month, setMonth] = useState(
    params.month && isMonthKey(params.month) ? params.month : monthKeyOf(Date.now()),
  )
  const report = useMonthReport(unitId, month)
  return (
    <Page title={`${month.slice(0, 4)}年${monthName(month)}计划与完成情况`}>
      <Button onClick={() => setMonth(addMonths(month, -1))}>上个月</Button>
      <Button onClick={() => setMonth(addMonths(month, 1))}>下个月</Button>
      <QueryView query={report} loadingText="正在加载…">
        {(data) => <MonthReport report={data} />}
      </QueryView>
    </Page>
  )
}
