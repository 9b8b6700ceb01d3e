import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MyRedemptions, ShopItems } from '@/features/credit/components/shop'
import { useMyCredit, useMyRedemptions, useShopItems } from '@/features/credit/use-credit'
import { useMe } from '@/lib/use-me'

/** 爱心超市 of a station (`?unitId=`, else the person's home station) and 我的兑换 (subpackage `mine/`). */
export default function ShopPage() {
  const { params } = useRouter()
  const me = useMe()
  const unitId = params.unitId ?? (me.status === 'success' ? me.data.homeUnitId : null)
  const items = useShopItems(unitId)
  const credit = useMyCredit()
  const mine = useMyRedemptions()
  const changed = () => {
    items.retry()
    credit.retry()
    mine.retry()
  }
  // once loaded, the goods stay mounted through the reload a redemption starts, so the row's 已兑换 note
  // stays on screen next to the new stock
  return (
    <Page title="爱心超市">
      {credit.status === 'success' && <Note>我的可用积分：{credit.data.balance} 分</Note>}
      {me.status === 'success' && !unitId ? (
        <Note>请先在首页选择或扫码进入您所在的站点，再来兑换。</Note>
      ) : items.status !== 'error' && items.data ? (
        <ShopItems items={items.data.items} onRedeemed={changed} />
      ) : (
        <QueryView query={items} loadingText="正在加载物品…">
          {(data) => <ShopItems items={data.items} onRedeemed={changed} />}
        </QueryView>
      )}
      <QueryView query={mine} loadingText="正在加载我的兑换…">
        {(data) => <MyRedemptions list={data.redemptions} onChanged={changed} />}
      </QueryView>
    </Page>
  )
}
