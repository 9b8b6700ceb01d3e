import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { AdjustForm } from '@/features/credit/components/adjust-form'
import { useUnitName } from '@/features/credit/use-credit-admin'
import { useMe } from '@/lib/use-me'

/** 加减积分 (subpackage `manager/`): a manager's award or deduction with a reason. */
export default function CreditAdjustPage() {
  const { params } = useRouter()
  const me = useMe()
  const unitId = params.unitId ?? (me.status === 'success' ? (me.data.managedUnitIds[0] ?? null) : null)
  const name = useUnitName(unitId)
  return (
    <Page title="加减积分">
      {me.status === 'success' && !unitId ? (
        <Note>您还不是任何单位的专管员。</Note>
      ) : (
        <QueryView query={name} loadingText="正在加载…">
          {(unitName) => <AdjustForm unitId={unitId!} unitName={unitName} />}
        </QueryView>
      )}
    </Page>
  )
}
