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
  return (
    <Page title="志愿服务记录证明">
      <QueryView query={list} loadingText="正在加载证明…">
        {(data) => <IssuedCertificates items={data.items} unitIds={unitIds} onChanged={list.retry} />}
      </QueryView>
    </Page>
  )
}
