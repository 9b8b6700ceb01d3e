import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MyCreditView } from '@/features/credit/components/my-credit'
import { useMyCredit } from '@/features/credit/use-credit'

/** 我的积分 (subpackage `mine/`). */
export default function MyCreditPage() {
  const credit = useMyCredit()
  return (
    <Page title="我的积分">
      <QueryView query={credit} loadingText="正在查询积分…">
        {(data) => <MyCreditView credit={data} />}
      </QueryView>
    </Page>
  )
}
