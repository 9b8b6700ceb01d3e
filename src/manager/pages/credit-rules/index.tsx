import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { RulesEditor } from '@/features/credit/components/rules-editor'
import { StarSettingsEditor } from '@/features/credit/components/star-settings'
import { useCenterId, useRules, useStarSettings } from '@/features/credit/use-credit-admin'
import { useMe } from '@/lib/use-me'

/** 积分规则 and 星级设置 of a center (subpackage `manager/`); only its admins can save. */
export default function CreditRulesPage() {
  const { params } = useRouter()
  const me = useMe()
  const managed = me.status === 'success' ? (me.data.managedUnitIds[0] ?? null) : null
  const center = useCenterId(params.centerId, managed)
  const centerId = center.status === 'success' ? center.data : null
  const rules = useRules(centerId)
  const stars = useStarSettings(centerId)
  return (
    <Page title="积分规则">
      {me.status === 'success' && !managed && !params.centerId ? (
        <Note>您还不是任何单位的专管员。</Note>
      ) : (
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
      )}
    </Page>
  )
}
