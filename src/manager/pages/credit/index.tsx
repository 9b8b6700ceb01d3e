import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { HandOverPanel, ItemsEditor } from '@/features/credit/components/shop-manager'
import { useShopItems } from '@/features/credit/use-credit'
import { useMe } from '@/lib/use-me'

// the credit admin pages (manager subpackage): links kept here, out of the shared navigate.ts
const go = (url: string) => () => void Taro.navigateTo({ url }).catch(() => undefined)
const openCreditAdjust = go('/manager/pages/credit-adjust/index')
const openStarQueue = go('/manager/pages/credit-stars/index')
const openCreditRules = go('/manager/pages/credit-rules/index')

/** 爱心超市管理 for a station's managers (subpackage `manager/`): 核销 and the goods. */
export default function ShopManagerPage() {
  const { params } = useRouter()
  const me = useMe()
  const unitId = params.unitId ?? (me.status === 'success' ? (me.data.managedUnitIds[0] ?? null) : null)
  const items = useShopItems(unitId)
  return (
    <Page title="爱心超市管理">
      <HandOverPanel />
      <Button block onClick={openCreditAdjust}>
        加减积分
      </Button>
      <Button block onClick={openStarQueue}>
        星级审核
      </Button>
      <Button block onClick={openCreditRules}>
        积分规则与星级设置
      </Button>
      {me.status === 'success' && !unitId ? (
        <Note>您还不是任何站点的专管员。</Note>
      ) : (
        <QueryView query={items} loadingText="正在加载物品…">
          {(data) => <ItemsEditor unitId={unitId!} items={data.items} onSaved={items.retry} />}
        </QueryView>
      )}
    </Page>
  )
}
