import { useRouter } from '@tarojs/taro'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { HoldersPanel } from '@/features/network/components/holders-panel'
import { RetirePanel } from '@/features/network/components/retire-panel'
import { UnitTreeView } from '@/features/network/components/unit-tree'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 单位与专管员: the unit tree from the manager's own unit down, its people and invitations. */
export default function UnitsPage() {
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : undefined
  const tree = useQuery(
    `network:tree:${unitId ?? 'mine'}`,
    () => api.network.tree(unitId ? { unitId } : {}),
    {
      refreshOnShow: true,
    },
  )
  return (
    <Page title={tree.status === 'success' ? tree.data.unit.name : '单位与专管员'}>
      <QueryView query={tree} loadingText="正在打开单位…">
        {(data) => (
          <>
            <UnitTreeView tree={data} />
            {data.canRetire && <RetirePanel unit={data.unit} />}
            <HoldersPanel unitId={data.unit._id} />
          </>
        )}
      </QueryView>
    </Page>
  )
}
