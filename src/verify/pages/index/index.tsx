import { useRouter } from '@tarojs/taro'
import { Note } from '@/components/card'
import { Page } from '@/components/page'
import { QueryView } from '@/components/query-view'
import { VerifyView } from '@/features/certificates/components/verify-view'
import { useVerify } from '@/features/certificates/use-certificates'

/**
 * 证明核验 (subpackage `verify/`): the page a certificate's QR opens (`?n=<number>`), for anyone: whether
 * the number was issued, to whom (masked), for how many hours, by which unit — or that it was revoked.
 */
export default function VerifyPage() {
  const { params } = useRouter()
  const number = decodeURIComponent(params.n ?? '')
  const check = useVerify(number)
  return (
    <Page title="志愿服务记录证明核验">
      {number ? (
        <QueryView query={check} loadingText="正在核验…">
          {(data) => <VerifyView check={data.check} />}
        </QueryView>
      ) : (
        <Note>请扫描证明上的二维码进行核验。</Note>
      )}
    </Page>
  )
}
