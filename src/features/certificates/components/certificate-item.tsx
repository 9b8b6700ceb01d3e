import { View } from '@tarojs/components'
import type { CertificateView } from '@core/contract'
import { formatDate } from '@core/time'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { ErrorNotice } from '@/components/error-notice'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { openDocument } from '@/lib/open-document'
import { grouped, hours, periodText } from '../text'
import './certificates.css'

/** One certificate in a list: number, period, hours, issuer, status; 打开证明 (PDF) while it is valid. */
export function CertificateItem({ c, children }: { c: CertificateView; children?: React.ReactNode }) {
  const [state, run] = useMutation(async () => {
    const file = await api.certificates.pdf({ number: c.number })
    if (!file.url) throw new Error('证明文件链接暂时拿不到，请再点一次')
    await openDocument(file.url, file.name, 'pdf', '证明文件下载失败，请稍后再试')
    return file
  })
  const revoked = c.status === 'revoked'
  return (
    <View className="cert-row" {...a11y({ role: 'listitem' })}>
      <View className="cert-row__title">
        {c.name} · {hours(c.minutes)}
      </View>
      <View className="cert-number">编号 {grouped(c.number)}</View>
      <View className="cert-row__line">服务时段：{periodText(c)}</View>
      <View className="cert-row__line">
        出具单位：{c.issuer.unitName}（{formatDate(c.issuedAt)}）
      </View>
      {revoked ? (
        <View className="cert-status--revoked">
          已于 {formatDate(c.revokedAt ?? c.issuedAt)} 撤销{c.revokeReason ? `：${c.revokeReason}` : ''}
        </View>
      ) : (
        <Button block onClick={() => void run()} disabled={state.status === 'pending'}>
          {state.status === 'pending' ? '正在生成证明文件…' : '打开证明（PDF，可保存或打印）'}
        </Button>
      )}
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      {children}
    </View>
  )
}
