import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PlansList } from '@/features/plans/components/plans-list'
import { usePlansList } from '@/features/plans/use-plans'

/** 年度计划 for managers (subpackage `manager/`). */
export default function PlansPage() {
  const list = usePlansList()
  return (
    <Page title="年度计划">
      <QueryView query={list} loadingText="正在加载…">
        {(data) => <PlansList items={data.items} />}
      </QueryView>
    </Page>
  )
}
