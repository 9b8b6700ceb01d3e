import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { IntegrityList } from '@/features/integrity/components/integrity-list'
import { useIntegrityList } from '@/features/integrity/use-integrity'

/** 异常核查 for managers (subpackage `manager/`). */
export default function IntegrityPage() {
  const list = useIntegrityList()
  return (
    <Page title="异常核查">
      <QueryView query={list} loadingText="正在加载…">
        {(data) => <IntegrityList items={data.items} />}
      </QueryView>
    </Page>
  )
}
