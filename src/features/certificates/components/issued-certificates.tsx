import { View } from '@tarojs/components'
import { useState } from 'react'
import type { CertificateView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { DateField, TextField } from '@/components/form-fields'
import { Heading } from '@/components/heading'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { defaultPeriod, grouped } from '../text'
import { CertificateItem } from './certificate-item'

/** The revoke control of one certificate: a reason, then 撤销 (managers of the issuing unit or above). */
function RevokeControl({ c, onChanged }: { c: CertificateView; onChanged: () => void }) {
  const [reason, setReason] = useState('')
  const [state, run] = useMutation(async () => {
    const res = await api.certificates.revoke({ number: c.number, reason })
    onChanged()
    return res
  })
  if (!c.canRevoke || c.status === 'revoked') return null
  return (
    <View>
      <TextField
        id={`revoke-${c.number}`}
        label="撤销原因"
        value={reason}
        onChange={setReason}
        maxLength={200}
      />
      <Button block disabled={state.status === 'pending'} onClick={() => void run()}>
        撤销证明 {grouped(c.number)}
      </Button>
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
    </View>
  )
}

/** Issuer settings of a unit the manager holds: 负责人, 经办人, 联系电话. */
function IssuerForm({ unitId }: { unitId: string }) {
  const [form, setForm] = useState({ head: '', handler: '', phone: '' })
  const [loaded, load] = useMutation(async () => {
    const res = await api.certificates.issuerGet({ unitId })
    if (res.issuer) setForm({ head: res.issuer.head, handler: res.issuer.handler, phone: res.issuer.phone })
    return res
  })
  const [saved, save] = useMutation(() => api.certificates.issuerSet({ unitId, ...form }))
  return (
    <Card label="证明出具信息">
      <Heading>证明出具信息</Heading>
      {loaded.status === 'idle' && (
        <Button block onClick={() => void load()}>
          查看或修改出具信息
        </Button>
      )}
      {loaded.status === 'error' && <ErrorNotice message={loaded.error.message} />}
      {loaded.status === 'success' && (
        <>
          <TextField
            id="issuer-head"
            label="负责人"
            value={form.head}
            onChange={(head) => setForm({ ...form, head })}
          />
          <TextField
            id="issuer-handler"
            label="经办人"
            value={form.handler}
            onChange={(handler) => setForm({ ...form, handler })}
          />
          <TextField
            id="issuer-phone"
            label="联系电话"
            type="tel"
            value={form.phone}
            onChange={(phone) => setForm({ ...form, phone })}
          />
          <Button variant="primary" block disabled={saved.status === 'pending'} onClick={() => void save()}>
            保存出具信息
          </Button>
          {saved.status === 'error' && <ErrorNotice message={saved.error.message} />}
          {saved.status === 'success' && <Note>已保存，此后出具的证明使用新的信息。</Note>}
        </>
      )}
    </Card>
  )
}

/** A manager issues a certificate for a volunteer of their subtree, by volunteer number. */
function IssueForm({ onChanged }: { onChanged: () => void }) {
  const [form, setForm] = useState({ volunteerNumber: '', ...defaultPeriod() })
  const [state, run] = useMutation(async () => {
    const res = await api.certificates.issue(form)
    onChanged()
    return res
  })
  return (
    <Card label="为志愿者出具证明">
      <Heading>为志愿者出具证明</Heading>
      <TextField
        id="issue-number"
        label="志愿者编号"
        value={form.volunteerNumber}
        onChange={(volunteerNumber) => setForm({ ...form, volunteerNumber })}
      />
      <DateField
        id="issue-from"
        label="开始日期"
        value={form.from}
        onChange={(from) => setForm({ ...form, from })}
      />
      <DateField id="issue-to" label="结束日期" value={form.to} onChange={(to) => setForm({ ...form, to })} />
      <Button variant="primary" block disabled={state.status === 'pending'} onClick={() => void run()}>
        出具证明
      </Button>
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      {state.status === 'success' && <Note>已出具：编号 {grouped(state.data.certificate.number)}。</Note>}
    </Card>
  )
}

/** 志愿服务记录证明 (managers): issuer settings per unit, issue for a volunteer, and the issued list with revoke. */
export function IssuedCertificates({
  items,
  unitIds,
  onChanged,
}: {
  items: CertificateView[]
  unitIds: string[]
  onChanged: () => void
}) {
  return (
    <>
      {unitIds.map((id) => (
        <IssuerForm key={id} unitId={id} />
      ))}
      <IssueForm onChanged={onChanged} />
      <Heading>已出具的证明</Heading>
      {items.length === 0 ? (
        <Note>您管理的单位还没有出具过证明。</Note>
      ) : (
        <View className="list" {...a11y({ role: 'list', label: '已出具的证明' })}>
          {items.map((c) => (
            <CertificateItem key={c.number} c={c}>
              <RevokeControl c={c} onChanged={onChanged} />
            </CertificateItem>
          ))}
        </View>
      )}
    </>
  )
}
