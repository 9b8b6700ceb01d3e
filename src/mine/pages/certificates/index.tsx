import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { MyCertificates } from '@/features/certificates/components/my-certificates'
import { useMyCertificates } from '@/features/certificates/use-certificates'

/** 我的证书 (subpackage `mine/`): request a 志愿服务记录证明 for a period, open the PDFs. */
export default function MyCertificatesPage() {
  const mine = useMyCertificates()
  // once loaded, the view stays mounted through reloads (a request's 已出具 note must not vanish)
  return (
    <Page title="我的证书">
      {mine.data ? (
        <MyCertificates items={mine.data.items} isVolunteer={mine.data.isVolunteer} onChanged={mine.retry} />
      ) : (
        <QueryView query={mine} loadingText="正在加载我的证书…">
          {(data) => (
            <MyCertificates items={data.items} isVolunteer={data.isVolunteer} onChanged={mine.retry} />
          )}
        </QueryView>
      )}
    </Page>
  )
}
