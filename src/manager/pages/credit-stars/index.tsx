import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { StarQueue } from '@/features/credit/components/star-queue'
import { useStarQueue } from '@/features/credit/use-credit-admin'

/** 星级审核 (subpackage `manager/`): approve or reject, 公示 in progress, awarded. */
export default function CreditStarsPage() {
  const queue = useStarQueue()
  return (
    <Page title="星级审核">
      <QueryView query={queue} loadingText="正在加载星级…">
        {(data) => <StarQueue stars={data.stars} onDecided={queue.retry} />}
      </QueryView>
    </Page>
  )
}
