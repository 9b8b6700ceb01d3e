import { View } from '@tarojs/components'
import { useState } from 'react'
import type { CertificateView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { DateField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { defaultPeriod, grouped, hours } from '../text'
import { CertificateItem } from './certificate-item'

/**
 * 我的证书: ask for a 志愿服务记录证明 of a period (free, issued at once from the confirmed hours), and the
 * certificates already issued, each opening as a PDF.
 */
export function MyCertificates({
  items,
  isVolunteer,
  onChanged,
}: {
  items: CertificateView[]
  isVolunteer: boolean
  onChanged: () => void
}) {
  const [period, setPeriod] = useState(defaultPeriod)
  const [state, run] = useMutation(async () => {
    const res = await api.certificates.request(period)
    onChanged()
    return res
  })
  return (
    <>
      {isVolunteer ? (
        <Card label="申请志愿服务记录证明">
          <Heading>申请证明（免费）</Heading>
          <DateField
            id="cert-from"
            label="开始日期"
            value={period.from}
            onChange={(from) => setPeriod({ ...period, from })}
          />
          <DateField
            id="cert-to"
            label="结束日期"
            value={period.to}
            onChange={(to) => setPeriod({ ...period, to })}
          />
          <Button variant="primary" block disabled={state.status === 'pending'} onClick={() => void run()}>
            {state.status === 'pending' ? '正在出具…' : '申请这段时间的证明'}
          </Button>
          {state.status === 'error' && <ErrorNotice message={state.error.message} />}
          {state.status === 'success' && (
            <View {...a11y({ role: 'status' })}>
              <Note>
                {state.data.reused ? '这段时间的证明已出具过：' : '证明已出具：'}编号{' '}
                {grouped(state.data.certificate.number)}，共 {hours(state.data.certificate.minutes)}。
              </Note>
            </View>
          )}
        </Card>
      ) : (
        <Note>成为注册志愿者并有经确认的服务时长后，可以在这里申请志愿服务记录证明。</Note>
      )}
      <Heading>已出具的证明</Heading>
      {items.length === 0 ? (
        <Note>还没有出具过证明。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '我的证书' })}>
          {items.map((c) => (
            <CertificateItem key={c.number} c={c} />
          ))}
        </View>
      )}
      <Note>证明上的二维码可供任何人扫码核验；核验页只显示编号、打码的姓名、时长和出具单位。</Note>
    </>
  )
}
