import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@/components/button'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { AdjustForm } from '@/features/credit/components/adjust-form'
import { RulesEditor } from '@/features/credit/components/rules-editor'
import { HandOverPanel, ItemsEditor } from '@/features/credit/components/shop-manager'
import { StarQueue } from '@/features/credit/components/star-queue'
import { StarSettingsEditor } from '@/features/credit/components/star-settings'
import { useShopItems } from '@/features/credit/use-credit'
import {
  useCenterId,
  useRules,
  useStarQueue,
  useStarSettings,
  useUnitName,
} from '@/features/credit/use-credit-admin'
import { useMe } from '@/lib/use-me'

/*
 * One page, four views (`?view=`): 爱心超市管理 (default), 加减积分 (adjust), 星级审核 (stars), 积分规则与星级设置
 * (rules). One page path instead of four: each path is also listed in the main package's app.json and
 * app.js, and the main package has no room left (docs/credit.md "Pages").
 */
type View = 'shop' | 'adjust' | 'stars' | 'rules'
const TITLES: Record<View, string> = {
  shop: '爱心超市管理',
  adjust: '加减积分',
  stars: '星级审核',
  rules: '积分规则',
}
const open = (view: View) => () =>
  void Taro.navigateTo({ url: `/manager/pages/credit/index?view=${view}` }).catch(() => undefined)

function ShopView({ unitId, noUnit }: { unitId: string | null; noUnit: boolean }) {
  const items = useShopItems(unitId)
  return (
    <>
      <HandOverPanel />
      <Button block onClick={open('adjust')}>
        加减积分
      </Button>
      <Button block onClick={open('stars')}>
        星级审核
      </Button>
      <Button block onClick={open('rules')}>
        积分规则与星级设置
      </Button>
      {noUnit ? (
        <Note>您还不是任何站点的专管员。</Note>
      ) : (
        <QueryView query={items} loadingText="正在加载物品…">
          {(data) => <ItemsEditor unitId={unitId!} items={data.items} onSaved={items.retry} />}
        </QueryView>
      )}
    </>
  )
}

function AdjustView({ unitId }: { unitId: string | null }) {
  const name = useUnitName(unitId)
  return (
    <QueryView query={name} loadingText="正在加载…">
      {(unitName) => <AdjustForm unitId={unitId!} unitName={unitName} />}
    </QueryView>
  )
}

function StarsView() {
  const queue = useStarQueue()
  return (
    <QueryView query={queue} loadingText="正在加载星级…">
      {(data) => <StarQueue stars={data.stars} onDecided={queue.retry} />}
    </QueryView>
  )
}

function RulesView({ given, managed }: { given?: string; managed: string | null }) {
  const center = useCenterId(given, managed)
  const centerId = center.status === 'success' ? center.data : null
  const rules = useRules(centerId)
  const stars = useStarSettings(centerId)
  return (
    <>
      <Note>积分规则和星级设置按中心统一设置，只有中心管理员可以保存；其他专管员可以查看。</Note>
      <QueryView query={rules} loadingText="正在加载积分规则…">
        {(data) => (
          <RulesEditor
            key={data.current.version}
            centerId={centerId!}
            current={data.current}
            versions={data.versions}
            onSaved={rules.retry}
          />
        )}
      </QueryView>
      <QueryView query={stars} loadingText="正在加载星级设置…">
        {(data) => <StarSettingsEditor settings={data.settings} onSaved={stars.retry} />}
      </QueryView>
    </>
  )
}

/** The credit context's manager page (subpackage `manager/`). */
export default function CreditManagerPage() {
  const { params } = useRouter()
  const view: View =
    params.view === 'adjust' || params.view === 'stars' || params.view === 'rules' ? params.view : 'shop'
  const me = useMe()
  const managed = me.status === 'success' ? (me.data.managedUnitIds[0] ?? null) : null
  const unitId = params.unitId ?? managed
  const noUnit = me.status === 'success' && !unitId
  return (
    <Page title={TITLES[view]}>
      {view === 'shop' && <ShopView unitId={unitId} noUnit={noUnit} />}
      {view !== 'shop' && noUnit && view !== 'stars' && <Note>您还不是任何单位的专管员。</Note>}
      {view === 'adjust' && !noUnit && <AdjustView unitId={unitId} />}
      {view === 'stars' && <StarsView />}
      {view === 'rules' && !noUnit && <RulesView given={params.centerId} managed={managed} />}
    </Page>
  )
}
