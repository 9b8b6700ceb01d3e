import { useState } from 'react'
import { formatDate } from '@core/time'
import { Button } from '@/components/button'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PlanYear } from '@/features/plans/components/plan-year'
import { usePlan } from '@/features/plans/use-plans'

/** 年度计划 (subpackage `manager/`): this year's plan or next year's. */
export default function PlanPage() {
  const thisYear = Number(formatDate(Date.now()).slice(0, 4))
  const [year, setYear] = useState(String(thisYear))
  const plan = usePlan(year)
  const other = year === String(thisYear) ? String(thisYear + 1) : String(thisYear)
  return (
    <Page title={`${year}年度计划`}>
      <Button onClick={() => setYear(other)}>{`看${other}年计划`}</Button>
      <QueryView query={plan} loadingText="正在加载年度计划…">
        {(data) => <PlanYear key={`${data.year}:${data.version}`} plan={data} />}
      </QueryView>
    </Page>
  )
}
