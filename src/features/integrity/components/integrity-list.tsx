import { View } from '@tarojs/components'
import { useState } from 'react'
import type { FlagView } from '@core/contract'
import { a11y } from '@/components/a11y'
import { Button } from '@/components/button'
import { Card, Field, Note } from '@/components/card'
import { ErrorNotice } from '@/components/error-notice'
import { TextField } from '@/components/form-fields'
import { api } from '@/lib/api'
import { useMutation } from '@/lib/use-mutation'
import { deductionRequestId, evidenceLines, shanghaiTime } from '../integrity-text'

const OUTCOME_NAMES = { open: '待核查', dismissed: '核实无误', confirmed: '确认违规' } as const

/**
 * After 确认违规: the credit deduction, as an explicit step of its own (credit.adjust). Never automatic;
 * the manager picks the person, the points and the reason.
 */
function DeductionStep({ flag }: { flag: FlagView }) {
  const [openid, setOpenid] = useState(flag.people[0]?.openid ?? '')
  const [points, setPoints] = useState('')
  const [reason, setReason] = useState(`异常核查确认违规：${flag.kindName}`.slice(0, 100))
  const [state, run] = useMutation(() =>
    api.credit.adjust({
      unitId: flag.unitId,
      openid,
      points: -Math.abs(Number(points)),
      reason,
      requestId: deductionRequestId(flag._id, openid),
    }),
  )
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <View className="card">
      <Note>如需扣减积分，请另行办理（不会自动扣减）：</Note>
      {flag.people.length > 1 &&
        flag.people.map((p) => (
          <Button key={p.openid} onClick={() => setOpenid(p.openid)} pressed={p.openid === openid}>
            {p.name ?? '未留姓名'}
          </Button>
        ))}
      <TextField
        id={`integrity-${flag._id}-points`}
        label="扣减积分（1–1000）"
        type="number"
        value={points}
        onChange={setPoints}
        error={fields.points}
      />
      <TextField
        id={`integrity-${flag._id}-reason`}
        label="扣减原因"
        value={reason}
        maxLength={100}
        onChange={setReason}
        error={fields.reason}
      />
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      {state.status === 'success' && (
        <View {...a11y({ role: 'status' })}>
          已扣减 {Math.abs(state.data.line.points)} 分{state.data.duplicate ? '（此前已办理）' : ''}
        </View>
      )}
      <Button
        block
        disabled={state.status === 'pending' || state.status === 'success' || !points || !openid}
        onClick={() => void run()}
      >
        扣减积分
      </Button>
    </View>
  )
}

function ResolveForm({ flag, onResolved }: { flag: FlagView; onResolved: (f: FlagView) => void }) {
  const [note, setNote] = useState('')
  const [state, run] = useMutation(async (outcome: 'dismissed' | 'confirmed') => {
    const res = await api.integrity.resolve({ id: flag._id, outcome, note })
    onResolved(res.flag)
    return res
  })
  const fields = state.status === 'error' ? (state.error.fields ?? {}) : {}
  return (
    <>
      <TextField
        id={`integrity-${flag._id}-note`}
        label="核查说明（确认违规时必填）"
        value={note}
        multiline
        maxLength={200}
        onChange={setNote}
        error={fields.note}
      />
      {state.status === 'error' && <ErrorNotice message={state.error.message} />}
      <Button block disabled={state.status === 'pending'} onClick={() => void run('dismissed')}>
        核实无误
      </Button>
      <Button
        variant="primary"
        block
        disabled={state.status === 'pending'}
        onClick={() => void run('confirmed')}
      >
        确认违规
      </Button>
    </>
  )
}

/** One flag: what, where, the evidence, and (open) the two outcomes. */
export function FlagCard({ flag: initial }: { flag: FlagView }) {
  const [flag, setFlag] = useState(initial)
  const [justConfirmed, setJustConfirmed] = useState(false)
  return (
    <Card label={`${flag.kindName}：${flag.summary}`}>
      <View className="heading heading--3">{flag.kindName}</View>
      <View className="field">{flag.summary}</View>
      <Field name="单位">{flag.unitName}</Field>
      <Field name="发现时间">{shanghaiTime(flag.raisedAt)}</Field>
      <Field name="状态">{OUTCOME_NAMES[flag.status]}</Field>
      <View className="field" {...a11y({ role: 'list' })}>
        {evidenceLines(flag.evidence).map((line, i) => (
          <View key={i} className="field__value" {...a11y({ role: 'listitem' })}>
            {line}
          </View>
        ))}
      </View>
      {flag.status !== 'open' && (
        <Note>
          {flag.resolvedByName ?? '专管员'}于 {flag.resolvedAt ? shanghaiTime(flag.resolvedAt) : ''} 处理为「
          {OUTCOME_NAMES[flag.status]}」{flag.note ? `：${flag.note}` : ''}
        </Note>
      )}
      {flag.canResolve && (
        <ResolveForm
          flag={flag}
          onResolved={(f) => {
            setFlag(f)
            setJustConfirmed(f.status === 'confirmed')
          }}
        />
      )}
      {justConfirmed && <DeductionStep flag={flag} />}
    </Card>
  )
}

/** The flags of one page, one card each. */
export function FlagList({ items, status }: { items: FlagView[]; status: FlagView['status'] }) {
  if (items.length === 0)
    return (
      <Note>
        {status === 'open' ? '没有待核查的异常，做得好。' : `没有「${OUTCOME_NAMES[status]}」的记录。`}
      </Note>
    )
  return (
    <>
      {items.map((flag) => (
        <FlagCard key={`${flag._id}:${flag.status}`} flag={flag} />
      ))}
    </>
  )
}
