import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@/components/button'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MonthReport } from '@/features/plans/components/month-report'
import { monthName, shiftMonth } from '@/features/plans/month-label'
import { useMonthReport } from '@/features/plans/use-plans'

function thisMonth(): string {
  const now = new Date(Date.now() + 8 * 3600_000)
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 月计划与完成情况 (subpackage `manager/`): `?unitId=` (default the manager's unit) and `?month=YYYY-MM`. */
export default function PlanMonthPage() {
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined
  const [month, setMonth] = useState(
    params.month && /^\d{4}-\d{2}$/.test(params.month) ? params.month : thisMonth(),
  )
  const report = useMonthReport(unitId, month)
  return (
    <Page title={`${month.slice(0, 4)}年${monthName(month)}计划与完成情况`}>
      <Button onClick={() => setMonth(shiftMonth(month, -1))}>上个月</Button>
      <Button onClick={() => setMonth(shiftMonth(month, 1))}>下个月</Button>
      <QueryView query={report} loadingText="正在加载…">
        {(data) => <MonthReport report={data} />}
      </QueryView>
    </Page>
  )
}
