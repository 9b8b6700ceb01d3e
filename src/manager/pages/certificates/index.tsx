import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { IssuedCertificates } from '@/features/certificates/components/issued-certificates'
import { useIssuedCertificates } from '@/features/certificates/use-certificates'
import { useMe } from '@/lib/use-me'

/** 志愿服务记录证明 for managers (subpackage `manager/`): issuer settings, issue, the issued list, revoke. */
export default function CertificatesPage() {
  const list = useIssuedCertificates()
  const me = useMe()
  const unitIds = me.status === 'success' ? me.data.managedUnitIds : []
  const view = (items: NonNullable<typeof list.data>['items']) => (
    <IssuedCertificates items={items} unitIds={unitIds} onChanged={list.retry} />
  )
  // once loaded, the view stays mounted through reloads (forms keep what was typed and their notes)
  return (
    <Page title="志愿服务记录证明">
      {list.data ? (
        view(list.data.items)
      ) : (
        <QueryView query={list} loadingText="正在加载证明…">
          {(data) => view(data.items)}
        </QueryView>
      )}
    </Page>
  )
}
