import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { UnitForm } from '@/features/network/components/unit-form'
import { PrivacyConsent } from '@/features/privacy/privacy-consent'
import { childLevel } from '@core/network/rules'
import { api } from '@/lib/api'
import { useQuery } from '@/lib/use-query'

/** 新建下级单位 (`?parentId=`) or 修改单位信息 (`?id=`). */
export default function UnitEditPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  const parentId = params.parentId ? decodeURIComponent(params.parentId) : undefined
  const unitId = id ?? parentId
  const tree = useQuery(unitId ? `network:tree:${unitId}` : null, () => api.network.tree({ unitId: unitId! }))
  return (
    <Page title={id ? '修改单位信息' : '新建下级单位'}>
      <PrivacyConsent />
      <QueryView query={tree} loadingText="正在打开表单…">
        {({ unit }) => {
          if (id) return <UnitForm editing={unit} />
          const level = childLevel(unit.level)
          return level ? (
            <UnitForm parent={{ _id: unit._id, name: unit.name, childLevel: level }} />
          ) : (
            <Note>实践点下不能再建下级单位。</Note>
          )
        }}
      </QueryView>
    </Page>
  )
}
