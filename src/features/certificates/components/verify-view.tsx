import { View } from '@tarojs/components'
import type { CertificateCheck } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Card, Field, Note } from '@/components/card'
import { grouped } from '../text'
import './certificates.css'

/** The public check: number, masked name, hours, issuer, date — and whether it was revoked. Nothing else. */
export function VerifyView({ check }: { check: CertificateCheck }) {
  const revoked = check.status === 'revoked'
  return (
    <Card label="核验结果">
      <View className={revoked ? 'cert-status--revoked' : 'cert-row__title'} {...a11y({ role: 'status' })}>
        {revoked ? `此证明已于 ${check.revokedOn} 被出具单位撤销，不再有效` : '此证明真实有效'}
      </View>
      <Field name="证书编号">{grouped(check.number)}</Field>
      <Field name="志愿者">{check.maskedName}</Field>
      <Field name="志愿服务时长">{check.hours} 小时</Field>
      <Field name="出具单位">{check.issuerUnitName}</Field>
      <Field name="出具日期">{check.issuedOn}</Field>
      <Note>为保护个人信息，核验页只显示以上内容。如有疑问，请联系出具单位。</Note>
    </Card>
  )
}
