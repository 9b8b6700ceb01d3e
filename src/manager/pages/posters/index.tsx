import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { PostersList } from '@/features/posters/components/posters-list'
import { usePostersList } from '@/features/posters/use-posters'

/** 活动预告 for managers (subpackage `manager/`). */
export default function PostersPage() {
  const list = usePostersList()
  return (
    <Page title="活动预告">
      <QueryView query={list} loadingText="正在加载…">
        {(data) => <PostersList items={data.items} />}
      </QueryView>
    </Page>
  )
}
