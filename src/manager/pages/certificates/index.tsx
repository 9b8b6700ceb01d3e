import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { CertificatesList } from '@/features/certificates/components/certificates-list'
import { useCertificatesList } from '@/features/certificates/use-certificates'

/** 志愿服务记录证明 for managers (subpackage `manager/`). */
export default function CertificatesPage() {
  const list = useCertificatesList()
  return (
    <Page title="志愿服务记录证明">
      <QueryView query={list} loadingText="正在加载…">
        {(data) => <CertificatesList items={data.items} />}
      </QueryView>
    </Page>
  )
}
